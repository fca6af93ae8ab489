package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A query sees its own project's tables and nothing else, however it names another project: attacked over real
 * HTTP by a user who may query DEFAULT and ssb only, with every way Calcite offers to name a schema. Each attempt
 * is refused or ends FAILED with the engine's reason, and nothing of the other project can be downloaded.
 */
class ProjectIsolationE2ETest {
    /** Rows of tpch_kap_24's CUSTOMER and its views carry these; none may ever reach another project's query. */
    private static final List<String> TPCH_MARKERS = List.of("Customer#", "FURNITURE", "MACHINERY");
    private static final String ACL = "DEFAULT=MODELER,ANALYST\nssb=MODELER\n";

    @TempDir
    static Path temp;
    static RunningServer server;
    static ApiClient modeler;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.startWithAcl(temp, Map.of(), ACL);
        modeler = server.as("MODELER", "MODELER");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> otherProjectsFromDefault() {
        return List.of(
                // The schema by every spelling and quoting.
                "select * from \"tpch_kap_24\".CUSTOMER",
                "select * from \"tpch_kap_24\".\"CUSTOMER\"",
                "select * from tpch_kap_24.CUSTOMER",
                "select * from \"TPCH_KAP_24\".CUSTOMER",
                "select * from \"Tpch_Kap_24\".CUSTOMER",
                "select * from \"tpch_kap_24\" /* a comment */ . CUSTOMER",
                "select * from U&\"tpch\\005fkap\\005f24\".CUSTOMER",
                "select * from \"\".\"tpch_kap_24\".CUSTOMER",
                "select * from \"DEFAULT\".\"tpch_kap_24\".CUSTOMER",
                "select * from TABLE(\"tpch_kap_24\".CUSTOMER)",
                // Another project's view, and the other project through joins, CTEs, LATERAL, subqueries, sets.
                "select * from \"tpch_kap_24\".V_ORDERS",
                "select * from TEST_KYLIN_FACT f join \"tpch_kap_24\".CUSTOMER c on 1 = 1",
                "select * from TEST_KYLIN_FACT f left join \"tpch_kap_24\".CUSTOMER c on f.SELLER_ID = c.C_CUSTKEY",
                "with c as (select * from \"tpch_kap_24\".CUSTOMER) select * from c",
                "with recursive c (n) as (select C_NAME from \"tpch_kap_24\".CUSTOMER) select * from c",
                "select * from TEST_KYLIN_FACT f, lateral (select * from \"tpch_kap_24\".CUSTOMER) c",
                "select * from TEST_KYLIN_FACT f cross join lateral (select C_NAME from \"tpch_kap_24\".CUSTOMER) c",
                "select (select max(C_NAME) from \"tpch_kap_24\".CUSTOMER) as n",
                "select 1 from (values (1)) t (x) where exists (select 1 from \"tpch_kap_24\".CUSTOMER)",
                "select 1 from (values ('x')) t (x) where x in (select C_NAME from \"tpch_kap_24\".CUSTOMER)",
                "select 'x' as n union all select C_NAME from \"tpch_kap_24\".CUSTOMER",
                "select * from (select * from (select C_NAME from \"tpch_kap_24\".CUSTOMER))",
                // A project this user may query is still another project.
                "select * from \"ssb\".CUSTOMER",
                "select * from \"learn_kylin\".KYLIN_SALES",
                // Calcite's catalog of every schema, and the names other engines use for one.
                "select * from \"metadata\".TABLES",
                "select * from \"metadata\".COLUMNS",
                "select * from metadata.TABLES",
                "select * from \"METADATA\".\"TABLES\"",
                "select * from \"metadata\".\"SCHEMATA\"",
                "select * from INFORMATION_SCHEMA.TABLES",
                "select * from \"information_schema\".\"columns\"");
    }

    @ParameterizedTest
    @MethodSource("otherProjectsFromDefault")
    void aQueryInDefaultReachesNoOtherProject(String sql) {
        assertNothingReached(modeler, "DEFAULT", sql);
    }

    @Test
    void administratorsAreHeldToTheirProjectToo() {
        ApiClient admin = server.admin();
        assertNothingReached(admin, "DEFAULT", "select * from \"tpch_kap_24\".CUSTOMER");
        assertNothingReached(admin, "tpch_kap_24", "select * from \"metadata\".TABLES");
        assertNothingReached(admin, "ssb", "select * from \"DEFAULT\".TEST_KYLIN_FACT");
        assertNothingReached(admin, "learn_kylin", "select * from \"tpch_kap_24\".V_LINEITEM");
    }

    @Test
    void aProjectsOwnTablesAndViewsAnswerUnqualifiedAndQualifiedWithItsName() {
        assertThat(csv(modeler, "DEFAULT", "select count(*) from TEST_KYLIN_FACT")).isEqualTo("1000\r\n");
        assertThat(csv(modeler, "default", "select count(*) from \"DEFAULT\".TEST_KYLIN_FACT")).isEqualTo("1000\r\n");
        assertThat(csv(modeler, "ssb", "select count(*) from \"ssb\".CUSTOMER")).isNotEmpty();
        ApiClient admin = server.admin();
        // The other project's data is there, and its own queries (its views included) still read it.
        assertThat(csv(admin, "tpch_kap_24", "select C_NAME from CUSTOMER order by C_CUSTKEY limit 1"))
                .isEqualTo("Customer#000000001\r\n");
        assertThat(csv(admin, "tpch_kap_24", "select C_NAME from \"tpch_kap_24\".CUSTOMER order by C_CUSTKEY limit 1"))
                .isEqualTo("Customer#000000001\r\n");
        assertThat(csv(admin, "tpch_kap_24", "select count(*) from V_ORDERS")).isNotEqualTo("0\r\n");
        assertThat(csv(admin, "tpch_kap_24", "select count(*) from \"tpch_kap_24\".V_LINEITEM"))
                .isEqualTo("6000\r\n");
        assertThat(csv(admin, "learn_kylin", "select count(*) from \"learn_kylin\".KYLIN_SALES join KYLIN_COUNTRY "
                + "on BUYER_ID = BUYER_ID where 1 = 0")).isEqualTo("0\r\n");
    }

