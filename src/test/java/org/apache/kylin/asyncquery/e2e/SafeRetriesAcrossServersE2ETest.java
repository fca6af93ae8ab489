package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.e2e.SafeRetriesE2ETest.newKey;
import static org.apache.kylin.asyncquery.e2e.SafeRetriesE2ETest.submitAtOnce;
import static org.apache.kylin.asyncquery.e2e.SafeRetriesE2ETest.submitData;
import static org.apache.kylin.asyncquery.e2e.SafeRetriesE2ETest.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retries, reuse and waiting across two servers sharing one HDFS working directory, as Kylin query servers behind a
 * load balancer: whichever server a retry reaches, it answers the one query the first attempt started.
 */
class SafeRetriesAcrossServersE2ETest {
    @RegisterExtension
    static final MiniHdfsExtension HDFS = new MiniHdfsExtension();
    @TempDir
    static Path temp;
    static RunningServer serverA;
    static RunningServer serverB;

    @BeforeAll
    static void start() throws Exception {
        String workingDir = HDFS.uri() + "/kylin/shared";
        serverA = RunningServer.start(temp, workingDir, Map.of("kylin.query.async.node-id", "node-a",
                "kylin.query.async.reuse-minutes", "60", "kylin.query.async.heartbeat-interval-seconds", "1"));
        serverB = RunningServer.start(temp, workingDir, Map.of("kylin.query.async.node-id", "node-b",
                "kylin.query.async.reuse-minutes", "60", "kylin.query.async.heartbeat-interval-seconds", "1"));
    }

    @AfterAll
    static void stop() {
        serverA.close();
        serverB.close();
    }

    @Test
    void aRetrySentToTheOtherServerAnswersTheSameQuery() {
        String body = withKey("{\"sql\":\"select 'across' as X\",\"project\":\"learn_kylin\"}", newKey());
        long before = queryCount();
        String first = serverA.as("ANALYST", "ANALYST").submit(body);
        assertThat(serverB.as("ANALYST", "ANALYST").submit(body)).isEqualTo(first);
        assertThat(serverA.as("ANALYST", "ANALYST").submit(body)).isEqualTo(first);
        assertThat(queryCount()).isEqualTo(before + 1);

        // Deleted through B, the ID is free on A.
        serverB.as("ANALYST", "ANALYST").awaitDone(first);
        assertThat(serverB.as("ANALYST", "ANALYST").delete("/async_query/" + first).status()).isEqualTo(200);
        String second = serverA.as("ANALYST", "ANALYST").submit(body);
        assertThat(second).isNotEqualTo(first);
        assertThat(serverB.as("ANALYST", "ANALYST").submit(body)).isEqualTo(second);
    }

    @Test
    void aConflictSentToTheOtherServerIsRefusedThere() {
        String key = newKey();
        String first = serverA.as("ANALYST", "ANALYST").submit(withKey("{\"sql\":\"select 'a' as X\"}", key));
        long before = queryCount();
        ApiClient.Response refused = serverB.as("ANALYST", "ANALYST").post("/async_query",
                withKey("{\"sql\":\"select 'b' as X\"}", key), "Content-Type", "application/json");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error_code").asText()).isEqualTo("REQUEST_CONFLICT");
        assertThat(refused.text()).contains(first);
        assertThat(queryCount()).isEqualTo(before);
    }

    @Test
    void concurrentSubmitsSplitAcrossTheServersStartOneQuery() throws Exception {
        String body = withKey("{\"sql\":\"select * from KYLIN_CAL_DT\",\"project\":\"learn_kylin\","
                + "\"include_header\":true}", newKey());
        long before = queryCount();
        Set<String> ids = new HashSet<>(submitAtOnce(8,
                i -> (i % 2 == 0 ? serverA : serverB).as("MODELER", "MODELER"), body));
        assertThat(ids).hasSize(1);
        // The losers undid their queries before anything ran: one query, one folder, on both servers' lists.
        assertThat(queryCount()).isEqualTo(before + 1);
        for (RunningServer server : new RunningServer[] {serverA, serverB}) {
            JsonNode rows = server.admin().get("/async_query?page_size=1000").json().path("data").path("value");
            assertThat(rows.findValuesAsText("queryID")).containsOnlyOnce(ids.iterator().next());
        }
    }

    @Test
    void aRetryOnTheOtherServerWaitsForTheQueryThroughTheStore() {
        String key = newKey();
        String body = withKey("{\"sql\":\"select count(*) as N from KYLIN_SALES a cross join KYLIN_COUNTRY b\","
                + "\"project\":\"learn_kylin\"}", key);
        String first = serverA.as("ANALYST", "ANALYST").submit(body);
        JsonNode waited = submitData(serverB.as("ANALYST", "ANALYST"),
                body.substring(0, body.length() - 1) + ",\"wait_timeout_seconds\":50}");
        assertThat(waited.path("queryID").asText()).isEqualTo(first);
        assertThat(waited.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(waited.path("result_rows").asLong()).isEqualTo(1);
    }

    @Test
    void aSuccessfulQueryIsReusedFromTheOtherServerByItsOwnerOnly() {
        String body = "{\"sql\":\"select 'reused across' as X\",\"project\":\"learn_kylin\",\"format\":\"json\"}";
        String first = serverA.as("ANALYST", "ANALYST").runToSuccess(body);
        JsonNode reused = submitData(serverB.as("ANALYST", "ANALYST"), body);
        assertThat(reused.path("queryID").asText()).isEqualTo(first);
        assertThat(reused.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(reused.path("result_rows").asLong()).isEqualTo(1);

        assertThat(serverB.as("MODELER", "MODELER").submit(body)).isNotEqualTo(first);
        assertThat(serverB.as("ANALYST", "ANALYST").submit(body.replace("json", "csv"))).isNotEqualTo(first);
    }

    /** Every query in the shared working directory, as an administrator's listing counts them. */
    private static long queryCount() {
        return serverA.admin().get("/async_query?page_size=1").json().path("data").path("total_size").asLong();
    }
}
