package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


/**
 * The security policy over real HTTP: project permissions, read-only SQL, the limits, the export switches, formula
 * escaping and the audit trail, each on a server configured for it.
 */
class SecurityE2ETest {
    @TempDir
    Path temp;
    @RegisterExtension
    final AuditCapture audit = new AuditCapture();

    @Test
    void projectPermissionsDecideWhoMaySubmitAndARefusalWritesNothing() throws Exception {
        try (RunningServer server = RunningServer.startWithAcl(temp, Map.of(), "DEFAULT=*\nssb=MODELER,ROLE_OPS\n")) {
            ApiClient.Response refused = server.as("ANALYST", "ANALYST").post("/async_query",
                    "{\"sql\":\"select 1\",\"project\":\"ssb\"}", "Content-Type", "application/json");
            BadInputE2ETest.assertClientError(refused, 403, "ACCESS_DENIED");
            assertThat(refused.json().path("msg").asText()).contains("ANALYST").contains("ssb");
            BadInputE2ETest.assertClientError(server.as("ANALYST", "ANALYST").post("/async_query",
                    "{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}", "Content-Type", "application/json"),
                    403, "ACCESS_DENIED");
            assertThat(server.queryFolderCount()).isZero();

            server.as("MODELER", "MODELER").runToSuccess("{\"sql\":\"select 1\",\"project\":\"ssb\"}");
            server.admin().runToSuccess("{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}");
            server.as("ANALYST", "ANALYST").runToSuccess("{\"sql\":\"select 1\"}");
        }
    }

