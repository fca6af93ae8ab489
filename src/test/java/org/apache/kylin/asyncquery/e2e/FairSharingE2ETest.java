package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One user's endless queries do not take every thread: on two threads a user runs one query at a time (their
 * share, half the threads), and waiting queries start from the users in turn.
 */
class FairSharingE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.threads", "2"));

    @Test
    void oneUsersEndlessQueriesLeaveAThreadForOthers() {
        ApiClient admin = SERVER.admin();
        String first = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);
        String second = admin.submit(RunTimeLimitE2ETest.ENDLESS_AGGREGATE);
        awaitRunning(first);
        JsonNode waiting = admin.statusData(second);
        assertThat(waiting.path("status").asText()).isEqualTo("RUNNING");
        assertThat(waiting.path("queue_position").asInt()).isEqualTo(1);

        // Without a share per user, ADMIN's two would hold both threads and this would wait for ever.
        String others = SERVER.analyst().runToSuccess("{\"sql\":\"select 'mine' as X\"}");
        assertThat(SERVER.analyst().get("/async_query/" + others + "/result").text()).isEqualTo("mine\r\n");
        assertThat(admin.statusData(second).path("queue_position").asInt()).isEqualTo(1);

        assertThat(admin.delete("/async_query/" + second).status()).isEqualTo(200);
        assertThat(admin.delete("/async_query/" + first).status()).isEqualTo(200);
    }

    @Test
    void usersTakeTurnsForFreeThreads() {
        ApiClient admin = SERVER.admin();
        ApiClient modeler = SERVER.modeler();
        String a1 = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);
        String m1 = modeler.submit(SlowQueries.STREAMING_CROSS_JOIN);
        String a2 = admin.submit("{\"sql\":\"select 'a2' as X\"}");
        String a3 = admin.submit("{\"sql\":\"select 'a3' as X\"}");
        String m2 = modeler.submit("{\"sql\":\"select 'm2' as X\"}");
        // ADMIN's two and MODELER's one wait: turns alternate between the users, each user's own in order.
        assertThat(admin.statusData(a2).path("queue_position").asInt()).isEqualTo(1);
        assertThat(modeler.statusData(m2).path("queue_position").asInt()).isEqualTo(2);
        assertThat(admin.statusData(a3).path("queue_position").asInt()).isEqualTo(3);

        assertThat(admin.delete("/async_query/" + a1).status()).isEqualTo(200);
        assertThat(admin.awaitDone(a2).path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(modeler.delete("/async_query/" + m1).status()).isEqualTo(200);
        assertThat(modeler.awaitDone(m2).path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(admin.awaitDone(a3).path("status").asText()).isEqualTo("SUCCESSFUL");
    }

    private static void awaitRunning(String id) {
        Eventually.await("query " + id + " to start", () -> SERVER.admin().statusData(id),
                data -> data.has("start_time"));
    }
}
