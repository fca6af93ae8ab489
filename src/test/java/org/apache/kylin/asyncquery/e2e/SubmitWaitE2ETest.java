package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.e2e.SafeRetriesE2ETest.submitData;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code wait_timeout_seconds}: a submit answers when its query has finished or the time is up, in the submit's own
 * envelope; only so many submits wait at once, and one past that answers at once instead of failing.
 */
class SubmitWaitE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());
    @RegisterExtension
    static final ServerExtension ONE_WAIT = new ServerExtension(Map.of("kylin.query.async.max-waiting-submits", "1"));

    @Test
    void aSmallQueryAnswersSuccessfulWithItsSizeInOneRoundTrip() {
        JsonNode data = submitData(SERVER.analyst(), "{\"sql\":\"select * from KYLIN_COUNTRY\","
                + "\"project\":\"learn_kylin\",\"include_header\":true,\"wait_timeout_seconds\":50}");
        assertThat(data.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(data.path("info").asText()).isEqualTo("await fetching results");
        assertThat(data.path("result_rows").asLong()).isPositive();
        String id = data.path("queryID").asText();
        assertThat(data.path("result_bytes").asLong())
                .isEqualTo(SERVER.analyst().get("/async_query/" + id + "/filestatus").json().path("data").asLong());
    }

    @Test
    void aFailingQueryAnswersFailedWithItsReason() {
        JsonNode data = submitData(SERVER.analyst(), "{\"sql\":\"select 1/0\",\"wait_timeout_seconds\":50}");
        assertThat(data.path("status").asText()).isEqualTo("FAILED");
        assertThat(data.path("info").asText()).isEqualTo("Division by zero.");
    }

    @Test
    void aSlowQueryAnswersRunningWhenTheTimeIsUp() {
        String body = SlowQueries.STREAMING_CROSS_JOIN.replace("}", ",\"wait_timeout_seconds\":1}");
        JsonNode data = submitData(SERVER.analyst(), body);
        assertThat(data.path("status").asText()).isEqualTo("RUNNING");
        assertThat(data.path("info").asText()).isEqualTo("still running");
        String id = data.path("queryID").asText();
        assertThat(SERVER.analyst().status(id)).isEqualTo("RUNNING");
        assertThat(SERVER.analyst().delete("/async_query/" + id).status()).isEqualTo(200);
    }

    /**
     * With one place to wait, of two slow submits that both ask to wait, one holds the place and the other answers
     * RUNNING at once; stopping the held one's query answers it with the outcome.
     */
    @Test
    void pastTheWaitingBoundASubmitAnswersAtOnceInsteadOfWaiting() {
        String body = SlowQueries.STREAMING_CROSS_JOIN.replace("}", ",\"wait_timeout_seconds\":50}");
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> submitData(ONE_WAIT.analyst(), body));
        Eventually.await("the first slow query to be recorded",
                () -> ONE_WAIT.analyst().get("/async_query").json().path("data").path("total_size").asInt(),
                count -> count == 1);
        CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> submitData(ONE_WAIT.analyst(), body));

        JsonNode atOnce = (JsonNode) CompletableFuture.anyOf(first, second).join();
        CompletableFuture<JsonNode> held = first.isDone() && first.join() == atOnce ? second : first;
        assertThat(atOnce.path("status").asText()).isEqualTo("RUNNING");
        assertThat(held).isNotDone();

        for (String id : List.of(atOnce.path("queryID").asText(), heldQueryId(atOnce))) {
            assertThat(ONE_WAIT.analyst().delete("/async_query/stop/" + id).status()).isEqualTo(200);
        }
        JsonNode stopped = held.join();
        assertThat(stopped.path("status").asText()).isEqualTo("FAILED");
        assertThat(stopped.path("info").asText()).startsWith("cancelled by ANALYST");
    }

    /** The other slow query of the bound test: the one the analyst's listing has besides {@code answered}. */
    private static String heldQueryId(JsonNode answered) {
        JsonNode rows = ONE_WAIT.analyst().get("/async_query").json().path("data").path("value");
        return rows.findValuesAsText("queryID").stream()
                .filter(id -> !id.equals(answered.path("queryID").asText())).findFirst().orElseThrow();
    }
}