    @Test
    void onlyASingleReadOnlyQueryRunsAndARefusalWritesNothing() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of())) {
            for (String sql : List.of("insert into KYLIN_COUNTRY values ('x', 1, 2, 'y')", "drop table KYLIN_SALES",
                    "delete from KYLIN_SALES", "select 1; drop table KYLIN_SALES", "create table t (a int)",
                    "select * into t2 from KYLIN_SALES", "update KYLIN_SALES set PRICE = 0")) {
                ApiClient.Response refused = server.admin().post("/async_query",
                        "{\"sql\":\"" + sql + "\",\"project\":\"learn_kylin\"}", "Content-Type", "application/json");
                BadInputE2ETest.assertClientError(refused, 400, "SQL_NOT_ALLOWED");
            }
            assertThat(server.queryFolderCount()).isZero();
        }
    }

    @Test
    void perUserBodyAndSqlLimitsAreRefusedWithTheirKey() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.max-queries-per-user", "1",
                "kylin.query.async.max-request-bytes", "2048", "kylin.query.async.max-sql-length", "100"))) {
            ApiClient analyst = server.as("ANALYST", "ANALYST");
            String running = analyst.submit(SlowQueries.STREAMING_CROSS_JOIN);
            ApiClient.Response second = analyst.post("/async_query", "{\"sql\":\"select 1\"}",
                    "Content-Type", "application/json");
            BadInputE2ETest.assertClientError(second, 429, "USER_LIMIT");
            assertThat(second.json().path("msg").asText()).contains("kylin.query.async.max-queries-per-user");
            server.as("MODELER", "MODELER").runToSuccess("{\"sql\":\"select 1\"}");
            analyst.delete("/async_query/" + running);
            analyst.runToSuccess("{\"sql\":\"select 1\"}");

            ApiClient.Response body = analyst.post("/async_query", "{\"sql\":\"select 1\",\"pad\":\"" + "x".repeat(3000)
                    + "\"}", "Content-Type", "application/json");
            BadInputE2ETest.assertClientError(body, 413, "REQUEST_TOO_LARGE");
            ApiClient.Response sql = analyst.post("/async_query", "{\"sql\":\"select '" + "y".repeat(120) + "'\"}",
                    "Content-Type", "application/json");
            BadInputE2ETest.assertClientError(sql, 413, "REQUEST_TOO_LARGE");
            assertThat(sql.json().path("msg").asText()).contains("kylin.query.async.max-sql-length");
        }
    }

    @Test
    void resultsPastTheRowOrByteLimitFailInsteadOfBeingTruncated() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.max-result-rows", "100"))) {
            String id = server.admin().submit("{\"sql\":\"select TRANS_ID from KYLIN_SALES\",\"project\":\"learn_kylin\"}");
            var done = server.admin().awaitDone(id);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            assertThat(done.path("info").asText()).startsWith("The result exceeds kylin.query.async.max-result-rows");
            assertThat(server.admin().get("/async_query/" + id + "/result").status()).isEqualTo(409);
        }
        try (RunningServer server = RunningServer.start(temp.resolve("bytes"),
                Map.of("kylin.query.async.max-result-bytes", "50000"))) {
            String id = server.admin().submit("{\"sql\":\"select * from KYLIN_SALES\",\"project\":\"learn_kylin\"}");
            assertThat(server.admin().awaitDone(id).path("info").asText())
                    .startsWith("The result exceeds kylin.query.async.max-result-bytes");
        }
    }

    @Test
    void exportSwitchesAndFormulaEscaping() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.web.export-allow-admin", "false",
                "kylin.query.async.escape-formulas", "true"))) {
            String analysts = server.as("ANALYST", "ANALYST").runToSuccess("{\"sql\":\"select '=1+1' as F, -5 as N\"}");
            BadInputE2ETest.assertClientError(server.admin().get("/async_query/" + analysts + "/result"), 403,
                    "ACCESS_DENIED");
            assertThat(server.as("ANALYST", "ANALYST").get("/async_query/" + analysts + "/result").text())
                    .isEqualTo("'=1+1,-5\r\n");
            String admins = server.admin().runToSuccess("{\"sql\":\"select 1\"}");
            assertThat(server.admin().get("/async_query/" + admins + "/result").status()).isEqualTo(200);
        }
        try (RunningServer server = RunningServer.start(temp.resolve("other"),
                Map.of("kylin.web.export-allow-other", "false"))) {
            String analysts = server.as("ANALYST", "ANALYST").runToSuccess("{\"sql\":\"select 1\"}");
            ApiClient.Response refused = server.as("ANALYST", "ANALYST").get("/async_query/" + analysts + "/result");
            BadInputE2ETest.assertClientError(refused, 403, "ACCESS_DENIED");
            assertThat(refused.json().path("msg").asText()).contains("kylin.web.export-allow-other");
            assertThat(server.admin().get("/async_query/" + analysts + "/result").status()).isEqualTo(200);
        }
    }

    @Test
    void everyActionLeavesOneAuditLineWithoutSqlOrPasswords() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of())) {
            ApiClient analyst = server.as("ANALYST", "ANALYST");
            String id = analyst.runToSuccess("{\"sql\":\"select 'SECRET_LITERAL' as X\",\"project\":\"learn_kylin\"}");
            analyst.get("/async_query/" + id + "/result");
            server.as("MODELER", "MODELER").get("/async_query/" + id + "/result");
            String running = analyst.submit(SlowQueries.STREAMING_CROSS_JOIN);
            analyst.delete("/async_query/stop/" + running);
            analyst.delete("/async_query/" + id);
            server.as("ANALYST", "wrong-password").get("/async_query/" + id + "/status");

            List<String> lines = audit.lines();
            assertThat(lines).contains(
                    "action=submit outcome=accepted user=ANALYST project=learn_kylin query_id=" + id
                            + " client=127.0.0.1",
                    "action=download outcome=served user=ANALYST project=- query_id=" + id + " client=127.0.0.1",
                    "action=download outcome=refused user=MODELER project=- query_id=" + id
                            + " client=127.0.0.1 error=ACCESS_DENIED",
                    "action=cancel outcome=cancelled user=ANALYST project=- query_id=" + running + " client=127.0.0.1",
                    "action=delete outcome=deleted user=ANALYST project=- query_id=" + id + " client=127.0.0.1",
                    "action=authenticate outcome=refused user=- project=- query_id=- client=127.0.0.1 "
                            + "error=UNAUTHORIZED");
            assertThat(String.join("\n", lines)).doesNotContain("SECRET_LITERAL").doesNotContain("wrong-password")
                    .doesNotContain("ANALYST:");
        }
    }
}
