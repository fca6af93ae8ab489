package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one user can make the server keep is capped: queries of any outcome (a submit to an unknown project
 * included), result bytes, and the length of a project name. A refusal writes nothing.
 */
class QuotaE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
                "kylin.query.async.max-kept-queries-per-user", "3",
                "kylin.query.async.max-kept-bytes-per-user", "4000"));

    @Test
    void submitsToUnknownProjectsCountAgainstTheUsersQuotaUntilSomeAreDeleted() throws Exception {
        ApiClient modeler = SERVER.modeler();
        String first = null;
        for (int i = 0; i < 3; i++) {
            JsonNode answer = modeler.post("/async_query", "{\"sql\":\"select 1\",\"project\":\"NO_SUCH_" + i + "\"}",
                    "Content-Type", "application/json").json();
            assertThat(answer.path("data").path("status").asText()).isEqualTo("FAILED");
            first = first == null ? answer.path("data").path("queryID").asText() : first;
        }
        long folders = SERVER.queryFolderCount();

        for (String body : new String[] {"{\"sql\":\"select 1\"}", "{\"sql\":\"select 1\",\"project\":\"NOPE\"}"}) {
            ApiClient.Response refused = modeler.post("/async_query", body, "Content-Type", "application/json");
            BadInputE2ETest.assertClientError(refused, 429, "USER_QUOTA");
            assertThat(refused.json().path("msg").asText()).contains("kylin.query.async.max-kept-queries-per-user")
                    .contains("MODELER");
        }
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders);
        // Another user is not affected.
        SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");

        assertThat(modeler.delete("/async_query/" + first).status()).isEqualTo(200);
        modeler.runToSuccess("{\"sql\":\"select 1\"}");
    }

    @Test
    void aProjectNameTooLongToBeANameIsRefusedAndNothingIsKept() throws Exception {
        long folders = SERVER.queryFolderCount();
        ApiClient.Response refused = SERVER.admin().post("/async_query",
                "{\"sql\":\"select 1\",\"project\":\"" + "P".repeat(300_000) + "\"}", "Content-Type",
                "application/json");
        BadInputE2ETest.assertClientError(refused, 400, "INVALID_REQUEST");
        assertThat(refused.json().path("msg").asText()).contains("project").contains("256");
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders);
    }

    @Test
    void resultBytesPastTheUsersQuotaStopTheExportAndAFullQuotaRefusesSubmits() {
        ApiClient analyst = SERVER.analyst();
        // About 2,600 bytes: the first fits, the second would pass 4,000 and stops.
        String sql = "{\"sql\":\"select TRANS_ID, PART_DT from KYLIN_SALES order by TRANS_ID limit 150\","
                + "\"project\":\"learn_kylin\"}";
        String kept = analyst.runToSuccess(sql);
        long keptBytes = analyst.get("/async_query/" + kept + "/filestatus").json().path("data").asLong();
        assertThat(keptBytes).isBetween(2000L, 3999L);

        String over = analyst.submit(sql);
        JsonNode failed = analyst.awaitDone(over);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("info").asText()).contains("kylin.query.async.max-kept-bytes-per-user");
        BadInputE2ETest.assertClientError(analyst.get("/async_query/" + over + "/result"), 409,
                "QUERY_NOT_SUCCESSFUL");

        // A small one still fits; then the quota is full and submits are refused until results are deleted.
        analyst.runToSuccess("{\"sql\":\"select TRANS_ID, PART_DT from KYLIN_SALES order by TRANS_ID limit 60\","
                + "\"project\":\"learn_kylin\"}");
        BadInputE2ETest.assertClientError(analyst.post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type",
                "application/json"), 429, "USER_QUOTA");
        assertThat(analyst.delete("/async_query/" + kept).status()).isEqualTo(200);
        analyst.runToSuccess("{\"sql\":\"select 1\"}");
    }

    @Test
    void exportsSubmittedTogetherShareWhatIsLeftOfTheByteQuota() {
        ApiClient admin = SERVER.admin();
        // Each about 2,600 bytes; submitted at once, both are admitted while the user keeps almost nothing, yet
        // together they may not keep more than 4,000 bytes. (Two, as the user may keep three queries.)
        String sql = "{\"sql\":\"select TRANS_ID, PART_DT from KYLIN_SALES order by TRANS_ID limit 150\","
                + "\"project\":\"learn_kylin\"}";
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(admin.submit(sql));
        }
        long keptBytes = 0;
        int stopped = 0;
        for (String id : ids) {
            JsonNode done = admin.awaitDone(id);
            if (done.path("status").asText().equals("SUCCESSFUL")) {
                keptBytes += admin.get("/async_query/" + id + "/filestatus").json().path("data").asLong();
            } else {
                assertThat(done.path("info").asText()).contains("kylin.query.async.max-kept-bytes-per-user");
                stopped++;
            }
        }
        assertThat(keptBytes).isLessThanOrEqualTo(4000L);
        assertThat(stopped).isEqualTo(1);
        for (String id : ids) {
            assertThat(admin.delete("/async_query/" + id).status()).isEqualTo(200);
        }
    }

    @Test
    void submitsRefusedForAnotherLimitDoNotCountAsKept(@TempDir Path temp) throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.max-queries-per-user", "1",
                "kylin.query.async.max-kept-queries-per-user", "2"))) {
            ApiClient analyst = server.as("ANALYST", "ANALYST");
            String running = analyst.submit(SlowQueries.STREAMING_CROSS_JOIN);
            for (int i = 0; i < 3; i++) {
                BadInputE2ETest.assertClientError(analyst.post("/async_query", "{\"sql\":\"select 1\"}",
                        "Content-Type", "application/json"), 429, "USER_LIMIT");
            }
            assertThat(analyst.delete("/async_query/stop/" + running).status()).isEqualTo(200);
            analyst.awaitDone(running);

            // The user keeps one query: a second fits, a third passes the quota.
            analyst.runToSuccess("{\"sql\":\"select 1\"}");
            BadInputE2ETest.assertClientError(analyst.post("/async_query", "{\"sql\":\"select 1\"}",
                    "Content-Type", "application/json"), 429, "USER_QUOTA");
        }
    }
}
