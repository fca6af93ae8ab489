package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.store.MiniHdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A server killed with SIGKILL in the middle of an export: the other server reports the query FAILED, naming the
 * lost server, within the heartbeat timeout; nothing partial is ever downloadable; and the killed server, once
 * restarted, fails its own orphans at start-up.
 */
class CrashRecoveryE2ETest {
    private static final int HEARTBEAT_TIMEOUT_SECONDS = 4;

    @TempDir
    static Path temp;
    static MiniHdfs hdfs;
    static String workingDir;
    static RunningServer survivor;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(temp, 1);
        workingDir = hdfs.uri() + "/kylin/crash";
        survivor = RunningServer.start(temp, workingDir, Map.of("kylin.query.async.node-id", "survivor",
                "kylin.query.async.heartbeat-interval-seconds", "1",
                "kylin.query.async.heartbeat-timeout-seconds", String.valueOf(HEARTBEAT_TIMEOUT_SECONDS)));
    }

    @AfterAll
    static void stop() {
        survivor.close();
        hdfs.close();
    }

    @Test
    void theOtherServerFailsAKilledServersQueryWithinTheTimeout() throws Exception {
        Path conf = RunningServer.writeConf(temp.resolve("conf-victim"), Map.of(
                "kylin.query.async.node-id", "victim", "kylin.query.async.heartbeat-interval-seconds", "1"));
        String id;
        try (ServerProcess victim = ServerProcess.start(conf, workingDir, temp.resolve("victim.log"))) {
            id = victim.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
            awaitPartialResult(id);
            victim.kill();
        }
        long killedAt = System.nanoTime();
        ApiClient admin = survivor.admin();

        JsonNode done = admin.awaitDone(id);

        Duration noticedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).contains("'victim'").contains("stopped responding");
        assertThat(noticedAfter).isLessThan(Duration.ofSeconds(HEARTBEAT_TIMEOUT_SECONDS + 10));
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
            awaitPartialResult(id);
            phoenix.kill();
        }
        try (ServerProcess restarted = ServerProcess.start(conf, workingDir, temp.resolve("phoenix-2.log"))) {
            JsonNode done = restarted.admin().awaitDone(id);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            assertThat(done.path("info").asText()).isEqualTo("The server 'phoenix' restarted while the query was running.");
        }
        assertThat(resultFileNames(id)).doesNotContain("result.csv");
    }

    /** Waits until the export has started writing its (hidden) result file. */
    private static void awaitPartialResult(String id) throws Exception {
        // As generous as awaitDone: a child JVM on a loaded two-core machine can take long to get going.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (resultFileNames(id).contains("_writing.result.csv")) {
                ApiClient.sleep(500);
                return;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("The export never started writing");
    }

    private static java.util.List<String> resultFileNames(String id) throws Exception {
        FileSystem fs = hdfs.fileSystem();
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(workingDir + "/async_query_result/" + id);
        if (!fs.exists(folder)) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(fs.listStatus(folder)).map(s -> s.getPath().getName()).toList();
    }
}
