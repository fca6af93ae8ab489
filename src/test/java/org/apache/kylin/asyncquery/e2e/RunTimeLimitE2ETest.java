package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing runs for ever: a query past kylin.query.async.max-run-seconds ends FAILED, saying so, and really gives
 * its thread back, whether it streams rows or computes without returning any.
 */
class RunTimeLimitE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
                "kylin.query.async.threads", "1",
                "kylin.query.async.max-run-seconds", "2"));

    /** Never ends on its own and returns no row until it is done: only a real cancel stops it. */
    static final String ENDLESS_AGGREGATE = "{\"sql\":\"select count(*) from KYLIN_SALES a cross join KYLIN_SALES b "
            + "cross join KYLIN_SALES c\",\"project\":\"learn_kylin\"}";

    private static final String REASON =
            "The query ran longer than kylin.query.async.max-run-seconds allows (2 s) and was stopped.";

    @Test
    void endlessQueriesEndFailedAtTheLimitAndFreeTheirThread() {
        ApiClient admin = SERVER.admin();
        for (String endless : new String[] {SlowQueries.STREAMING_CROSS_JOIN, ENDLESS_AGGREGATE}) {
            String id = admin.submit(endless);
            JsonNode done = admin.awaitDone(id);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            // Until the engine has really given the thread back, the status says it is still stopping.
            assertThat(done.path("info").asText()).startsWith(REASON);
            // The only thread came back: the next query runs to the end, and the stopped one is simply FAILED.
            admin.runToSuccess("{\"sql\":\"select 1\"}");
            assertThat(admin.statusData(id).path("info").asText())
                    .isEqualTo(REASON);
        }
    }
}