    /**
     * A model whose projects point into each other: a view naming another project, a view whose path is another
     * project, a view over Calcite's metadata, and a function declared in another project. None of it reaches
     * past its own project; the other project answers its own queries.
     */
    @Test
    void viewsAndFunctionsDeclaredInTheModelStayInsideTheirProject(@TempDir Path local) throws Exception {
        Path catalog = Files.createDirectories(local.resolve("catalog"));
        Files.createDirectories(catalog.resolve("mine"));
        Files.createDirectories(catalog.resolve("theirs"));
        Files.writeString(catalog.resolve("mine/MINE.csv"), "ID:int,NAME:string\n1,mine-row\n");
        Files.writeString(catalog.resolve("theirs/SECRET.csv"), "ID:int,WORD:string\n1,TOPSECRET\n");
        Files.writeString(catalog.resolve("model.json"), """
                {"version": "1.0", "defaultSchema": "mine", "schemas": [
                  {"name": "mine", "type": "custom", "factory": "org.apache.calcite.adapter.file.FileSchemaFactory",
                   "operand": {"directory": "mine", "tables": []},
                   "tables": [
                     {"name": "V_MINE", "type": "view", "sql": "select NAME from MINE"},
                     {"name": "V_THEIRS", "type": "view", "sql": "select WORD from \\"theirs\\".SECRET"},
                     {"name": "V_PATH", "type": "view", "sql": "select WORD from SECRET", "path": ["theirs"]},
                     {"name": "V_META", "type": "view", "sql": "select * from \\"metadata\\".TABLES"}]},
                  {"name": "theirs", "type": "custom", "factory": "org.apache.calcite.adapter.file.FileSchemaFactory",
                   "operand": {"directory": "theirs", "tables": []},
                   "functions": [{"name": "THEIR_FN", "className": "java.lang.Integer", "methodName": "reverse"}]}
                ]}
                """);
        try (RunningServer catalogServer = RunningServer.startWithCatalog(local.resolve("server"), Map.of(),
                "mine=*\ntheirs=ADMIN\n", catalog)) {
            ApiClient analyst = catalogServer.as("ANALYST", "ANALYST");
            assertThat(csv(analyst, "mine", "select * from V_MINE")).isEqualTo("mine-row\r\n");
            for (String sql : List.of("select * from V_THEIRS", "select * from V_PATH", "select * from V_META",
                    "select * from \"mine\".V_THEIRS", "select * from \"theirs\".SECRET",
                    "select \"theirs\".THEIR_FN(1)", "select THEIR_FN(1)",
                    "select * from (values (1)) t (x) where x = \"theirs\".THEIR_FN(x)")) {
                assertNothingReached(analyst, "mine", sql, List.of("TOPSECRET"));
            }
            ApiClient admin = catalogServer.admin();
            assertThat(csv(admin, "theirs", "select WORD from SECRET")).isEqualTo("TOPSECRET\r\n");
            assertThat(csv(admin, "theirs", "select THEIR_FN(1) <> 1")).isEqualTo("true\r\n");
        }
    }

    private static void assertNothingReached(ApiClient client, String project, String sql) {
        assertNothingReached(client, project, sql, TPCH_MARKERS);
    }

    /** The SQL is refused, or runs and ends FAILED with a reason, and no result of it can be downloaded. */
    private static void assertNothingReached(ApiClient client, String project, String sql, List<String> markers) {
        ApiClient.Response response = client.post("/async_query", body(sql, project),
                "Content-Type", "application/json");
        if (response.status() == 400) {
            assertThat(response.json().path("error_code").asText()).as(sql).isEqualTo("SQL_NOT_ALLOWED");
            return;
        }
        assertThat(response.status()).as(sql + ": " + response.text()).isEqualTo(200);
        String id = response.json().path("data").path("queryID").asText();
        JsonNode done = client.awaitDone(id);
        assertThat(done.path("status").asText()).as(sql + ": " + done).isEqualTo("FAILED");
        String info = done.path("info").asText();
        // The engine's reason: the name is unknown here, or (for spellings Calcite cannot read) a syntax error.
        assertThat(info).as(sql).containsAnyOf("not found", "No match found", "Encountered");
        for (String marker : markers) {
            assertThat(info).as(sql).doesNotContain(marker);
        }
        ApiClient.Response download = client.get("/async_query/" + id + "/result_download");
        assertThat(download.status()).as(sql).isEqualTo(409);
        for (String marker : markers) {
            assertThat(download.text()).as(sql).doesNotContain(marker);
        }
        assertThat(client.get("/async_query/" + id + "/metadata").status()).as(sql).isEqualTo(409);
    }

    private static String csv(ApiClient client, String project, String sql) {
        String id = client.runToSuccess(body(sql, project));
        return client.get("/async_query/" + id + "/result_download").text();
    }

    private static String body(String sql, String project) {
        return ApiClient.JSON.createObjectNode().put("sql", sql).put("project", project).toString();
    }
}
