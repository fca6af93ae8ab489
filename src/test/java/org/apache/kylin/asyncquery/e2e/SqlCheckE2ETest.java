package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The read-only check over HTTP: it reads SQL with the engine's own grammar (Calcite's), so every query the engine
 * runs is accepted, and its parse is bounded, so short SQL built to make a parser backtrack (nested parentheses
 * and CASTs, which cost JSqlParser minutes) is answered at once and a flood of huge SQL neither pins the server
 * nor keeps other users' calls waiting. The parse deadline is shortened to one second here.
 */
class SqlCheckE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "kylin.query.async.sql-check-timeout-seconds", "1", "kylin.query.async.sql-check-threads", "2",
            "kylin.query.async.max-queries-per-user", "32", "kylin.query.async.queue-size", "64"));

    /** The Calcite and Kylin syntax the old JSqlParser check refused or could not read, run to the end. */
    @Test
    void everyConstructTheEngineRunsIsAcceptedAndRuns() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("select FLOOR(PART_DT TO MONTH) as M, CEIL(PART_DT TO YEAR) as Y, count(*) as N from KYLIN_SALES "
                + "group by FLOOR(PART_DT TO MONTH), CEIL(PART_DT TO YEAR) order by 1", "learn_kylin");
        queries.put("select TIMESTAMPADD(DAY, 1, PART_DT) as NEXT_DAY, TIMESTAMPDIFF(MONTH, PART_DT, DATE '2014-01-01') "
                + "as AGE from KYLIN_SALES fetch first 3 rows only", "learn_kylin");
        queries.put("select EXTRACT(YEAR FROM PART_DT) as Y, EXTRACT(MONTH FROM PART_DT) as M, "
                + "PART_DT + INTERVAL '1' DAY as D1, PART_DT - INTERVAL '2' MONTH as D2 from KYLIN_SALES limit 3",
                "learn_kylin");
        queries.put("select cast(PRICE as varchar(20)) as V, cast(PRICE as decimal(10,2)) as D, cast(PRICE as double) "
                + "as F, cast(PRICE as integer) as I, cast(PRICE as bigint) as B, cast(PART_DT as timestamp) as TS, "
                + "cast('12:00:00' as time) as T, cast(1 as boolean) as BO, cast(ITEM_COUNT as smallint) as S, "
                + "cast(ITEM_COUNT as tinyint) as TI, cast(PRICE as real) as R, cast(PART_DT as char(10)) as C "
                + "from KYLIN_SALES limit 3", "learn_kylin");
        queries.put("select LSTG_FORMAT_NAME, OPS_REGION, sum(PRICE) as GMV from KYLIN_SALES "
                + "group by grouping sets ((LSTG_FORMAT_NAME, OPS_REGION), (LSTG_FORMAT_NAME), ())", "learn_kylin");
        queries.put("select LSTG_FORMAT_NAME, OPS_REGION, count(*) as N from KYLIN_SALES "
                + "group by rollup(LSTG_FORMAT_NAME, OPS_REGION)", "learn_kylin");
        queries.put("select LSTG_FORMAT_NAME, OPS_REGION, count(*) as N, grouping(OPS_REGION) as G from KYLIN_SALES "
                + "group by cube(LSTG_FORMAT_NAME, OPS_REGION)", "learn_kylin");
        queries.put("select TRANS_ID, sum(PRICE) over (partition by LSTG_FORMAT_NAME order by TRANS_ID "
                + "rows between 2 preceding and current row) as MOVING, rank() over (order by PRICE desc) as R "
                + "from KYLIN_SALES order by TRANS_ID offset 5 rows fetch next 5 rows only", "learn_kylin");
        queries.put("select \"we!rd col\", \"a\"\"b\" from (select 1 as \"we!rd col\", 'x' as \"a\"\"b\") as \"t (1)\"",
                "DEFAULT");
        queries.put("select /*+ no_hint */ count(*) as N -- counted\n from TYPE_SAMPLE /* all of it */", "DEFAULT");
        queries.put("values (1, 'a'), (2, 'b')", "DEFAULT");
        queries.put("select ID from TYPE_SAMPLE where ID < 5 union select ID from TYPE_SAMPLE where ID > 18 "
                + "intersect select ID from TYPE_SAMPLE except select 20", "DEFAULT");
        queries.put("explain plan for select count(*) from TYPE_SAMPLE", "DEFAULT");
        queries.put("with W as (select ID from TYPE_SAMPLE) select count(*) as N from W;", "DEFAULT");
        queries.put("select " + "(".repeat(30) + "1" + ")".repeat(30) + " as DEEP, "
                + "cast(".repeat(30) + "2" + " as integer)".repeat(30) + " as CASTS", "DEFAULT");
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            ids.add(SERVER.admin().submit(body(query.getKey(), query.getValue())));
        }
        for (String id : ids) {
            JsonNode done = SERVER.admin().awaitDone(id);
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESSFUL");
        }
        String deep = ids.get(ids.size() - 1);
        assertThat(SERVER.admin().get("/async_query/" + deep + "/result").text()).isEqualTo("1,2\r\n");
        String explain = ids.get(ids.size() - 3);
        assertThat(SERVER.admin().get("/async_query/" + explain + "/metadata").json().path("data").get(0).get(0)
                .asText()).isEqualTo("PLAN");
    }

    /**
     * Short SQL that makes a backtracking parser take minutes (JSqlParser needed 42 s for ten nested parentheses)
     * is answered within the HTTP client's timeout: accepted if it is a query, refused if not.
     */
    @Test
    void nestingBuiltToMakeAParserBacktrackIsAnsweredAtOnce() {
        ApiClient analyst = SERVER.analyst();
        for (int depth : new int[] {10, 15, 20, 25}) {
            String parens = "select " + "(".repeat(depth) + "1" + ")".repeat(depth);
            assertThat(analyst.awaitDone(analyst.submit(body(parens, "DEFAULT"))).path("status").asText())
                    .isEqualTo("SUCCESSFUL");
            String casts = "select " + "cast(".repeat(depth) + "1" + " as int)".repeat(depth);
            assertThat(analyst.awaitDone(analyst.submit(body(casts, "DEFAULT"))).path("status").asText())
                    .isEqualTo("SUCCESSFUL");
            String notAQuery = "delete from T where X = " + "(".repeat(depth) + "1" + ")".repeat(depth);
            BadInputE2ETest.assertClientError(post(analyst, notAQuery), 400, "SQL_NOT_ALLOWED");
        }
        ApiClient.Response tooDeep = post(analyst, "select " + "(".repeat(20_000) + "1" + ")".repeat(20_000));
        BadInputE2ETest.assertClientError(tooDeep, 400, "SQL_NOT_ALLOWED");
        assertThat(tooDeep.json().path("msg").asText()).isEqualTo("The SQL is nested too deeply to be read.");
    }

    /**
     * Two users each send, several times at once, 120 KB of SQL built to be slow to parse (a chain of operators
     * Calcite arranges in time quadratic in its length, then finds too deep). Each is refused, past the deadline,
     * too deep, or busy (one parse per user, two in all), with an envelope; none is kept; and meanwhile a third
     * user's status calls are all answered.
     */
    @Test
    void aFloodOfSlowSqlLeavesOtherUsersServed() throws Exception {
        String finished = SERVER.admin().runToSuccess(body("select 1", "DEFAULT"));
        long foldersBefore = SERVER.queryFolderCount();
        String chain = "select 1" + " + 1".repeat(30_000);
        ExecutorService attackers = Executors.newFixedThreadPool(4);
        AtomicBoolean attacking = new AtomicBoolean(true);
        List<Future<ApiClient.Response>> floods = new ArrayList<>();
        CompletableFuture<List<Integer>> statuses = CompletableFuture.supplyAsync(() -> {
            List<Integer> answers = new ArrayList<>();
            while (attacking.get() || answers.size() < 5) {
                answers.add(SERVER.admin().get("/async_query/" + finished + "/status").status());
            }
            return answers;
        });
        try {
            for (int i = 0; i < 4; i++) {
                ApiClient attacker = i % 2 == 0 ? SERVER.analyst() : SERVER.modeler();
                floods.add(attackers.submit(() -> post(attacker, chain)));
            }
            for (Future<ApiClient.Response> flood : floods) {
                ApiClient.Response answer = flood.get(120, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.text()).isIn(400, 429);
                BadInputE2ETest.assertClientError(answer, answer.status(),
                        answer.status() == 400 ? "SQL_NOT_ALLOWED" : "SQL_CHECK_BUSY");
                assertThat(answer.json().path("msg").asText()).containsAnyOf("took longer than 1 s",
                        "nested too deeply", "too many SQL statements", "Your previous SQL is still being read");
            }
        } finally {
            attacking.set(false);
            attackers.shutdownNow();
        }
        assertThat(statuses.get(120, TimeUnit.SECONDS)).isNotEmpty().containsOnly(200);
        assertThat(SERVER.queryFolderCount()).isEqualTo(foldersBefore);
        assertThat(eventuallySubmitted(SERVER.analyst(), "select 2")).isTrue();
    }

    /** Once the flood's parses have ended, a submit goes through again; a 429 meanwhile is the documented answer. */
    private static boolean eventuallySubmitted(ApiClient client, String sql) {
        ApiClient.Response accepted = Eventually.await("a submit to be accepted after the flood",
                () -> post(client, sql), response -> {
                    assertThat(response.status()).as(response.text()).isIn(200, 429);
                    return response.status() == 200;
                });
        return "SUCCESSFUL".equals(client.awaitDone(accepted.json().path("data").path("queryID").asText())
                .path("status").asText());
    }

    private static ApiClient.Response post(ApiClient client, String sql) {
        return client.post("/async_query", body(sql, "DEFAULT"), "Content-Type", "application/json");
    }

    static String body(String sql, String project) {
        try {
            return ApiClient.JSON.writeValueAsString(Map.of("sql", sql, "project", project));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
