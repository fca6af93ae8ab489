package org.apache.kylin.asyncquery.kylinhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;

import javax.servlet.DispatcherType;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletRegistration;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.asyncquery.e2e.SlowUploads;
import org.apache.kylin.rest.asyncquery.api.AsyncQueryController;
import org.apache.kylin.rest.asyncquery.store.MiniHdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.support.XmlWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged thin plugin jar inside a Spring web context built the way Kylin 4's webapp builds its own: context
 * {@code /kylin}, a root context that component-scans {@code org.apache.kylin.rest}, Spring Security's filter chain
 * with Basic authentication, and an empty dispatcher context at {@code /api/*}. The Kylin server itself is FAKED
 * ({@link FakeKylinHost}); the working directory is a real HDFS laid out as Kylin's.
 */
class KylinHostIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    static MiniHdfs hdfs;
    static Tomcat tomcat;
    static String kylinWorkingDir;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(temp, 1);
        // What KylinConfig.getHdfsWorkingDirectory() gives for kylin.env.hdfs-working-dir=.../kylin, prefix ci_cube.
        kylinWorkingDir = hdfs.uri() + "/kylin/ci_cube/";
        System.setProperty("kylinhost.test-data", Path.of("test-data").toAbsolutePath().toString());
        System.setProperty("kylinhost.hdfs-working-dir", kylinWorkingDir);

        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(temp.resolve("tomcat")).toString());
        tomcat.setPort(0);
        // What the README asks of a Kylin host: never read the rest of a body nobody wants (Tomcat's default reads
        // up to 2 MiB of it, waiting on a slow client), but close.
        tomcat.getConnector().setProperty("maxSwallowSize", "0");
        Context context = tomcat.addContext("/kylin", temp.toString());
        context.addServletContainerInitializer((classes, servletContext) -> {
            XmlWebApplicationContext root = new XmlWebApplicationContext();
            root.setConfigLocations("classpath:kylin-host/applicationContext.xml",
                    "classpath:kylin-host/kylinSecurity.xml");
            servletContext.addListener(new ContextLoaderListener(root));
            FilterRegistration.Dynamic security = servletContext.addFilter("springSecurityFilterChain",
                    new DelegatingFilterProxy("springSecurityFilterChain"));
            security.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            XmlWebApplicationContext servlet = new XmlWebApplicationContext();
            servlet.setConfigLocation("classpath:kylin-host/kylin-servlet.xml");
            ServletRegistration.Dynamic kylin = servletContext.addServlet("kylin", new DispatcherServlet(servlet));
            kylin.addMapping("/api/*");
            kylin.setLoadOnStartup(1);
        }, Collections.emptySet());
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        hdfs.close();
    }

    @Test
    void thePluginsClassesComeFromTheThinJar() {
        String location = AsyncQueryController.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertThat(location).endsWith(Path.of(System.getProperty("plugin.jar")).getFileName().toString());
    }

    @Test
    void theKapExampleRunsThroughTheHostAndLandsInKylinsWorkingDirectory() throws Exception {
        JsonNode submitted = send("ADMIN:KYLIN", "POST", "/async_query", "[{\"sql\":\"select count(*),L_RETURNFLAG "
                + "from v_lineitem group by L_RETURNFLAG\",\"separator\":\",\",\"project\":\"tpch_kap_24\"}]");
        assertThat(submitted.path("code").asText()).isEqualTo("000");
        String id = submitted.path("data").path("queryID").asText();
        assertThat(awaitStatus(id)).isEqualTo("SUCCESSFUL");

        assertThat(send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/metadata", null).path("data").get(1)
                .toString()).isEqualTo("[\"BIGINT\",\"VARCHAR\"]");
        String path = send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/result_path", null).path("data").asText();
        assertThat(path).isEqualTo(hdfs.uri() + "/kylin/ci_cube/async_query_result/" + id);
        FileSystem fs = hdfs.fileSystem();
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(path, "result.csv"))).isTrue();
        HttpResponse<String> download = raw("ADMIN:KYLIN", "GET", "/async_query/" + id + "/result_download", null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body().split("\r\n")).hasSizeGreaterThan(1);
    }

    @Test
    void theRequestsLimitGoesThroughKylinsSqlMassaging() throws Exception {
        String id = send("ADMIN:KYLIN", "POST", "/async_query",
                "{\"sql\":\"select * from p_lineorder\",\"offset\":0,\"limit\":7,\"project\":\"ssb\"}")
                .path("data").path("queryID").asText();
        assertThat(awaitStatus(id)).isEqualTo("SUCCESSFUL");
        assertThat(raw("ADMIN:KYLIN", "GET", "/async_query/" + id + "/result", null).body().split("\r\n"))
                .hasSize(7);
    }

    @Test
    void kylinsProjectPermissionRefusesASubmitAndNothingIsWritten() throws Exception {
        long before = queryFolders();
        HttpResponse<String> refused = raw("ANALYST:ANALYST", "POST", "/async_query",
                "{\"sql\":\"select 1\",\"project\":\"ssb\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("error_code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(body.path("msg").asText()).contains("ANALYST").contains("ssb");
        assertThat(queryFolders()).isEqualTo(before);
    }

    @Test
    void theCurrentUserAndAdminRoleComeFromTheHostsSecurity() throws Exception {
        String id = send("ANALYST:ANALYST", "POST", "/async_query", "{\"sql\":\"select 1\"}")
                .path("data").path("queryID").asText();
        assertThat(raw("MODELER:MODELER", "GET", "/async_query/" + id + "/status", null).statusCode()).isEqualTo(403);
        assertThat(raw("ADMIN:KYLIN", "GET", "/async_query/" + id + "/status", null).statusCode()).isEqualTo(200);
        assertThat(raw(null, "GET", "/async_query/" + id + "/status", null).statusCode()).isEqualTo(401);
    }

    @Test
    void thePluginsErrorHandlingLeavesTheHostsControllersAlone() throws Exception {
        HttpResponse<String> hostError = raw("ADMIN:KYLIN", "GET", "/host_stand_in", null);
        assertThat(hostError.statusCode()).isEqualTo(500);
        assertThat(hostError.body()).doesNotContain("error_code");
        HttpResponse<String> ours = raw("ADMIN:KYLIN", "GET", "/async_query/not-a-uuid/status", null);
        assertThat(ours.statusCode()).isEqualTo(400);
        assertThat(ours.body()).contains("\"error_code\":\"INVALID_QUERY_ID\"");
    }

    @Test
    void theHostRefusesCrossSiteAndNonJsonSubmitsBeforeReadingThem() throws Exception {
        long before = queryFolders();
        HttpResponse<String> crossSite = raw("ANALYST:ANALYST", "POST", "/async_query", "{\"sql\":\"select 1\"}",
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("\"error_code\":\"CROSS_SITE_REQUEST\"");
        HttpResponse<String> crossSiteDelete = raw("ANALYST:ANALYST", "DELETE", "/async_query", null,
                "Origin", "https://evil.example");
        assertThat(crossSiteDelete.statusCode()).isEqualTo(403);
        HttpResponse<String> form = raw("ANALYST:ANALYST", "POST", "/async_query", "{\"sql\":\"select 1\"}",
                "Content-Type", "text/plain");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("\"error_code\":\"UNSUPPORTED_MEDIA_TYPE\"");
        HttpResponse<String> ownPage = raw("ANALYST:ANALYST", "POST", "/async_query", "{\"sql\":\"select 1\"}",
                "Origin", "http://localhost:" + tomcat.getConnector().getLocalPort(), "Sec-Fetch-Site", "same-origin");
        assertThat(ownPage.statusCode()).as(ownPage.body()).isEqualTo(200);
        assertThat(queryFolders()).isEqualTo(before + 1);
    }

    /**
     * The plugin's own deadline and bounds in the host; with the host's Tomcat set as the README asks
     * (maxSwallowSize 0), refused and timed-out uploads are closed, not drained.
     */
    @Test
    void slowSubmitBodiesInTheHostAreBoundedInNumberAndTime() throws Exception {
        long before = queryFolders();
        int port = tomcat.getConnector().getLocalPort();
        // kylin.query.async.max-uploads-in-flight=2 (one per user) and request-body-timeout-seconds=10
        try (SlowUploads modeler = SlowUploads.open(port, 3, slowSubmit("MODELER:MODELER"));
                SlowUploads analyst = SlowUploads.open(port, 3, slowSubmit("ANALYST:ANALYST"))) {
            awaitTrue(() -> modeler.statuses().equals(java.util.Map.of(503, 2))
                    && analyst.statuses().equals(java.util.Map.of(503, 2)), modeler);
            try (SlowUploads admin = SlowUploads.open(port, 1, slowSubmit("ADMIN:KYLIN"))) {
                awaitTrue(() -> admin.statuses().equals(java.util.Map.of(503, 1)), admin);
                assertThat(admin.sampleAnswer(503)).contains("The server is receiving 2");
            }
            assertThat(modeler.waiting() + analyst.waiting()).isEqualTo(2);
            assertThat(send("ADMIN:KYLIN", "GET", "/async_query", null).path("code").asText()).isEqualTo("000");
            awaitTrue(() -> modeler.statuses().equals(java.util.Map.of(503, 2, 408, 1))
                    && analyst.statuses().equals(java.util.Map.of(503, 2, 408, 1)), modeler);
            awaitTrue(() -> modeler.closedByServer() == 3 && analyst.closedByServer() == 3, analyst);
            assertThat(modeler.sampleAnswer(408)).contains("REQUEST_TIMEOUT");
        }
        assertThat(queryFolders()).isEqualTo(before);
    }

    private static String slowSubmit(String credentials) {
        return "POST /kylin/api/async_query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, SlowUploads uploads)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not reached; connections so far: " + uploads);
            }
            Thread.sleep(50);
        }
    }

    private static long queryFolders() throws IOException {
        FileSystem fs = hdfs.fileSystem();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(kylinWorkingDir + "async_query_result");
        if (!fs.exists(root)) {
            return 0;
        }
        long count = 0;
        for (var status : fs.listStatus(root)) {
            if (status.isDirectory() && !status.getPath().getName().startsWith("_")) {
                count++;
            }
        }
        return count;
    }

    private static String awaitStatus(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/status", null)
                    .path("data").path("status").asText();
            if (!"RUNNING".equals(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        return status;
    }

    private static JsonNode send(String credentials, String method, String path, String body) throws Exception {
        return JSON.readTree(raw(credentials, method, path, body).body());
    }

    private static HttpResponse<String> raw(String credentials, String method, String path, String body,
            String... headers) throws Exception {
        int port = tomcat.getConnector().getLocalPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/kylin/api" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
