package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Spark engine's exports while Spark's executors write them: progress moves as tasks finish, a stop or a delete
 * cancels the query's Spark jobs and frees the executors, and a row that fails in SQL on one partition fails the
 * export with a plain reason. None of them leaves a result file or a part folder behind.
 */
class SparkJobsE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.spark(Map.of("kylin.query.async.heartbeat-interval-seconds",
            "1"));

    /**
     * 20 partitions of 500 rows, each crossed with 10,000 rows: 100 million rows in 20 tasks that finish one after
     * another, slow enough to be caught while they write.
     */
    private static final String SLOW_PARQUET = "{\"sql\":\"select a.TRANS_ID, b.TRANS_ID as T2, a.PRICE from"
            + " (select /*+ REPARTITION(20) */ * from KYLIN_SALES) a cross join KYLIN_SALES b\","
            + "\"project\":\"learn_kylin\",\"format\":\"parquet\"}";

    @Test
    void progressMovesWhileTheExecutorsWrite() {
        ApiClient admin = SERVER.admin();
        String id = admin.submit(SLOW_PARQUET);
        try {
            JsonNode first = awaitRows(admin, id, 1);
            JsonNode later = awaitRows(admin, id, first.path("rows_written").asLong() + 1);
            assertThat(later.path("bytes_written").asLong()).isGreaterThan(first.path("bytes_written").asLong());
            assertThat(later.path("status").asText()).isEqualTo("RUNNING");
        } finally {
            admin.delete("/async_query/" + id);
        }
        SparkServers.awaitNoActiveSparkJobs();
    }

    @Test
    void aStopCancelsTheSparkJobsAndLeavesNoFiles() throws IOException {
        ApiClient admin = SERVER.admin();
        String id = admin.submit(SLOW_PARQUET);
        awaitRows(admin, id, 1);
        assertThat(SparkServers.sparkContext().statusTracker().getActiveJobIds()).isNotEmpty();

        assertThat(admin.delete("/async_query/stop/" + id).status()).isEqualTo(200);
        SparkServers.awaitNoActiveSparkJobs();
        JsonNode done = admin.awaitDone(id);
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).containsIgnoringCase("cancel");
        // The job's own clean-up runs after the outcome is written: wait for the folder to settle.
        Eventually.await("the part folder of " + id + " to go", () -> {
            try {
                return SparkServers.folderEntries(SERVER.workingDir(), id);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, entries -> entries.stream().noneMatch(name -> name.contains("parts")));
        SparkServers.assertNothingWritten(SERVER.workingDir(), id);
    }

    @Test
    void aDeleteCancelsTheSparkJobsAndRemovesEverything() throws IOException {
        ApiClient admin = SERVER.admin();
        String id = admin.submit(SLOW_PARQUET);
        awaitRows(admin, id, 1);

        assertThat(admin.delete("/async_query/" + id).status()).isEqualTo(200);
        SparkServers.awaitNoActiveSparkJobs();
        assertThat(admin.status(id)).isEqualTo("MISSING");
        Eventually.await("the folder of " + id + " to go", () -> {
            try {
                return SparkServers.folderEntries(SERVER.workingDir(), id);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, entries -> entries.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv", "json"})
    void aRowThatFailsOnOnePartitionFailsTheExportCleanly(String format) throws IOException {
        ApiClient admin = SERVER.admin();
        String id = admin.submit("{\"sql\":\"select /*+ REPARTITION(4) */ TRANS_ID, case when TRANS_ID = 5000"
                + " then raise_error('row 5000 is bad') else PRICE end as P from KYLIN_SALES\","
                + "\"project\":\"learn_kylin\",\"format\":\"" + format + "\"}");
        JsonNode done = admin.awaitDone(id);
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        String info = done.path("info").asText();
        assertThat(info).contains("row 5000 is bad").doesNotContain("\n").doesNotContain("file:")
                .doesNotContain("part-").doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)");
        SparkServers.awaitNoActiveSparkJobs();
        SparkServers.assertNothingWritten(SERVER.workingDir(), id);
    }

    @Test
    void aDivisionByZeroUnderAnsiFailsWithAPlainReason() {
        ApiClient admin = SERVER.admin();
        String id = admin.submit("{\"sql\":\"select /*+ REPARTITION(4) */ TRANS_ID, 1 / (TRANS_ID - 5000) as Q"
                + " from KYLIN_SALES\",\"project\":\"learn_kylin\",\"format\":\"parquet\"}");
        JsonNode done = admin.awaitDone(id);
        // The engine runs Spark in ANSI mode, so a division by zero fails as it does in Calcite (not NULL).
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).startsWith("Division by zero").doesNotContain("\n");
    }

    private static JsonNode awaitRows(ApiClient client, String id, long atLeast) {
        return Eventually.await("query " + id + " to report " + atLeast + " rows written", () -> client.statusData(id),
                data -> data.path("rows_written").asLong() >= atLeast || !"RUNNING".equals(
                        data.path("status").asText()));
    }
}
