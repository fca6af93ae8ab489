package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.hadoop.fs.FileStatus;
import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers with the Spark engine share one working directory on a real HDFS (MiniDFSCluster): Spark's
 * executors write a result straight into the query's folder on HDFS, and the other server describes and serves it
 * exactly as the first does.
 */
class SparkHdfsE2ETest {
    @RegisterExtension
    static final MiniHdfsExtension HDFS = new MiniHdfsExtension();
    @TempDir
    static Path temp;
    static RunningServer serverA;
    static RunningServer serverB;

    @BeforeAll
    static void start() throws Exception {
        String workingDir = HDFS.uri() + "/kylin/shared";
        serverA = RunningServer.startSpark(temp, workingDir, Map.of("kylin.query.async.node-id", "node-a"));
        serverB = RunningServer.startSpark(temp, workingDir, Map.of("kylin.query.async.node-id", "node-b"));
    }

    @AfterAll
    static void stop() {
        if (serverA != null) {
            serverA.close();
        }
        if (serverB != null) {
            serverB.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"format\":\"parquet\"", "\"format\":\"csv\",\"include_header\":true",
        "\"format\":\"json\""})
    void aResultTheExecutorsWroteOnOneServerIsReadIdenticallyOnTheOther(String format) throws Exception {
        String id = serverA.admin().runToSuccess("{\"sql\":\"select /*+ REPARTITION_BY_RANGE(3, TRANS_ID) */"
                + " TRANS_ID, PART_DT, PRICE from KYLIN_SALES order by TRANS_ID\",\"project\":\"learn_kylin\","
                + format + "}");
        String folder = serverA.admin().get("/async_query/" + id + "/result_path").json().path("data").asText();
        assertThat(folder).startsWith(HDFS.uri());
        FileStatus[] files = HDFS.fileSystem().listStatus(new org.apache.hadoop.fs.Path(folder));
        assertThat(Arrays.stream(files).map(f -> f.getPath().getName()))
                .as("no part folder is left").noneMatch(name -> name.contains("parts"))
                .anyMatch(name -> name.startsWith("result"));

        for (String call : new String[] {"status", "metadata", "filestatus", "result_path"}) {
            assertThat(serverB.admin().get("/async_query/" + id + "/" + call).json().path("data"))
                    .as(call).isEqualTo(serverA.admin().get("/async_query/" + id + "/" + call).json().path("data"));
        }
        ApiClient.Response fromA = serverA.admin().get("/async_query/" + id + "/result");
        ApiClient.Response fromB = serverB.admin().get("/async_query/" + id + "/result");
        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(fromB.bytes()).isEqualTo(fromA.bytes());
        assertThat(fromA.bytes().length).isEqualTo(
                serverA.admin().get("/async_query/" + id + "/filestatus").json().path("data").asLong());
    }
}
