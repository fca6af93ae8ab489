package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standalone server's Prometheus endpoint over real HTTP: after a success, a failure, a cancel, a refusal and
 * downloads, the scrape shows exactly those counts, rows and bytes; and only an administrator may read it.
 */
class MetricsE2ETest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.threads", "2"));

    @Test
    void theScrapeCountsWhatHappened() {
        ApiClient admin = SERVER.admin();
        ApiClient analyst = SERVER.analyst();
        // Every series is there from the start (the other tests of this class share the server: count from here).
        Map<String, Double> before = scrape();
        assertThat(before).containsKeys("asyncquery_queries_submitted_total",
                "asyncquery_queries_refused_total{reason=\"QUEUE_FULL\"}",
                "asyncquery_export_duration_seconds_count{outcome=\"cancelled\"}");

        String succeeded = analyst.runToSuccess("{\"sql\":\"select COUNTRY, NAME from KYLIN_COUNTRY\","
                + "\"project\":\"learn_kylin\",\"include_header\":true}");
        JsonNode success = analyst.statusData(succeeded);
        long rows = success.path("result_rows").asLong();
        long bytes = success.path("result_bytes").asLong();
        assertThat(rows).isEqualTo(25);

        String failed = analyst.submit("{\"sql\":\"select * from NO_SUCH_TABLE\",\"project\":\"learn_kylin\"}");
        assertThat(analyst.awaitDone(failed).path("status").asText()).isEqualTo("FAILED");

        String cancelled = analyst.submit(SlowQueries.STREAMING_CROSS_JOIN);
        Eventually.await("the slow query to run", () -> analyst.statusData(cancelled),
                data -> data.path("rows_written").asLong() > 0);
        assertThat(analyst.delete("/async_query/stop/" + cancelled).status()).isEqualTo(200);
        assertThat(analyst.awaitDone(cancelled).path("info").asText()).contains("cancelled by ANALYST");

        ApiClient.Response refused = analyst.post("/async_query", "{\"sql\":\"delete from KYLIN_COUNTRY\","
                + "\"project\":\"learn_kylin\"}", "Content-Type", "application/json");
        assertThat(refused.json().path("error_code").asText()).isEqualTo("SQL_NOT_ALLOWED");

        assertThat(analyst.get("/async_query/" + succeeded + "/result_download").bytes()).hasSize((int) bytes);
        ApiClient.Response range = analyst.get("/async_query/" + succeeded + "/result_download", "Range", "bytes=0-9");
        assertThat(range.status()).isEqualTo(206);
        // Neither a HEAD nor a refused download sends the result.
        assertThat(analyst.send("HEAD", "/async_query/" + succeeded + "/result_download", null).status())
                .isEqualTo(200);
        assertThat(SERVER.modeler().get("/async_query/" + succeeded + "/result_download").status()).isEqualTo(403);

        // The executor counts a query's end once its work has returned, just after its status changed.
        assertEventually(() -> {
            Map<String, Double> grown = grown(before, scrape());
            assertThat(grown).containsEntry("asyncquery_queries_submitted_total", 3.0)
                    .containsEntry("asyncquery_queries_succeeded_total", 1.0)
                    .containsEntry("asyncquery_queries_failed_total", 1.0)
                    .containsEntry("asyncquery_queries_cancelled_total", 1.0)
                    .containsEntry("asyncquery_queries_refused_total{reason=\"SQL_NOT_ALLOWED\"}", 1.0)
                    .containsEntry("asyncquery_queries_refused_total{reason=\"QUEUE_FULL\"}", 0.0)
                    .containsEntry("asyncquery_result_rows_total", (double) rows)
                    .containsEntry("asyncquery_result_bytes_total", (double) bytes)
                    .containsEntry("asyncquery_export_duration_seconds_count{outcome=\"succeeded\"}", 1.0)
                    .containsEntry("asyncquery_export_duration_seconds_count{outcome=\"failed\"}", 1.0)
                    .containsEntry("asyncquery_export_duration_seconds_count{outcome=\"cancelled\"}", 1.0)
                    .containsEntry("asyncquery_downloads_total", 2.0)
                    .containsEntry("asyncquery_download_bytes_total", (double) bytes + 10)
                    .containsEntry("asyncquery_cleaner_deletions_total", 0.0);
            assertThat(grown.get("asyncquery_export_duration_seconds_sum{outcome=\"cancelled\"}")).isPositive();
        });
        assertThat(admin.status(succeeded)).isEqualTo("SUCCESSFUL");
    }

    @Test
    void aRunningQueryShowsInTheGauge() {
        ApiClient modeler = SERVER.modeler();
        String running = modeler.submit(SlowQueries.STREAMING_CROSS_JOIN);
        try {
            assertEventually(() -> assertThat(scrape()).containsEntry("asyncquery_queries_running", 1.0));
        } finally {
            modeler.delete("/async_query/" + running);
        }
        assertEventually(() -> assertThat(scrape()).containsEntry("asyncquery_queries_running", 0.0)
                .containsEntry("asyncquery_queries_queued", 0.0));
    }

    @Test
    void onlyAnAdministratorMayReadIt() {
        HttpResponse<String> anonymous = get(null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error_code\":\"UNAUTHORIZED\"");
        HttpResponse<String> analyst = get("ANALYST:ANALYST");
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(analyst.body()).contains("\"error_code\":\"ACCESS_DENIED\"").doesNotContain("asyncquery_");
        HttpResponse<String> admin = get("ADMIN:KYLIN");
        assertThat(admin.statusCode()).isEqualTo(200);
        // Prometheus' text format 0.0.4 (Tomcat writes the type without spaces).
        assertThat(admin.headers().firstValue("Content-Type")).hasValue("text/plain;version=0.0.4;charset=utf-8");
        assertThat(admin.body()).contains("# TYPE asyncquery_queries_submitted_total counter")
                .contains("jvm_memory_used_bytes");
    }

    /** How much each sample of {@code before} grew by {@code after}. */
    private static Map<String, Double> grown(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> grown = new HashMap<>();
        before.forEach((sample, value) -> grown.put(sample, after.getOrDefault(sample, Double.NaN) - value));
        return grown;
    }

    /** Every sample of the scrape, by its name and labels as written ({@code name{label="value"}}). */
    private static Map<String, Double> scrape() {
        HttpResponse<String> response = get("ADMIN:KYLIN");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static HttpResponse<String> get(String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + SERVER.port() + "/kylin/metrics"));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
