package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
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

/** The whole flow with the working directory on a real HDFS (an in-process MiniDFSCluster). */
class HdfsE2ETest {
    @RegisterExtension
    static final MiniHdfsExtension HDFS = new MiniHdfsExtension();
    @TempDir
    static Path temp;
    static RunningServer server;
    static ApiClient admin;
    static String workingDir;

    @BeforeAll
    static void start() throws Exception {
        workingDir = HDFS.uri() + "/kylin/ci_cube";
        server = RunningServer.start(temp, workingDir, Map.of("kylin.query.async.heartbeat-interval-seconds", "1"));
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void submitPollDescribeDownloadAndDeleteOnHdfs() throws Exception {
        String id = admin.runToSuccess("{\"sql\":\"select LSTG_FORMAT_NAME, SLR_SEGMENT_CD, sum(PRICE) as GMV, "
                + "count(*) as TRANS_CNT from KYLIN_SALES group by LSTG_FORMAT_NAME, SLR_SEGMENT_CD\","
                + "\"project\":\"learn_kylin\"}");

        assertThat(admin.get("/async_query/" + id + "/metadata").json().path("data").get(1).toString())
                .isEqualTo("[\"VARCHAR\",\"SMALLINT\",\"DECIMAL\",\"BIGINT\"]");
        byte[] file = admin.get("/async_query/" + id + "/result_download").bytes();
        assertThat(new String(file)).contains("Auction,");
        assertThat(admin.get("/async_query/" + id + "/filestatus").json().path("data").asLong())
                .isEqualTo(file.length);

        String path = admin.get("/async_query/" + id + "/result_path").json().path("data").asText();
        assertThat(path).isEqualTo(workingDir + "/async_query_result/" + id);
        FileSystem fs = HDFS.fileSystem();
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(path);
        assertThat(fs.getFileStatus(new org.apache.hadoop.fs.Path(folder, "result.csv")).getLen())
                .isEqualTo(file.length);

        assertThat(admin.delete("/async_query/" + id).json().path("data").asBoolean()).isTrue();
        assertThat(fs.exists(folder)).isFalse();
        assertThat(admin.status(id)).isEqualTo("MISSING");
    }

    /** Text stored zstd-compressed on HDFS: smaller there, served as stored or decompressed, ranges of the stored. */
    @Test
    void csvStoredCompressedOnHdfsIsServedAsStoredOrDecompressed() throws Exception {
        String sql = "select * from KYLIN_SALES order by TRANS_ID";
        String plainId = admin.runToSuccess("{\"sql\":\"" + sql + "\",\"project\":\"learn_kylin\"}");
        byte[] plain = admin.get("/async_query/" + plainId + "/result_download").bytes();
        String id = admin.runToSuccess("{\"sql\":\"" + sql + "\",\"project\":\"learn_kylin\","
                + "\"compression\":\"zstd\"}");

        String path = admin.get("/async_query/" + id + "/result_path").json().path("data").asText();
        long stored = HDFS.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(path, "result.csv.zst")).getLen();
        assertThat(stored).isLessThan(plain.length / 3);
        assertThat(admin.get("/async_query/" + id + "/filestatus").json().path("data").asLong())
                .isEqualTo(plain.length);
        assertThat(admin.get("/async_query/" + id + "/result_download").bytes()).isEqualTo(plain);
        ApiClient.Response raw = admin.get("/async_query/" + id + "/result_download", "Accept-Encoding", "zstd");
        assertThat(raw.header("Content-Encoding")).isEqualTo("zstd");
        assertThat(raw.bytes()).hasSize((int) stored);
        try (java.io.InputStream in = new io.airlift.compress.zstd.ZstdInputStream(
                new java.io.ByteArrayInputStream(raw.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        ApiClient.Response tail = admin.get("/async_query/" + id + "/result_download", "Accept-Encoding", "zstd",
                "Range", "bytes=-100");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(java.util.Arrays.copyOfRange(raw.bytes(), raw.bytes().length - 100,
                raw.bytes().length));
    }

    @Test
    void losingTheDataNodesMidWriteFailsTheQueryCleanlyAndTheServerRecovers() throws Exception {
        String id = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);
        await("query " + id + " to write bytes to HDFS", () -> admin.statusData(id),
                data -> data.path("bytes_written").asLong() > 0);
        var dataNode = HDFS.cluster().stopDataNode(0);
        try {
            // The server still answers from what it knows while the DataNodes are gone.
            JsonNode done = admin.awaitDone(id);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            // The file system's reason names paths and classes: the log has it, the status a plain sentence.
            assertThat(done.path("info").asText()).startsWith("The result could not be written:")
                    .doesNotContain("hdfs:").doesNotContain("/").doesNotContain("Exception");
        } finally {
            HDFS.cluster().restartDataNode(dataNode, true);
            HDFS.cluster().waitActive();
        }
        FileSystem fs = HDFS.fileSystem();
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(workingDir + "/async_query_result/" + id);
        assertThat(fs.listStatus(folder)).extracting(s -> s.getPath().getName())
                .noneMatch(name -> name.startsWith("_writing") || name.equals("result.csv"));
        assertThat(admin.get("/async_query/" + id + "/result_download").status()).isEqualTo(409);

        // The outcome the file system refused while it was down lands on a later heartbeat.
        assertEventually(() -> assertThat(fs.exists(new org.apache.hadoop.fs.Path(folder, "_outcome.json")))
                .as("_outcome.json in " + folder).isTrue());

        String next = admin.runToSuccess("{\"sql\":\"select 1 as X\"}");
        assertThat(admin.get("/async_query/" + next + "/result").text()).isEqualTo("1\r\n");
        // The query threads (async-query-1, -2, ...) are bounded; helper threads have names of their own.
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().matches("async-query-[0-9]+"))
                .hasSizeLessThanOrEqualTo(4);
    }
}
