package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/** Each endpoint of the API table, driven over HTTP against a real standalone server and its real engine. */
class EndpointsE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    @Test
    void csvFollowsRfc4180WithTheChosenSeparatorAndHeader() {
        String sql = "select 'plain' as A, 'has;semicolon' as B, 'say \\\"hi\\\"' as C, "
                + "cast(null as varchar(10)) as D, 'two\\nlines' as E, 'a,b' as F, 42 as N";
        String id = SERVER.admin().runToSuccess("{\"sql\":\"" + sql + "\",\"separator\":\";\",\"include_header\":true}");

        ApiClient.Response download = SERVER.admin().get("/async_query/" + id + "/result_download");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("text/csv;charset=utf-8");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"result.csv\"");
        assertThat(download.text()).isEqualTo(
                "A;B;C;D;E;F;N\r\n"
                        + "plain;\"has;semicolon\";\"say \"\"hi\"\"\";;\"two\nlines\";a,b;42\r\n");
    }

    @Test
    void defaultCsvUsesCommaAndNoHeader() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 'a,b' as X, 1 as Y\"}");
        assertThat(SERVER.admin().get("/async_query/" + id + "/result").text()).isEqualTo("\"a,b\",1\r\n");
    }

    @Test
    void tabSeparatorGivesTsv() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 'a' as X, 'b c' as Y\",\"separator\":\"\\t\"}");
        assertThat(SERVER.admin().get("/async_query/" + id + "/result").text()).isEqualTo("a\tb c\r\n");
    }

    @Test
    void typedValuesKeepTheirScaleAndDates() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select PRICE, PART_DT from KYLIN_SALES order by TRANS_ID "
                + "limit 1\",\"project\":\"learn_kylin\"}");
        String row = SERVER.admin().get("/async_query/" + id + "/result").text().trim();
        assertThat(row).matches("-?\\d+\\.\\d{4},\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void limitAndOffsetApplyWhenTheSqlHasNone() {
        String all = SERVER.admin().get("/async_query/" + SERVER.admin().runToSuccess(
                "{\"sql\":\"select TRANS_ID from KYLIN_SALES order by TRANS_ID\",\"project\":\"learn_kylin\"}")
                + "/result").text();
        String[] allRows = all.split("\r\n");

        String window = SERVER.admin().get("/async_query/" + SERVER.admin().runToSuccess(
                "{\"sql\":\"select TRANS_ID from KYLIN_SALES order by TRANS_ID\",\"project\":\"learn_kylin\","
                        + "\"offset\":10,\"limit\":5}") + "/result").text();
        assertThat(window.split("\r\n")).containsExactly(allRows[10], allRows[11], allRows[12], allRows[13],
                allRows[14]);

        String sqlLimitWins = SERVER.admin().get("/async_query/" + SERVER.admin().runToSuccess(
                "{\"sql\":\"select TRANS_ID from KYLIN_SALES order by TRANS_ID limit 3\",\"project\":\"learn_kylin\","
                        + "\"limit\":50}") + "/result").text();
        assertThat(sqlLimitWins.split("\r\n")).containsExactly(allRows[0], allRows[1], allRows[2]);
    }

    @Test
    void anOffsetAppliesBeforeTheSqlsOwnLimitAsInKylin() {
        String all = SERVER.admin().get("/async_query/" + SERVER.admin().runToSuccess(
                "{\"sql\":\"select TRANS_ID from KYLIN_SALES order by TRANS_ID\",\"project\":\"learn_kylin\"}")
                + "/result").text();
        String[] allRows = all.split("\r\n");
        String window = SERVER.admin().get("/async_query/" + SERVER.admin().runToSuccess(
                "{\"sql\":\"select TRANS_ID from KYLIN_SALES order by TRANS_ID limit 3\",\"project\":\"learn_kylin\","
                        + "\"offset\":5}") + "/result").text();
        assertThat(window.split("\r\n")).containsExactly(allRows[5], allRows[6], allRows[7]);
    }

    @Test
    void unicodeInSqlLiteralsAndInTheBodyCharsetSurvives() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select '你好, Zürich' as GREETING\"}");
        assertThat(SERVER.admin().get("/async_query/" + id + "/result").text()).isEqualTo("\"你好, Zürich\"\r\n");

        byte[] gbkBody = "{\"sql\":\"select '日本' as X\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
        ApiClient.Response submitted = SERVER.admin().sendBytes("POST", "/async_query", gbkBody,
                "Content-Type", "application/json;charset=GBK");
        String gbkId = submitted.json().path("data").path("queryID").asText();
        assertThat(SERVER.admin().awaitDone(gbkId).path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(SERVER.admin().get("/async_query/" + gbkId + "/result").text()).isEqualTo("日本\r\n");
    }

    @Test
    void sqlTooDeeplyNestedForTheEngineFailsInsteadOfRunningForEver() {
        String sum = "1" + "+1".repeat(3000);
        String id = SERVER.admin().submit("{\"sql\":\"select " + sum + " as S\"}");
        JsonNode done = SERVER.admin().awaitDone(id);
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).isNotBlank();
    }

    @Test
    void anAcceptHeaderThatRulesOutJsonGets406() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
        ApiClient.Response response = SERVER.admin().get("/async_query/" + id + "/status", "Accept", "text/csv");
        assertThat(response.status()).isEqualTo(406);
        assertThat(response.json().path("error_code").asText()).isEqualTo("NOT_ACCEPTABLE");
    }

    @Test
    void downloadsRacingADeleteNeverFailWithAServerError() throws Exception {
        for (int round = 0; round < 15; round++) {
            String id = SERVER.admin().runToSuccess("{\"sql\":\"select * from KYLIN_SALES\",\"project\":\"learn_kylin\"}");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                var calls = new java.util.ArrayList<java.util.concurrent.Future<ApiClient.Response>>();
                for (String endpoint : new String[] {"result_download", "metadata", "filestatus"}) {
                    calls.add(pool.submit(() -> SERVER.admin().get("/async_query/" + id + "/" + endpoint)));
                }
                calls.add(pool.submit(() -> SERVER.admin().delete("/async_query/" + id)));
                for (var call : calls) {
                    ApiClient.Response response = call.get();
                    assertThat(response.status()).as(response.status() == 200 ? "a body"
                            : response.text()).isIn(200, 404);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void fileStatusAnswersAtBothSpellingsAndMatchesTheDownload() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select * from KYLIN_COUNTRY\",\"project\":\"learn_kylin\"}");
        int length = SERVER.admin().get("/async_query/" + id + "/result_download").bytes().length;
        assertThat(SERVER.admin().get("/async_query/" + id + "/filestatus").json().path("data").asLong()).isEqualTo(length);
        assertThat(SERVER.admin().get("/async_query/" + id + "/file_status").json().path("data").asLong()).isEqualTo(length);
    }

    @Test
    void resultFolderHoldsOnlyTheResultAsVisibleFiles() throws Exception {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1 as X\"}");
        String path = SERVER.admin().get("/async_query/" + id + "/result_path").json().path("data").asText();
        Path folder = Path.of(java.net.URI.create(path.replaceFirst("^file:", "file://")));
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("_") && !n.startsWith("."))).containsExactly("result.csv");
        }
    }

    /** A damaged stored file is the storage's trouble (503); the answer names neither its path nor a class. */
    @Test
    void aDamagedStoredFileIsAnsweredAsUnavailableWithoutItsPath() throws Exception {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1 as X\"}");
        Path columns = SERVER.workingDir().resolve("async_query_result/" + id + "/_columns.json");
        Files.writeString(columns, "[{\"name\":");
        // Damaged past Hadoop's checksum too, as a hand edit or another writer would leave it.
        Files.deleteIfExists(columns.resolveSibling("._columns.json.crc"));

        ApiClient.Response metadata = SERVER.admin().get("/async_query/" + id + "/metadata");
        assertThat(metadata.status()).as(metadata.text()).isEqualTo(503);
        assertThat(metadata.json().path("error_code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(metadata.json().path("msg").asText()).isNotBlank().doesNotContain(id).doesNotContain("/")
                .doesNotContain("Exception");
        // The rest of the query still answers.
        assertThat(SERVER.admin().get("/async_query/" + id + "/result").text()).isEqualTo("1\r\n");
    }

    /**
     * A result file cut short after its query succeeded no longer holds the byte count its outcome recorded:
     * refused (503), never served as a complete download that is short.
     */
    @Test
    void aResultFileCutShortIsRefusedNotServedAsComplete() throws Exception {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select * from KYLIN_COUNTRY\","
                + "\"project\":\"learn_kylin\"}");
        Path result = SERVER.workingDir().resolve("async_query_result/" + id + "/result.csv");
        byte[] whole = Files.readAllBytes(result);
        Files.write(result, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.deleteIfExists(result.resolveSibling(".result.csv.crc"));

        for (String range : new String[] {null, "bytes=0-9"}) {
            ApiClient.Response download = range == null ? SERVER.admin().get("/async_query/" + id + "/result")
                    : SERVER.admin().get("/async_query/" + id + "/result", "Range", range);
            assertThat(download.status()).as(download.text()).isEqualTo(503);
            assertThat(download.json().path("error_code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(download.json().path("msg").asText()).doesNotContain("/").doesNotContain("Exception");
        }
    }

    @Test
    void deleteOneRemovesItsFilesAndStatusBecomesMissing() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
        assertThat(SERVER.admin().delete("/async_query/" + id).json().path("data").asBoolean()).isTrue();
        JsonNode status = SERVER.admin().statusData(id);
        assertThat(status.path("status").asText()).isEqualTo("MISSING");
        assertThat(status.path("queryID").asText()).isEqualTo(id);
        assertThat(SERVER.admin().delete("/async_query/" + id).status()).isEqualTo(404);
    }

    @Test
    void sqlErrorsFailTheQueryWithTheEnginesReason() {
        String id = SERVER.admin().submit("{\"sql\":\"select * from NO_SUCH_TABLE\"}");
        JsonNode done = SERVER.admin().awaitDone(id);
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).contains("NO_SUCH_TABLE").contains("not found");
        assertThat(SERVER.workingDir().resolve("async_query_result/" + id + "/result.csv")).doesNotExist();
    }

    @Test
    void everyAcceptHeaderClientsSendIsServed() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
        for (String accept : new String[] {"application/vnd.apache.kylin-v2+json", "application/json", "*/*"}) {
            ApiClient.Response response = SERVER.admin().get("/async_query/" + id + "/status", "Accept", accept);
            assertThat(response.status()).as(accept).isEqualTo(200);
            assertThat(response.json().path("data").path("status").asText()).isEqualTo("SUCCESSFUL");
        }
        for (String contentType : new String[] {"application/json", "application/json;charset=UTF-8",
                "application/vnd.apache.kylin-v2+json;charset=utf-8"}) {
            ApiClient.Response response = SERVER.admin().post("/async_query", "{\"sql\":\"select 1\"}",
                    "Content-Type", contentType);
            assertThat(response.status()).as(contentType).isEqualTo(200);
        }
        // curl's -d without a Content-Type sends a form type, which any web page can post too: JSON only.
        ApiClient.Response form = SERVER.admin().post("/async_query", "{\"sql\":\"select 1\"}",
                "Content-Type", "application/x-www-form-urlencoded");
        BadInputE2ETest.assertClientError(form, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(form.json().path("msg").asText()).contains("Content-Type: application/json");
    }

    @Test
    void projectNamesAreMatchedCaseInsensitivelyAndProjectNameIsAccepted() {
        SERVER.admin().runToSuccess("{\"sql\":\"select count(*) from KYLIN_SALES\",\"projectName\":\"LEARN_KYLIN\"}");
    }

    @Test
    void unknownEndpointsAndMethodsAnswerWithAnEnvelope() {
        ApiClient.Response notFound = SERVER.admin().get("/async_query/x/y/z");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.json().path("code").asText()).isNotEqualTo("000");

        ApiClient.Response wrongMethod = SERVER.admin().send("PUT", "/async_query", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().path("msg").asText()).contains("PUT");
    }
}
