package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bounded pool and queue, and deleting a running query, on a server configured with one thread and a queue of
 * one: a full server refuses cleanly, and a delete frees the slot.
 */
class CapacityAndCancelE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
                "kylin.query.async.threads", "1",
                "kylin.query.async.queue-size", "1"));

    @Test
    void aFullServerRefusesWith429AndWritesNothingThenDeleteFreesTheSlot() throws Exception {
        String running = SERVER.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
        String queued = SERVER.admin().submit("{\"sql\":\"select 'queued' as X\"}");
        assertThat(SERVER.admin().status(queued)).isEqualTo("RUNNING");
        long folders = SERVER.queryFolderCount();

        ApiClient.Response refused = SERVER.admin().post("/async_query", "{\"sql\":\"select 1\"}",
                "Content-Type", "application/json");
        BadInputE2ETest.assertClientError(refused, 429, "QUEUE_FULL");
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders);

        // That a delete answers quickly (a running query's within seconds, a queued one's at once) is a speed
        // expectation: it belongs in bench/, tests have no wall-clock bounds.
        assertThat(SERVER.admin().delete("/async_query/" + running).json().path("data").asBoolean()).isTrue();
        assertThat(SERVER.admin().status(running)).isEqualTo("MISSING");
        assertThat(SERVER.workingDir().resolve("async_query_result/" + running)).doesNotExist();

        assertThat(SERVER.admin().awaitDone(queued).path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(SERVER.admin().get("/async_query/" + queued + "/result").text()).isEqualTo("queued\r\n");
        SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
    }

    @Test
    void deletingAQueuedQueryMeansItNeverRuns() {
        String running = SERVER.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
        String queued = SERVER.admin().submit("{\"sql\":\"select 2\"}");
        assertThat(SERVER.admin().delete("/async_query/" + queued).status()).isEqualTo(200);
        assertThat(SERVER.admin().delete("/async_query/" + running).status()).isEqualTo(200);
        // The thread is free again: a query submitted now runs after the queued one would have.
        SERVER.admin().runToSuccess("{\"sql\":\"select 3\"}");
        assertThat(SERVER.admin().status(queued)).isEqualTo("MISSING");
        assertThat(SERVER.workingDir().resolve("async_query_result/" + queued)).doesNotExist();
    }
}
