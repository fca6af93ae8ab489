package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.e2e.Eventually.assertEventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow uploads, as an attacker sends them: a few hundred connections that send a submit's headers with a large
 * Content-Length and then trickle the body a byte at a time, with and without credentials, more of them than Tomcat
 * has request threads (200). Refused ones are answered and closed at once instead of drained, signed-in ones beyond
 * the bound of uploads in flight are refused at once, and the rest end at the body deadline; meanwhile other users'
 * status calls, listings and the export page answer, and afterwards the server works as before.
 */
class SlowUploadE2ETest {
    private static final int ANONYMOUS = 240;
    private static final int ELSEWHERE = 20;
    private static final int SIGNED_IN = 40;
    private static final int IN_FLIGHT = 4;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "kylin.query.async.request-body-timeout-seconds", "15",
            "kylin.query.async.max-uploads-in-flight", String.valueOf(IN_FLIGHT)));

    @Test
    void slowUploadsHoldNoThreadsAndLockNobodyOut() throws Exception {
        ApiClient analyst = SERVER.analyst();
        String analystsQuery = analyst.runToSuccess("{\"sql\":\"select 1\"}");
        int port = SERVER.port();

        try (SlowUploads anonymous = SlowUploads.open(port, ANONYMOUS, head("/kylin/api/async_query", null));
                SlowUploads elsewhere = SlowUploads.open(port, ELSEWHERE, head("/no-such-app", null));
                SlowUploads signedIn = SlowUploads.open(port, SIGNED_IN,
                        head("/kylin/api/async_query", "MODELER:MODELER"))) {
            // Refused without a login: answered 401 (or 404 outside the application) and closed, not drained.
            assertEventually(LIMIT, () -> assertThat(anonymous.closedByServer()).isEqualTo(ANONYMOUS));
            assertThat(anonymous.statuses()).isEqualTo(Map.of(401, ANONYMOUS));
            assertThat(anonymous.sampleAnswer(401)).contains("Connection: close").contains("\"error_code\":\"UNAUTHORIZED\"");
            assertEventually(LIMIT, () -> assertThat(elsewhere.closedByServer()).isEqualTo(ELSEWHERE));
            assertThat(elsewhere.statuses()).isEqualTo(Map.of(404, ELSEWHERE));

            // Signed in: beyond the bound of uploads in flight, refused at once with 503 and closed.
            assertEventually(LIMIT, () -> assertThat(signedIn.statuses()).isEqualTo(Map.of(503, SIGNED_IN - IN_FLIGHT)));
            assertThat(signedIn.sampleAnswer(503)).contains("Connection: close").contains("Retry-After: 5")
                    .contains("\"error_code\":\"SERVER_BUSY\"").contains("kylin.query.async.max-uploads-in-flight");
            assertEventually(LIMIT, () -> assertThat(signedIn.closedByServer()).isEqualTo(SIGNED_IN - IN_FLIGHT));

            // While the bound's worth of uploads still hangs, everyone else is served.
            assertThat(signedIn.waiting()).isEqualTo(IN_FLIGHT);
            JsonStatus status = new JsonStatus(analyst.get("/async_query/" + analystsQuery + "/status"));
            assertThat(status.code).isEqualTo(200);
            assertThat(status.text).contains("\"status\":\"SUCCESSFUL\"");
            assertThat(analyst.get("/async_query").status()).isEqualTo(200);
            assertThat(SERVER.admin().get("/async_query/projects").status()).isEqualTo(200);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/kylin/async-export/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html");
            assertThat(signedIn.waiting()).as("the slow uploads were still hanging while others were served")
                    .isEqualTo(IN_FLIGHT);

            // Then the body deadline ends them: 408 and closed, never a query.
            assertEventually(LIMIT, () -> assertThat(signedIn.statuses()).containsEntry(408, IN_FLIGHT));
            assertThat(signedIn.sampleAnswer(408)).contains("\"error_code\":\"REQUEST_TIMEOUT\"")
                    .contains("kylin.query.async.request-body-timeout-seconds");
            assertEventually(LIMIT, () -> assertThat(signedIn.closedByServer()).isEqualTo(SIGNED_IN));
        }

        // Afterwards the server works as before, for the attacked user too.
        String after = SERVER.modeler().runToSuccess("{\"sql\":\"select count(*) from KYLIN_SALES\",\"project\":\"learn_kylin\"}");
        assertThat(SERVER.modeler().get("/async_query/" + after + "/result").text()).isEqualTo("10000\r\n");
        assertThat(SERVER.modeler().get("/async_query").json().path("data").path("value")).hasSize(1);
    }

    /** A submit's request head announcing a body of a million bytes, of which only "{" follows at once. */
    private static String head(String path, String credentials) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        if (credentials != null) {
            head.append("Authorization: Basic ").append(Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        return head.append("Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{").toString();
    }

    private static final class JsonStatus {
        final int code;
        final String text;

        JsonStatus(ApiClient.Response response) {
            this.code = response.status();
            this.text = response.text();
        }
    }
}
