package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own JVM with a 64 MB heap exports, and then serves, results several times larger than its heap,
 * in each format. It would die of OutOfMemoryError (the JVM is told to exit on one) if anything held a result whole.
 */
class FlatMemoryE2ETest {
    private static final String HEAP = "-Xmx64m";
    private static final long HEAP_BYTES = 64L << 20;

    @TempDir
    Path temp;

    @Test
    void exportsAndDownloadsFarLargerThanTheHeap() throws Exception {
        Path conf = RunningServer.writeConf(temp.resolve("conf"), Map.of("kylin.query.async.threads", "1"));
        try (ServerProcess server = ServerProcess.start(conf, temp.resolve("wd").toUri().toString(),
                temp.resolve("server.log"), HEAP)) {
            ApiClient admin = server.admin();
            long csv = exportAndDownload(server, admin, "csv", 8_000_000);
            assertThat(csv).isGreaterThan(3 * HEAP_BYTES);
            long json = exportAndDownload(server, admin, "json", 4_000_000);
            assertThat(json).isGreaterThan(3 * HEAP_BYTES);
            // Past one sheet's 1,048,576 rows; zipped, the file is small, but its sheet XML is far larger than the heap.
            long xlsx = exportAndDownload(server, admin, "xlsx", 1_100_000);
            assertThat(xlsx).isPositive();
            long parquet = exportAndDownload(server, admin, "parquet", 4_000_000);
            assertThat(parquet).isPositive();
            assertThat(server.isAlive()).isTrue();
        }
        assertThat(Files.readString(temp.resolve("server.log"))).doesNotContain("OutOfMemoryError");
    }

    /** Exports {@code rows} rows of a cross join, streams the download without keeping it, returns its size. */
    private static long exportAndDownload(ServerProcess server, ApiClient admin, String format, long rows)
            throws IOException, InterruptedException {
        String id = admin.submit("{\"sql\":\"select a.TRANS_ID, b.TRANS_ID as OTHER, a.PRICE, a.PART_DT, "
                + "a.OPS_REGION from KYLIN_SALES a cross join KYLIN_SALES b\",\"project\":\"learn_kylin\","
                + "\"limit\":" + rows + ",\"format\":\"" + format + "\"}");
        var done = admin.awaitDone(id);
        assertThat(done.path("status").asText()).as(format + ": " + done).isEqualTo("SUCCESSFUL");
        assertThat(admin.statusData(id).path("result_rows").asLong())
                .isEqualTo(rows);
        long size = admin.get("/async_query/" + id + "/filestatus").json().path("data").asLong();
        HttpRequest request = HttpRequest.newBuilder(admin.uri("/async_query/" + id + "/result"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("ADMIN:KYLIN".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        long downloaded = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                downloaded += n;
            }
        }
        assertThat(downloaded).as(format).isEqualTo(size);
        assertThat(server.isAlive()).as(format).isTrue();
        admin.delete("/async_query/" + id);
        return size;
    }
}
