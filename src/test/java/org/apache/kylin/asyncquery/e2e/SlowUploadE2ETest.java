package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow uploads, as an attacker sends them: a few hundred connections that send a submit's headers with a large
 * Content-Length and then trickle the body a byte at a time, with and without credentials, more of them than Tomcat
 * has request threads (200). Refused ones are answered and closed at once instead of drained; signed-in ones beyond
 * the bound of uploads in flight (or beyond one user's share of it) are refused at once; the rest end at the body
 * deadline. Meanwhile status calls, listings and the export page answer, and afterwards the server works as before.
 */
class SlowUploadE2ETest {
    private static final int ANONYMOUS = 240;
    private static final int ELSEWHERE = 20;
    private static final int PER_USER = 14;
    private static final int IN_FLIGHT = 5;
    /** A quarter of the bound, rounded up. */
    private static final int USER_SHARE = 2;
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
        List<SlowUploads> signedIn = new ArrayList<>();
        try (SlowUploads anonymous = SlowUploads.open(port, ANONYMOUS, head("/kylin/api/async_query", null));
                SlowUploads elsewhere = SlowUploads.open(port, ELSEWHERE, head("/no-such-app", null))) {
            for (String user : List.of("MODELER:MODELER", "ANALYST:ANALYST", "ADMIN:KYLIN")) {
                signedIn.add(SlowUploads.open(port, PER_USER, head("/kylin/api/async_query", user)));
            }
            // Refused without a login: answered 401 (or 404 outside the application) and closed, not drained.
            assertEventually(LIMIT, () -> assertThat(anonymous.closedByServer()).isEqualTo(ANONYMOUS));
            assertThat(anonymous.statuses()).isEqualTo(Map.of(401, ANONYMOUS));
            assertThat(anonymous.sampleAnswer(401)).contains("Connection: close")
                    .contains("\"error_code\":\"UNAUTHORIZED\"");
            assertEventually(LIMIT, () -> assertThat(elsewhere.closedByServer()).isEqualTo(ELSEWHERE));
            assertThat(elsewhere.statuses()).isEqualTo(Map.of(404, ELSEWHERE));

            // Signed in: beyond the bound, or beyond a user's share of it, refused at once with 503 and closed.
            int total = PER_USER * signedIn.size();
            assertEventually(LIMIT, () -> assertThat(sum(signedIn, u -> u.statuses().getOrDefault(503, 0)))
                    .isEqualTo(total - IN_FLIGHT));
            assertEventually(LIMIT, () -> assertThat(sum(signedIn, SlowUploads::closedByServer))
                    .isEqualTo(total - IN_FLIGHT));
            for (SlowUploads user : signedIn) {
                assertThat(user.waiting()).as("one user's share of the bound").isBetween(1, USER_SHARE);
                assertThat(user.sampleAnswer(503)).contains("Connection: close").contains("Retry-After: 5")
                        .contains("\"error_code\":\"SERVER_BUSY\"").contains("kylin.query.async.max-uploads-in-flight");
            }

            // While the bound's worth of uploads still hangs, everyone is served.
            assertThat(sum(signedIn, SlowUploads::waiting)).isEqualTo(IN_FLIGHT);
            ApiClient.Response status = analyst.get("/async_query/" + analystsQuery + "/status");
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.text()).contains("\"status\":\"SUCCESSFUL\"");
            assertThat(analyst.get("/async_query").status()).isEqualTo(200);
            assertThat(SERVER.modeler().get("/async_query/projects").status()).isEqualTo(200);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/kylin/async-export/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html");
            assertThat(sum(signedIn, SlowUploads::waiting)).as("the slow uploads still hung while others were served")
                    .isEqualTo(IN_FLIGHT);

            // Then the body deadline ends them: 408 and closed, never a query.
            assertEventually(LIMIT, () -> assertThat(sum(signedIn, u -> u.statuses().getOrDefault(408, 0)))
                    .isEqualTo(IN_FLIGHT));
            assertThat(signedIn.stream().map(u -> u.sampleAnswer(408)).filter(a -> a != null).findFirst().get())
                    .contains("\"error_code\":\"REQUEST_TIMEOUT\"")
                    .contains("kylin.query.async.request-body-timeout-seconds");
            assertEventually(LIMIT, () -> assertThat(sum(signedIn, SlowUploads::closedByServer)).isEqualTo(total));
        } finally {
            for (SlowUploads uploads : signedIn) {
                uploads.close();
            }
        }

        // Afterwards the server works as before, for the attackers' accounts too.
        String after = SERVER.modeler().runToSuccess(
                "{\"sql\":\"select count(*) from KYLIN_SALES\",\"project\":\"learn_kylin\"}");
        assertThat(SERVER.modeler().get("/async_query/" + after + "/result").text()).isEqualTo("10000\r\n");
        assertThat(SERVER.modeler().get("/async_query").json().path("data").path("value")).hasSize(1);
    }

    private static int sum(List<SlowUploads> groups, ToIntFunction<SlowUploads> count) {
        return groups.stream().mapToInt(count).sum();
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
}
