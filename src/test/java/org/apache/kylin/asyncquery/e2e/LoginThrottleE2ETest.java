package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.apache.kylin.asyncquery.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


/**
 * Password guessing against the standalone server over HTTP: after a few wrong passwords for a user, or from an
 * address, further attempts are refused with a 429 envelope, unchecked, for a growing while; a user signed in
 * before keeps working, and the right password works again once the wait is over.
 */
class LoginThrottleE2ETest {
    @TempDir
    Path temp;
    @RegisterExtension
    final AuditCapture audit = new AuditCapture();

    @Test
    void wrongPasswordsForAUserBackOffAndTheRightOneWorksOnceTheWaitIsOver() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of())) {
            ApiClient analyst = server.as("ANALYST", "ANALYST");
            assertThat(analyst.get("/async_query").status()).as("signed in before the guessing").isEqualTo(200);
            // Five free guesses, then waits of 1, 2 and 4 s: the last leaves ample time to look.
            guessUntilChecked(8, i -> server.as("MODELER", "guess-" + i));

            ApiClient.Response refused = server.as("MODELER", "MODELER").get("/async_query");
            BadInputE2ETest.assertClientError(refused, 429, "LOGIN_THROTTLED");
            assertThat(refused.json().path("msg").asText()).contains("Too many wrong passwords").contains("Try again");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 4L);
            assertThat(refused.header("WWW-Authenticate")).isNull();

            assertThat(analyst.get("/async_query").status()).as("a user signed in before").isEqualTo(200);
            assertThat(server.admin().get("/async_query").status()).as("another user's first login").isEqualTo(200);

            assertEventually(Duration.ofSeconds(60), () -> assertThat(
                    server.as("MODELER", "MODELER").get("/async_query").status()).isEqualTo(200));
            assertThat(audit.lines()).contains("action=authenticate outcome=refused user=MODELER project=- "
                    + "query_id=- client=127.0.0.1 error=LOGIN_THROTTLED");
            assertThat(String.join("\n", audit.lines())).doesNotContain("guess-");
        }
    }

    @Test
    void anAddressGuessingAtManyNamesBacksOffForEveryNewLoginFromIt() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of())) {
            ApiClient analyst = server.as("ANALYST", "ANALYST");
            assertThat(analyst.get("/async_query").status()).isEqualTo(200);
            // Twenty free guesses from the address, then waits of 1, 2 and 4 s.
            guessUntilChecked(23, i -> server.as("NAME-" + i, "guess"));

            BadInputE2ETest.assertClientError(server.admin().get("/async_query"), 429, "LOGIN_THROTTLED");
            assertThat(analyst.get("/async_query").status()).as("a user signed in before").isEqualTo(200);
        }
    }

    /**
     * Sends wrong passwords until {@code checked} of them were checked (answered 401), waiting out each back-off
     * on the way (attempts refused with 429 meanwhile are not checked and do not count).
     */
    static void guessUntilChecked(int checked, IntFunction<ApiClient> guesser) {
        AtomicInteger attempt = new AtomicInteger();
        for (int answered = 0; answered < checked; answered++) {
            await("wrong password " + (answered + 1) + " to be checked after the back-off",
                    () -> guesser.apply(attempt.getAndIncrement()).get("/async_query"), response -> {
                        if (response.status() == 401) {
                            return true;
                        }
                        BadInputE2ETest.assertClientError(response, 429, "LOGIN_THROTTLED");
                        return false;
                    });
        }
    }

}
