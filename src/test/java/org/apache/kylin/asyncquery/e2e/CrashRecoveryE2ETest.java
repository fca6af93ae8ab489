package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A server killed with SIGKILL in the middle of an export: the other server reports the query FAILED, naming the
 * lost server, once its heartbeat has timed out; nothing partial is ever downloadable; and the killed server, once
 * restarted, fails its own orphans at start-up.
 */
class CrashRecoveryE2ETest {
    private static final int HEARTBEAT_TIMEOUT_SECONDS = 4;

    @RegisterExtension
    static final MiniHdfsExtension HDFS = new MiniHdfsExtension();
    @TempDir
    static Path temp;
    static String workingDir;
    static RunningServer survivor;

    @BeforeAll
    static void start() throws Exception {
        workingDir = HDFS.uri() + "/kylin/crash";
        survivor = RunningServer.start(temp, workingDir, Map.of("kylin.query.async.node-id", "survivor",
                "kylin.query.async.heartbeat-interval-seconds", "1",
                "kylin.query.async.heartbeat-timeout-seconds", String.valueOf(HEARTBEAT_TIMEOUT_SECONDS)));
    }

    @AfterAll
    static void stop() {
        survivor.close();
    }

    @Test
    void theOtherServerFailsAKilledServersQueryNamingTheLostServer() throws Exception {
        Path conf = RunningServer.writeConf(temp.resolve("conf-victim"), Map.of(
                "kylin.query.async.node-id", "victim", "kylin.query.async.heartbeat-interval-seconds", "1"));
        String id;
        try (ServerProcess victim = ServerProcess.start(conf, workingDir, temp.resolve("victim.log"))) {
            id = victim.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
            awaitPartialResult(victim.admin(), id);
            victim.kill();
        }
        ApiClient admin = survivor.admin();

        // Not timed here (no wall-clock bounds in tests): when a silent server counts as lost is the heartbeat's
        // rule, for its own unit tests on a fake clock.
        JsonNode done = admin.awaitDone(id);

        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).contains("'victim'").contains("stopped responding");
        assertThat(admin.get("/async_query/" + id + "/result_download").status()).isEqualTo(409);
        assertThat(admin.get("/async_query/" + id + "/filestatus").status()).isEqualTo(409);
        assertThat(resultFileNames(id)).doesNotContain("result.csv");
    }

    @Test
    void aRestartedServerFailsItsOwnOrphansAtStartUp() throws Exception {
        Map<String, String> settings = Map.of("kylin.query.async.node-id", "phoenix",
                "kylin.query.async.heartbeat-interval-seconds", "1",
                // So long that only the restarted server itself can tell its query is lost.
                "kylin.query.async.heartbeat-timeout-seconds", "3600");
        Path conf = RunningServer.writeConf(temp.resolve("conf-phoenix"), settings);
        String id;
        try (ServerProcess phoenix = ServerProcess.start(conf, workingDir, temp.resolve("phoenix-1.log"))) {
            id = phoenix.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
            awaitPartialResult(phoenix.admin(), id);
            phoenix.kill();
        }
        try (ServerProcess restarted = ServerProcess.start(conf, workingDir, temp.resolve("phoenix-2.log"))) {
            JsonNode done = restarted.admin().awaitDone(id);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            assertThat(done.path("info").asText()).isEqualTo("The server 'phoenix' restarted while the query was running.");
        }
        assertThat(resultFileNames(id)).doesNotContain("result.csv");
    }

    /** Waits until the export has started writing its (hidden) result file and its server counts bytes written. */
    private static void awaitPartialResult(ApiClient server, String id) {
        // As patient as awaitDone: a child JVM on a loaded two-core machine can take long to get going.
        await("query " + id + " to start writing its result", () -> resultFileNames(id),
                names -> names.contains("_writing.result.csv"));
        await("query " + id + " to report bytes written", () -> server.statusData(id),
                data -> data.path("bytes_written").asLong() > 0);
    }

    private static java.util.List<String> resultFileNames(String id) throws Exception {
        FileSystem fs = HDFS.fileSystem();
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(workingDir + "/async_query_result/" + id);
        if (!fs.exists(folder)) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(fs.listStatus(folder)).map(s -> s.getPath().getName()).toList();
    }
}
