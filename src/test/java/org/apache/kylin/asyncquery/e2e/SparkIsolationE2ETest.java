package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Attacks on the Spark engine's project isolation over HTTP: another project's tables and views, files named in
 * SQL, Java methods, global temporary views, and commands that would change the session or the server (SET, ADD
 * JAR, CACHE TABLE, CREATE, INSERT OVERWRITE DIRECTORY, SELECT TRANSFORM). Each is refused at submit (400) or
 * ends FAILED with a one-line reason, exposes nothing, and changes nothing for the next query.
 */
class SparkIsolationE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.spark(Map.of());

    private static final String CLASS_NAME = "[a-z]+\\.[a-z]+\\.[A-Za-z.$]*(Exception|Error)";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DEFAULT|select * from KYLIN_SALES|KYLIN_SALES",
        "DEFAULT|select * from learn_kylin.KYLIN_SALES|KYLIN_SALES",
        "DEFAULT|select * from V_ORDERS|V_ORDERS",
        "learn_kylin|select * from TYPE_SAMPLE|TYPE_SAMPLE",
        "learn_kylin|select * from global_temp.TYPE_SAMPLE|TYPE_SAMPLE",
        "learn_kylin|select * from spark_catalog.default.TYPE_SAMPLE|TYPE_SAMPLE",
        "DEFAULT|select * from csv.`/etc/passwd`|passwd",
        "DEFAULT|select * from text.`/etc/passwd`|passwd",
        "DEFAULT|select * from parquet.`test-data`|test-data",
        "DEFAULT|select * from json.`file:///etc/passwd`|passwd",
        "DEFAULT|select reflect('java.util.UUID', 'randomUUID')|reflect",
        "DEFAULT|select java_method('java.lang.System', 'getProperty', 'user.home')|java_method",
        "DEFAULT|select input_file_name() from TYPE_SAMPLE|input_file_name"})
    void anotherProjectsTablesFilesAndJavaAreOutOfReach(String project, String sql, String named) {
        ApiClient admin = SERVER.admin();
        String id = admin.submit(json(project, sql));
        JsonNode done = admin.awaitDone(id);
        assertThat(done.path("status").asText()).as(sql).isEqualTo("FAILED");
        String info = done.path("info").asText();
        assertThat(info).as(sql).isNotBlank().doesNotContain("\n").doesNotContainPattern(CLASS_NAME)
                .doesNotContain("root:").containsIgnoringCase(named);
        assertThat(admin.get("/async_query/" + id + "/result").status()).isNotEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SET spark.sql.runSQLOnFiles=true",
        "SET spark.sql.ansi.enabled=false",
        "RESET",
        "ADD JAR /tmp/evil.jar",
        "ADD FILE /etc/passwd",
        "LIST FILES",
        "CACHE TABLE TYPE_SAMPLE",
        "CACHE TABLE c AS SELECT * FROM TYPE_SAMPLE",
        "UNCACHE TABLE TYPE_SAMPLE",
        "CLEAR CACHE",
        "CREATE TEMPORARY VIEW v AS SELECT 1",
        "CREATE GLOBAL TEMPORARY VIEW g AS SELECT * FROM TYPE_SAMPLE",
        "CREATE TABLE t USING csv LOCATION '/etc' AS SELECT 1",
        "CREATE TEMPORARY FUNCTION f AS 'java.lang.String'",
        "DROP VIEW TYPE_SAMPLE",
        "INSERT OVERWRITE DIRECTORY '/tmp/spark-out' USING csv SELECT * FROM TYPE_SAMPLE",
        "INSERT OVERWRITE LOCAL DIRECTORY '/tmp/spark-out' SELECT * FROM TYPE_SAMPLE",
        "SELECT TRANSFORM(ID) USING 'cat' AS (x) FROM TYPE_SAMPLE",
        "SELECT TRANSFORM(ID) USING 'sh -c id' FROM TYPE_SAMPLE",
        "USE learn_kylin",
        "SHOW TABLES",
        "SHOW FUNCTIONS",
        "DESCRIBE TYPE_SAMPLE",
        "EXPLAIN SELECT * FROM TYPE_SAMPLE",
        "REFRESH TABLE TYPE_SAMPLE",
        "DECLARE VARIABLE x INT DEFAULT 1"})
    void commandsAreRefusedBeforeSparkSeesThem(String sql) {
        ApiClient.Response response = SERVER.admin().post("/async_query", json("DEFAULT", sql),
                "Content-Type", "application/json");
        assertThat(response.status()).as(sql + ": " + response.text()).isBetween(400, 499);
        String message = response.json().path("msg").asText();
        assertThat(message).as(sql).isNotBlank().doesNotContainPattern(CLASS_NAME);
    }

    @Test
    void theSessionIsUnchangedAfterTheAttacks() {
        commandsAreRefusedBeforeSparkSeesThem("SET spark.sql.runSQLOnFiles=true");
        anotherProjectsTablesFilesAndJavaAreOutOfReach("DEFAULT", "select * from csv.`/etc/passwd`", "passwd");
        String id = SERVER.admin().runToSuccess(json("DEFAULT", "select count(*) from TYPE_SAMPLE"));
        assertThat(SERVER.admin().get("/async_query/" + id + "/result").text()).isEqualTo("20\r\n");
        assertThat(Files.exists(Path.of("/tmp/spark-out"))).isFalse();
    }

    @Test
    void aProjectSeesItsOwnTablesAndViews() {
        String id = SERVER.admin().runToSuccess(json("tpch_kap_24",
                "select count(*), min(O_ORDERYEAR) > 1900 from V_ORDERS"));
        assertThat(SERVER.admin().get("/async_query/" + id + "/result").text()).matches("\\d+,true\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select NOPE from TYPE_SAMPLE|NOPE",
        "select * from NO_SUCH_TABLE|NO_SUCH_TABLE",
        "select nope_function(1)|nope_function"})
    void analysisErrorsReadAsOneLine(String sql, String named) {
        JsonNode done = SERVER.admin().awaitDone(SERVER.admin().submit(json("DEFAULT", sql)));
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).contains(named).contains("line 1").doesNotContain("\n")
                .doesNotContainPattern(CLASS_NAME).doesNotStartWith("[").doesNotContain("SQLSTATE");
    }

    @Test
    void unreadableSqlIsRefusedWithTheParsersReason() throws IOException {
        ApiClient.Response response = SERVER.admin().post("/async_query", json("DEFAULT", "select (1 + from TYPE_SAMPLE"),
                "Content-Type", "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("msg").asText()).contains("could not be read").doesNotContain("\n");
    }

    private static String json(String project, String sql) {
        return "{\"sql\":\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"project\":\"" + project
                + "\"}";
    }
}
