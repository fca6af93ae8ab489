package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.kylin.rest.asyncquery.security.DownloadLinkSigner;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Download links over real HTTP: issued to whoever may download the result, under the same switches, and served
 * without credentials exactly as {@code result_download} serves it, until they expire; anything changed in a link,
 * or a link to a deleted query, is refused without saying anything about the query. Each use is an audit line.
 */
class DownloadLinkE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());
    private static final String SALES = "{\"sql\":\"select * from KYLIN_SALES order by TRANS_ID\","
            + "\"project\":\"learn_kylin\",\"include_header\":true}";

    @TempDir
    static Path temp;
    static String salesId;
    static byte[] salesBytes;

    @RegisterExtension
    final AuditCapture audit = new AuditCapture();

    @BeforeAll
    static void exportSales() {
        salesId = SERVER.analyst().runToSuccess(SALES);
        salesBytes = SERVER.analyst().get("/async_query/" + salesId + "/result_download").bytes();
        assertThat(salesBytes.length).as("big enough for sendfile").isGreaterThan(100_000);
    }

    @Test
    void aLinkDownloadsTheResultWithoutCredentialsUntilItExpires() {
        long before = System.currentTimeMillis();
        ApiClient.Response answer = SERVER.analyst().get("/async_query/" + salesId + "/download_link");
        long after = System.currentTimeMillis();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("code").asText()).isEqualTo("000");
        JsonNode data = answer.json().path("data");
        assertThat(data.fieldNames()).toIterable().containsExactly("url", "path", "expires_at");
        String path = data.path("path").asText();
        assertThat(path).matches("/kylin/api/async_query/link/" + salesId + "\\?expires=[0-9]+&signature=[A-Za-z0-9_-]{43}");
        assertThat(data.path("url").asText()).isEqualTo("http://localhost:" + SERVER.port() + path);
        long expiresAt = data.path("expires_at").asLong();
        assertThat(expiresAt).isBetween(before / 1000 * 1000 + 900_000, after + 900_000);
        assertThat(path).contains("expires=" + expiresAt / 1000 + "&");

        ApiClient.Response viaLink = SERVER.anonymous().sendTo("GET", URI.create(data.path("url").asText()));
        ApiClient.Response direct = SERVER.analyst().get("/async_query/" + salesId + "/result_download");
        assertThat(viaLink.status()).isEqualTo(200);
        assertThat(viaLink.bytes()).isEqualTo(salesBytes);
        for (String header : new String[] {"Content-Type", "Content-Disposition", "ETag", "Content-Length",
            "Accept-Ranges", "Vary"}) {
            assertThat(viaLink.header(header)).as(header).isNotNull().isEqualTo(direct.header(header));
        }
        ApiClient.Response head = SERVER.anonymous().sendTo("HEAD", URI.create(data.path("url").asText()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(salesBytes.length));
        assertThat(head.bytes()).isEmpty();
        // Credentials do no harm, and another user's count for nothing: the link is what is checked.
        assertThat(SERVER.modeler().sendTo("GET", URI.create(data.path("url").asText())).bytes()).isEqualTo(salesBytes);

        assertThat(audit.lines()).contains(
                "action=download_link outcome=issued user=ANALYST project=- query_id=" + salesId + " client=127.0.0.1",
                "action=link_download outcome=served user=- project=- query_id=" + salesId + " client=127.0.0.1");
        assertThat(audit.lines().stream().filter(line -> line.startsWith("action=link_download outcome=served")))
                .hasSize(3);
    }

    @Test
    void rangesConditionsAndGzipWorkThroughALinkAsOnResultDownload() throws IOException {
        URI link = link(SERVER.analyst(), salesId);
        ApiClient anyone = SERVER.anonymous();
        String etag = anyone.sendTo("HEAD", link).header("ETag");
        assertThat(etag).isEqualTo("\"" + salesId + "-" + salesBytes.length + "\"");

        ApiClient.Response range = anyone.sendTo("GET", link, "Range", "bytes=10-19");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 10-19/" + salesBytes.length);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(salesBytes, 10, 20));
        ApiClient.Response tail = anyone.sendTo("GET", link, "Range", "bytes=-100000");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(salesBytes, salesBytes.length - 100_000,
                salesBytes.length));

        ApiClient.Response resumed = anyone.sendTo("GET", link, "Range", "bytes=5-", "If-Range", etag);
        assertThat(resumed.status()).isEqualTo(206);
        assertThat(resumed.bytes()).isEqualTo(Arrays.copyOfRange(salesBytes, 5, salesBytes.length));
        ApiClient.Response changed = anyone.sendTo("GET", link, "Range", "bytes=5-", "If-Range", "\"other\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.bytes()).isEqualTo(salesBytes);

        ApiClient.Response notModified = anyone.sendTo("GET", link, "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo(etag);

        ApiClient.Response zipped = anyone.sendTo("GET", link, "Accept-Encoding", "gzip");
        assertThat(zipped.status()).isEqualTo(200);
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(salesBytes);
        }
        BadInputE2ETest.assertClientError(anyone.sendTo("GET", link, "Range", "bytes=" + salesBytes.length + "-"),
                416, "RANGE_NOT_SATISFIABLE");
    }

    @Test
    void aChangedOrMalformedLinkIsInvalidAndRevealsNothingAboutTheQuery() {
        String otherId = SERVER.analyst().runToSuccess("{\"sql\":\"select 1\"}");
        URI link = link(SERVER.analyst(), otherId);
        String query = link.getRawQuery();
        long expires = Long.parseLong(query.replaceAll("^expires=([0-9]+)&.*$", "$1"));
        String signature = query.replaceAll("^.*signature=", "");
        String base = "http://localhost:" + SERVER.port() + "/kylin/api/async_query/link/";
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
        String[] refused = {
            base + otherId + "?expires=" + expires + "&signature=" + flipped,
            base + otherId + "?expires=" + (expires + 1) + "&signature=" + signature,
            base + otherId + "?expires=" + (expires + 86_400 * 365) + "&signature=" + signature,
            base + salesId + "?expires=" + expires + "&signature=" + signature,
            base + QueryId.random() + "?expires=" + expires + "&signature=" + signature,
            base + otherId + "?expires=" + expires,
            base + otherId + "?signature=" + signature,
            base + otherId,
            base + otherId + "?expires=" + expires + "&expires=" + expires + "&signature=" + signature,
            base + otherId + "?expires=" + expires + "&signature=" + signature + "&signature=" + signature,
            base + otherId + "?expires=+" + expires + "&signature=" + signature,
            base + otherId + "?expires=" + expires + "&signature=" + signature + "A",
            base + otherId + "?expires=" + expires + "&signature=" + signature.substring(1),
            base + otherId + "?expires=99999999999999999999999&signature=" + signature,
            base + otherId + "?expires=" + expires + "&signature=" + signature + "&pad=" + "x".repeat(1000),
            base + otherId + "?expires=" + expires + "&signature=" + signature.replace('_', '/').replace('-', '+')
                    + (signature.matches(".*[-_].*") ? "" : "%2B"),
        };
        String message = null;
        for (String url : refused) {
            ApiClient.Response response = SERVER.anonymous().sendTo("GET", URI.create(url));
            BadInputE2ETest.assertClientError(response, 403, "LINK_INVALID");
            assertThat(response.text()).as(url).doesNotContain(otherId).doesNotContain(salesId);
            message = message == null ? response.text() : message;
            assertThat(response.text()).as("one answer for every invalid link").isEqualTo(message);
        }
        BadInputE2ETest.assertClientError(SERVER.anonymous().sendTo("GET", URI.create(base + "not-a-uuid?expires="
                + expires + "&signature=" + signature)), 400, "INVALID_QUERY_ID");
        assertThat(SERVER.anonymous().sendTo("GET", link).status()).as("the genuine link still works").isEqualTo(200);
        assertThat(audit.lines()).contains("action=link_download outcome=refused user=- project=- query_id=" + otherId
                + " client=127.0.0.1 error=LINK_INVALID");
    }

    /** FAKE: an already expired link, signed here with the server's own key file, as the server would sign it. */
    @Test
    void anExpiredLinkIsRefusedAsExpired() throws IOException {
        String id = SERVER.analyst().runToSuccess("{\"sql\":\"select 1\"}");
        long expired = System.currentTimeMillis() / 1000 - 1;
        String signature = new DownloadLinkSigner(serverKey(SERVER.workingDir()))
                .sign(QueryId.parse(id).orElseThrow(), expired, FormatOptions.csvDefaults());
        URI url = URI.create("http://localhost:" + SERVER.port() + "/kylin/api/async_query/link/" + id + "?expires="
                + expired + "&signature=" + signature);
        ApiClient.Response response = SERVER.anonymous().sendTo("GET", url);
        BadInputE2ETest.assertClientError(response, 403, "LINK_EXPIRED");
        assertThat(audit.lines()).contains("action=link_download outcome=refused user=- project=- query_id=" + id
                + " client=127.0.0.1 error=LINK_EXPIRED");
        // The same, one second later than the key signed: invalid, not expired.
        BadInputE2ETest.assertClientError(SERVER.anonymous().sendTo("GET", URI.create(url.toString()
                .replace("expires=" + expired, "expires=" + (expired + 1)))), 403, "LINK_INVALID");
    }

    @Test
    void aLinkToADeletedQueryIsRefused() {
        String id = SERVER.analyst().runToSuccess("{\"sql\":\"select 1\"}");
        URI link = link(SERVER.analyst(), id);
        assertThat(SERVER.anonymous().sendTo("GET", link).status()).isEqualTo(200);
        assertThat(SERVER.analyst().delete("/async_query/" + id).status()).isEqualTo(200);
        BadInputE2ETest.assertClientError(SERVER.anonymous().sendTo("GET", link), 403, "LINK_INVALID");
        assertThat(SERVER.anonymous().sendTo("HEAD", link).status()).as("HEAD: the status, without the body")
                .isEqualTo(403);
    }

    @Test
    void onlyWhoMayDownloadTheResultGetsALinkAndOnlyOnceItSucceeded() {
        String path = "/async_query/" + salesId + "/download_link";
        BadInputE2ETest.assertClientError(SERVER.modeler().get(path), 403, "ACCESS_DENIED");
        BadInputE2ETest.assertClientError(SERVER.anonymous().get(path), 401, "UNAUTHORIZED");
        assertThat(SERVER.admin().get(path).status()).isEqualTo(200);
        BadInputE2ETest.assertClientError(SERVER.analyst().get("/async_query/" + QueryId.random() + "/download_link"),
                404, "QUERY_NOT_FOUND");

        String running = SERVER.analyst().submit(SlowQueries.STREAMING_CROSS_JOIN);
        BadInputE2ETest.assertClientError(SERVER.analyst().get("/async_query/" + running + "/download_link"), 409,
                "QUERY_NOT_SUCCESSFUL");
        BadInputE2ETest.assertClientError(SERVER.analyst().get("/async_query/" + running + "/result_download"), 409,
                "QUERY_NOT_SUCCESSFUL");
        SERVER.analyst().delete("/async_query/" + running);
        String failed = SERVER.analyst().submit("{\"sql\":\"select * from NO_SUCH_TABLE\"}");
        assertThat(SERVER.analyst().awaitDone(failed).path("status").asText()).isEqualTo("FAILED");
        BadInputE2ETest.assertClientError(SERVER.analyst().get("/async_query/" + failed + "/download_link"), 409,
                "QUERY_NOT_SUCCESSFUL");
        assertThat(audit.lines()).contains("action=download_link outcome=refused user=MODELER project=- query_id="
                + salesId + " client=127.0.0.1 error=ACCESS_DENIED");
    }

    @Test
    void theExportSwitchesRefuseLinksAsTheyRefuseDownloads() throws Exception {
        try (RunningServer server = RunningServer.start(temp.resolve("no-admin"),
                Map.of("kylin.web.export-allow-admin", "false"))) {
            String analysts = server.as("ANALYST", "ANALYST").runToSuccess("{\"sql\":\"select 1\"}");
            ApiClient.Response refused = server.admin().get("/async_query/" + analysts + "/download_link");
            BadInputE2ETest.assertClientError(refused, 403, "ACCESS_DENIED");
            assertThat(refused.json().path("msg").asText()).isEqualTo(
                    server.admin().get("/async_query/" + analysts + "/result").json().path("msg").asText());
            assertThat(server.as("ANALYST", "ANALYST").get("/async_query/" + analysts + "/download_link").status())
                    .isEqualTo(200);
            String admins = server.admin().runToSuccess("{\"sql\":\"select 1\"}");
            assertThat(server.admin().get("/async_query/" + admins + "/download_link").status()).isEqualTo(200);
        }
        try (RunningServer server = RunningServer.start(temp.resolve("no-other"),
                Map.of("kylin.web.export-allow-other", "false"))) {
            String analysts = server.as("ANALYST", "ANALYST").runToSuccess("{\"sql\":\"select 1\"}");
            ApiClient.Response refused = server.as("ANALYST", "ANALYST")
                    .get("/async_query/" + analysts + "/download_link");
            BadInputE2ETest.assertClientError(refused, 403, "ACCESS_DENIED");
            assertThat(refused.json().path("msg").asText()).contains("kylin.web.export-allow-other");
            assertThat(server.admin().get("/async_query/" + analysts + "/download_link").status()).isEqualTo(200);
        }
    }

    /** A link issued by {@code client} for {@code id}, as its absolute URL. */
    static URI link(ApiClient client, String id) {
        ApiClient.Response answer = client.get("/async_query/" + id + "/download_link");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return URI.create(answer.json().path("data").path("url").asText());
    }

    /** The key a server made in its working directory. */
    static byte[] serverKey(Path workingDir) throws IOException {
        return Base64.getUrlDecoder().decode(Files.readString(keyFile(workingDir)).trim());
    }

    static Path keyFile(Path workingDir) {
        return workingDir.resolve("async_query_result").resolve("_download_link.key");
    }
}
