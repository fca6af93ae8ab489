package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.apache.kylin.asyncquery.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Old results go away on their own, by age and by caps, but never a query that is still running. */
class RetentionE2ETest {
    @TempDir
    Path temp;

    @Test
    void resultsOlderThanTheRetentionPeriodAreCleanedButRunningQueriesAreKept() throws Exception {
        // 0.00004 days is about 3.5 s.
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.result-retain-days", "0.00004",
                "kylin.query.async.cleaner-interval-seconds", "1"))) {
            ApiClient admin = server.admin();
            String finished = admin.runToSuccess("{\"sql\":\"select 1\"}");
            String running = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);

            assertEventually(() -> assertThat(admin.status(finished)).isEqualTo("MISSING"));
            assertThat(admin.status(running)).isEqualTo("RUNNING");
            admin.delete("/async_query/" + running);
        }
    }

    @Test
    void theCountCapEvictsTheOldestFirst() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.max-results", "2",
                "kylin.query.async.cleaner-interval-seconds", "1"))) {
            ApiClient admin = server.admin();
            String first = admin.runToSuccess("{\"sql\":\"select 1\"}");
            awaitClockPastSubmitOf(admin, first);
            String second = admin.runToSuccess("{\"sql\":\"select 2\"}");
            awaitClockPastSubmitOf(admin, second);
            String third = admin.runToSuccess("{\"sql\":\"select 3\"}");

            assertEventually(() -> assertThat(admin.status(first)).isEqualTo("MISSING"));
            assertThat(admin.status(second)).isEqualTo("SUCCESSFUL");
            assertThat(admin.status(third)).isEqualTo("SUCCESSFUL");
        }
    }

    @Test
    void theByteCapEvictsTheOldestFirst() throws Exception {
        // Each result below is 10,000 x "n\r\n" lines, a few tens of KB; the cap holds about two of them.
        String tenThousandRows = "{\"sql\":\"select TRANS_ID from KYLIN_SALES\",\"project\":\"learn_kylin\"}";
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.max-total-bytes", "150000",
                "kylin.query.async.cleaner-interval-seconds", "1"))) {
            ApiClient admin = server.admin();
            String first = admin.runToSuccess(tenThousandRows);
            awaitClockPastSubmitOf(admin, first);
            String second = admin.runToSuccess(tenThousandRows);
            awaitClockPastSubmitOf(admin, second);
            String third = admin.runToSuccess(tenThousandRows);
            long size = admin.get("/async_query/" + third + "/filestatus").json().path("data").asLong();
            assertThat(size * 2).isLessThanOrEqualTo(150000);
            assertThat(size * 3).isGreaterThan(150000);

            assertEventually(() -> assertThat(admin.status(first)).isEqualTo("MISSING"));
            assertThat(admin.status(second)).isEqualTo("SUCCESSFUL");
            assertThat(admin.status(third)).isEqualTo("SUCCESSFUL");
        }
    }

    @Test
    void deleteOlderThanRemovesFinishedQueriesTheCallerMayAccess() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of())) {
            ApiClient admin = server.admin();
            ApiClient analyst = server.as("ANALYST", "ANALYST");
            String adminsOld = admin.runToSuccess("{\"sql\":\"select 1\"}");
            String analystsOld = analyst.runToSuccess("{\"sql\":\"select 1\"}");
            String running = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);
            // older_than is in whole seconds: the cutoff is the first whole second after the old ones were
            // submitted, and the new one is submitted once the clock has reached it.
            long lastOld = LongStream.of(submitTime(admin, adminsOld), submitTime(admin, analystsOld),
                    submitTime(admin, running)).max().getAsLong();
            Instant cutoffInstant = Instant.ofEpochMilli(lastOld).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            awaitClockAt(cutoffInstant.toEpochMilli());
            String cutoff = LocalDateTime.ofInstant(cutoffInstant, ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            String adminsNew = admin.runToSuccess("{\"sql\":\"select 2\"}");

            assertThat(analyst.delete("/async_query?older_than=" + encode(cutoff)).json().path("data").asBoolean())
                    .isTrue();
            assertThat(admin.status(analystsOld)).isEqualTo("MISSING");
            assertThat(admin.status(adminsOld)).isEqualTo("SUCCESSFUL");

            assertThat(admin.delete("/async_query?older_than=" + encode(cutoff)).status()).isEqualTo(200);
            assertThat(admin.status(adminsOld)).isEqualTo("MISSING");
            assertThat(admin.status(adminsNew)).isEqualTo("SUCCESSFUL");
            assertThat(admin.status(running)).isEqualTo("RUNNING");
            admin.delete("/async_query/" + running);

            JsonNode refused = admin.delete("/async_query?older_than=yesterday").json();
            assertThat(refused.path("error_code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(refused.path("msg").asText()).contains("older_than");
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Eviction is oldest first by submit time, in milliseconds: waits until the clock (the server's too, on this
     * machine) is past the query's submit time, so that the next query is strictly younger.
     */
    private static void awaitClockPastSubmitOf(ApiClient client, String id) {
        awaitClockAt(submitTime(client, id) + 1);
    }

    private static void awaitClockAt(long epochMillis) {
        await("the clock to reach " + Instant.ofEpochMilli(epochMillis), System::currentTimeMillis,
                now -> now >= epochMillis);
    }

    /** The query's submit time (epoch milliseconds) as the listing gives it. */
    private static long submitTime(ApiClient client, String id) {
        for (JsonNode row : client.get("/async_query?page_size=1000").json().path("data").path("value")) {
            if (row.path("queryID").asText().equals(id)) {
                return row.path("submit_time").asLong();
            }
        }
        throw new AssertionError("Query " + id + " is not listed");
    }

    static List<String> ids(JsonNode page) {
        return page.path("value").findValuesAsText("queryID");
    }
}
