package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two servers over one HDFS working directory, as Kylin query servers behind a load balancer: any server answers
 * for any query, and a delete or stop sent to one server stops the query running on the other.
 */
class MultiServerE2ETest {
    @RegisterExtension
    static final MiniHdfsExtension HDFS = new MiniHdfsExtension();
    @TempDir
    static Path temp;
    static RunningServer serverA;
    static RunningServer serverB;
    static ApiClient onA;
    static ApiClient onB;

    @BeforeAll
    static void start() throws Exception {
        String workingDir = HDFS.uri() + "/kylin/shared";
        serverA = RunningServer.start(temp, workingDir, Map.of("kylin.query.async.node-id", "node-a",
                "kylin.query.async.threads", "1", "kylin.query.async.queue-size", "0",
                "kylin.query.async.heartbeat-interval-seconds", "1"));
        serverB = RunningServer.start(temp, workingDir, Map.of("kylin.query.async.node-id", "node-b",
                "kylin.query.async.heartbeat-interval-seconds", "1"));
        onA = serverA.admin();
        onB = serverB.admin();
    }

    @AfterAll
    static void stop() {
        serverA.close();
        serverB.close();
    }

    @Test
    void aQuerySubmittedOnOneServerIsPolledDescribedDownloadedAndDeletedOnTheOther() {
        String id = onA.submit("{\"sql\":\"select * from KYLIN_COUNTRY order by COUNTRY\",\"project\":\"learn_kylin\","
                + "\"include_header\":true}");
        assertThat(onB.awaitDone(id).path("status").asText()).isEqualTo("SUCCESSFUL");

        assertThat(onB.get("/async_query/" + id + "/metadata").json().path("data").get(0).get(0).asText())
                .isEqualTo("COUNTRY");
        String fromB = onB.get("/async_query/" + id + "/result_download").text();
        assertThat(fromB).isEqualTo(onA.get("/async_query/" + id + "/result_download").text()).startsWith("COUNTRY,");
        assertThat(onB.get("/async_query/" + id + "/filestatus").json().path("data").asLong())
                .isEqualTo(fromB.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(onB.get("/async_query/" + id + "/result_path").json().path("data").asText())
                .isEqualTo(onA.get("/async_query/" + id + "/result_path").json().path("data").asText());

        assertThat(onB.delete("/async_query/" + id).json().path("data").asBoolean()).isTrue();
        assertThat(onA.status(id)).isEqualTo("MISSING");
    }

    @Test
    void aDeleteSentToOneServerStopsTheQueryRunningOnTheOther() {
        String id = onA.submit(SlowQueries.STREAMING_CROSS_JOIN);
        assertThat(onB.status(id)).isEqualTo("RUNNING");
        // A's progress reaches B through the working directory, on A's heartbeat.
        assertThat(awaitRowsWritten(onB, id).path("status").asText()).isEqualTo("RUNNING");

        assertThat(onB.delete("/async_query/" + id).json().path("data").asBoolean()).isTrue();

        assertThat(onA.status(id)).isEqualTo("MISSING");
        awaitFreeThreadOnA();
    }

    @Test
    void aStopSentToOneServerFailsTheQueryEverywhereAndFreesTheOther() {
        String id = onA.submit(SlowQueries.STREAMING_CROSS_JOIN);
        awaitRowsWritten(onA, id);

        assertThat(onB.delete("/async_query/stop/" + id).json().path("data").asBoolean()).isTrue();

        for (ApiClient server : new ApiClient[] {onA, onB}) {
            JsonNode data = server.statusData(id);
            assertThat(data.path("status").asText()).isEqualTo("FAILED");
            // Until the engine has given its thread back, server A adds that it is still stopping.
            assertThat(data.path("info").asText()).startsWith("cancelled by ADMIN");
        }
        awaitFreeThreadOnA();
        for (ApiClient server : new ApiClient[] {onA, onB}) {
            assertThat(server.statusData(id).path("info").asText()).isEqualTo("cancelled by ADMIN");
        }
        assertThat(onA.get("/async_query/" + id + "/result_download").status()).isEqualTo(409);
        assertThat(onB.delete("/async_query/stop/" + id).status()).isEqualTo(409);
    }

    /** The key file on HDFS, made by the first server, signs for both. */
    @Test
    void aDownloadLinkMadeOnOneServerDownloadsOnTheOtherWithoutCredentials() {
        String id = onA.runToSuccess("{\"sql\":\"select * from KYLIN_SALES order by TRANS_ID\","
                + "\"project\":\"learn_kylin\",\"include_header\":true}");
        byte[] fromB = onB.get("/async_query/" + id + "/result_download").bytes();
        String path = onA.get("/async_query/" + id + "/download_link").json().path("data").path("path").asText();
        ApiClient.Response viaLink = serverB.anonymous().sendTo("GET",
                java.net.URI.create("http://localhost:" + serverB.port() + path));
        assertThat(viaLink.status()).as(viaLink.text()).isEqualTo(200);
        assertThat(viaLink.bytes()).isEqualTo(fromB).hasSizeGreaterThan(100_000);
        assertThat(serverB.anonymous().sendTo("GET", java.net.URI.create("http://localhost:" + serverB.port()
                + path), "Range", "bytes=100-199").bytes()).isEqualTo(java.util.Arrays.copyOfRange(fromB, 100, 200));

        assertThat(onB.delete("/async_query/" + id).status()).isEqualTo(200);
        ApiClient.Response deleted = serverA.anonymous().sendTo("GET",
                java.net.URI.create("http://localhost:" + serverA.port() + path));
        BadInputE2ETest.assertClientError(deleted, 403, "LINK_INVALID");
    }

    @Test
    void eachServerListsTheQueriesOfBoth() {
        String fromA = onA.runToSuccess("{\"sql\":\"select 1\"}");
        String fromB = onB.runToSuccess("{\"sql\":\"select 2\"}");
        for (ApiClient server : new ApiClient[] {onA, onB}) {
            JsonNode rows = server.get("/async_query?page_size=1000").json().path("data").path("value");
            assertThat(rows.findValuesAsText("queryID")).contains(fromA, fromB);
        }
    }

    /** Server A has one thread: it takes a new query only once the stopped one has let go of it. */
    private static void awaitFreeThreadOnA() {
        ApiClient.Response accepted = await("a free thread on server A after the query was ended elsewhere",
                () -> onA.post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type", "application/json"),
                response -> {
                    assertThat(response.status()).as(response.text()).isIn(200, 429);
                    return response.status() == 200;
                });
        onA.awaitDone(accepted.json().path("data").path("queryID").asText());
    }

    /** Waits until the server {@code client} talks to reports rows written by the query; returns that status. */
    private static JsonNode awaitRowsWritten(ApiClient client, String id) {
        return await("query " + id + " to write rows", () -> client.statusData(id),
                data -> data.path("rows_written").asLong() > 0);
    }
}
