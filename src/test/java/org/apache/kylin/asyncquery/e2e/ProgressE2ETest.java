package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/** While a query runs, status also tells how far it has got; while it waits, its place in the queue. */
class ProgressE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.threads", "1",
            "kylin.query.async.heartbeat-interval-seconds", "1"));

    @Test
    void runningQueriesReportRowsBytesAndStartAndWaitingOnesTheirPlace() {
        ApiClient admin = SERVER.admin();
        String running = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);
        String waiting = admin.submit("{\"sql\":\"select 1\"}");
        try {
            JsonNode first = awaitRows(admin, running, 1);
            assertThat(first.path("start_time").asLong()).isGreaterThanOrEqualTo(first.path("submit_time").asLong());
            JsonNode later = awaitRows(admin, running, first.path("rows_written").asLong() + 1);
            assertThat(later.path("bytes_written").asLong()).isGreaterThanOrEqualTo(first.path("bytes_written").asLong());

            JsonNode queued = admin.statusData(waiting);
            assertThat(queued.path("status").asText()).isEqualTo("RUNNING");
            assertThat(queued.path("queue_position").asInt()).isEqualTo(1);
            assertThat(queued.has("start_time")).isFalse();
            assertThat(queued.has("rows_written")).isFalse();
        } finally {
            admin.delete("/async_query/" + running);
        }
        JsonNode done = admin.awaitDone(waiting);
        assertThat(done.has("rows_written")).isFalse();
        assertThat(done.path("result_rows").asLong()).isEqualTo(1);
    }

    private static JsonNode awaitRows(ApiClient client, String id, long atLeast) {
        return Eventually.await("query " + id + " to report " + atLeast + " rows written", () -> client.statusData(id),
                data -> data.path("rows_written").asLong() >= atLeast);
    }
}
