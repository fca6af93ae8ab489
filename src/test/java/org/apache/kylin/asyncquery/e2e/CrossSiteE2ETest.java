package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * Cross-site request forgery, sent as a browser would send it: the user's Basic credentials attached (a browser
 * remembers them for the server's realm), with the headers a browser adds to a request from another site's page.
 * Every state-changing endpoint refuses it with a 403 envelope and changes nothing; the same requests from the
 * server's own pages, through a proxy, and from clients that are not browsers work as before; and a submit accepts
 * JSON only, so an HTML form cannot post one even where a browser sends no Origin.
 */
class CrossSiteE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    private static final String JSON = "application/json";
    private static final String EVIL = "https://evil.example";
    private static String running;
    private static String finished;

    @TempDir
    Path temp;
    @RegisterExtension
    final AuditCapture audit = new AuditCapture();

    @BeforeAll
    static void queriesToAimAt() {
        running = SERVER.analyst().submit(SlowQueries.STREAMING_CROSS_JOIN);
        finished = SERVER.analyst().runToSuccess("{\"sql\":\"select 1\"}");
    }

    /** What a page of another site can make a browser send, header by header. */
    static Stream<Arguments> foreignPages() {
        return Stream.of(
                Arguments.of("a modern browser, cross-site", new String[] {"Origin", EVIL, "Sec-Fetch-Site", "cross-site"}),
                Arguments.of("a sibling host (same-site)", new String[] {"Origin", "https://other.localhost",
                        "Sec-Fetch-Site", "same-site"}),
                Arguments.of("another port of this host", new String[] {"Origin", "http://localhost:1"}),
                Arguments.of("an older browser: Origin only", new String[] {"Origin", EVIL}),
                Arguments.of("Sec-Fetch-Site only", new String[] {"Sec-Fetch-Site", "cross-site"}),
                Arguments.of("a sandboxed page (Origin null)", new String[] {"Origin", "null"}),
                Arguments.of("a look-alike host", new String[] {"Origin", "http://localhost.evil.example"}),
                Arguments.of("a proxy header naming another host", new String[] {"Origin", EVIL,
                        "X-Forwarded-Host", "kylin.example.com"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignPages")
    void everyStateChangingEndpointRefusesAnotherSitesPage(String name, String[] browserHeaders) throws Exception {
        List<String> requests = new ArrayList<>();
        long before = SERVER.queryFolderCount();
        ApiClient analyst = SERVER.analyst();
        for (String contentType : List.of(JSON, "text/plain", "application/x-www-form-urlencoded")) {
            ApiClient.Response submit = analyst.post("/async_query", "{\"sql\":\"select 1\"}",
                    with(browserHeaders, "Content-Type", contentType));
            assertCrossSiteRefusal(submit);
            requests.add("submit as " + contentType);
        }
        assertCrossSiteRefusal(analyst.delete("/async_query/stop/" + running, browserHeaders));
        assertCrossSiteRefusal(analyst.delete("/async_query/" + finished, browserHeaders));
        assertCrossSiteRefusal(analyst.delete("/async_query", browserHeaders));
        assertCrossSiteRefusal(analyst.delete("/async_query?older_than=2999-01-01%2000:00:00", browserHeaders));

        assertThat(SERVER.queryFolderCount()).as("nothing written or deleted").isEqualTo(before);
        assertThat(analyst.status(running)).isEqualTo("RUNNING");
        assertThat(analyst.status(finished)).isEqualTo("SUCCESSFUL");
        assertThat(audit.lines()).contains("action=submit outcome=refused user=ANALYST project=- query_id=- "
                + "client=127.0.0.1 error=CROSS_SITE_REQUEST", "action=cancel outcome=refused user=ANALYST "
                + "project=- query_id=" + running + " client=127.0.0.1 error=CROSS_SITE_REQUEST");
    }

    @Test
    void readsAreNotStateChangesAndStayOpenToLinks() {
        ApiClient.Response status = SERVER.analyst().get("/async_query/" + finished + "/status",
                "Origin", EVIL, "Sec-Fetch-Site", "cross-site");
        assertThat(status.status()).isEqualTo(200);
    }

    @Test
    void theServersOwnPagesProxiesAndNonBrowserClientsStillWork() {
        String self = "http://localhost:" + SERVER.port();
        ApiClient analyst = SERVER.analyst();
        List<String[]> ownPages = List.of(
                new String[] {"Origin", self, "Sec-Fetch-Site", "same-origin"},
                new String[] {"Origin", self},
                new String[] {"Origin", "HTTP://LOCALHOST:" + SERVER.port()},
                new String[] {"Sec-Fetch-Site", "same-origin"},
                new String[] {"Sec-Fetch-Site", "none"},
                new String[] {"Origin", "https://kylin.example.com", "X-Forwarded-Host", "kylin.example.com"},
                new String[] {"Origin", "https://kylin.example.com:8443", "X-Forwarded-Host",
                        "kylin.example.com:8443, proxy.internal"},
                new String[] {"Origin", "http://kylin.example.com", "Forwarded",
                        "for=10.0.0.1;host=kylin.example.com;proto=http"},
                new String[] {"Origin", "https://kylin.example.com", "Sec-Fetch-Site", "same-origin"},
                new String[0]);
        for (String[] headers : ownPages) {
            ApiClient.Response submitted = analyst.post("/async_query", "{\"sql\":\"select 1\"}",
                    with(headers, "Content-Type", JSON));
            assertThat(submitted.status()).as(String.join(" ", headers) + ": " + submitted.text()).isEqualTo(200);
            String id = submitted.json().path("data").path("queryID").asText();
            analyst.awaitDone(id);
            assertThat(analyst.delete("/async_query/" + id, headers).status()).isEqualTo(200);
        }
    }

    @Test
    void anAllowedOriginMaySubmitAndOthersStillMayNot() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.allowed-origins",
                " https://bi.example.com , http://portal.example.com:8080"))) {
            ApiClient analyst = server.as("ANALYST", "ANALYST");
            for (String origin : List.of("https://bi.example.com", "https://BI.example.com:443",
                    "http://portal.example.com:8080")) {
                ApiClient.Response submitted = analyst.post("/async_query", "{\"sql\":\"select 1\"}",
                        "Content-Type", JSON, "Origin", origin, "Sec-Fetch-Site", "cross-site");
                assertThat(submitted.status()).as(origin + ": " + submitted.text()).isEqualTo(200);
            }
            for (String origin : List.of("http://bi.example.com", "https://bi.example.com:8443",
                    "http://portal.example.com", EVIL)) {
                BadInputE2ETest.assertClientError(analyst.post("/async_query", "{\"sql\":\"select 1\"}",
                        "Content-Type", JSON, "Origin", origin, "Sec-Fetch-Site", "cross-site"), 403,
                        "CROSS_SITE_REQUEST");
            }
        }
    }

    @Test
    void aMisconfiguredAllowedOriginStopsTheServerFromStartingWithTheKeyNamed() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> RunningServer.start(temp,
                Map.of("kylin.query.async.allowed-origins", "bi.example.com")).close());
        assertThat(failure).isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root.getMessage()).contains("kylin.query.async.allowed-origins").contains("bi.example.com");
    }

    /** What an HTML form can post (no browser needed to show it): refused, whatever the body says. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nonJsonBodies")
    void aSubmitAcceptsJsonOnly(String contentType) throws Exception {
        long before = SERVER.queryFolderCount();
        ApiClient.Response response = contentType == null
                ? SERVER.analyst().post("/async_query", "{\"sql\":\"select 1\"}")
                : SERVER.analyst().post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type", contentType);
        BadInputE2ETest.assertClientError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(response.json().path("msg").asText()).contains("application/json");
        assertThat(SERVER.queryFolderCount()).isEqualTo(before);
    }

    static Stream<String> nonJsonBodies() {
        return Stream.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/xml", "text/json", "application/jsonx",
                "application/json-patch", "application/*", "*/*", "garbage", ";", null);
    }

    @Test
    void everyJsonSpellingTheDocumentsUseIsAccepted() {
        for (String contentType : List.of("application/json", "application/json;charset=UTF-8",
                "application/json; charset=utf-8", "Application/JSON", "application/vnd.apache.kylin-v2+json",
                "application/vnd.apache.kylin-v2+json;charset=UTF-8")) {
            ApiClient.Response response = SERVER.analyst().post("/async_query", "{\"sql\":\"select 1\"}",
                    "Content-Type", contentType);
            assertThat(response.status()).as(contentType + ": " + response.text()).isEqualTo(200);
            SERVER.analyst().awaitDone(response.json().path("data").path("queryID").asText());
        }
    }

    private static void assertCrossSiteRefusal(ApiClient.Response response) {
        BadInputE2ETest.assertClientError(response, 403, "CROSS_SITE_REQUEST");
        assertThat(response.json().path("msg").asText()).contains("another site")
                .contains("kylin.query.async.allowed-origins");
    }

    private static String[] with(String[] headers, String... more) {
        return Stream.concat(Stream.of(headers), Stream.of(more)).toArray(String[]::new);
    }

}
