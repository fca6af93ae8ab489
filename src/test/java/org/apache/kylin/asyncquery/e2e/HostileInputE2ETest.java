package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Malformed and hostile requests against the real server over HTTP. Every one gets a 4xx envelope with a message
 * a person can read: never a 5xx, never a stack trace, never a file written for a refused submit. Afterwards the
 * server still runs queries.
 */
class HostileInputE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.threads", "4"));

    private static final String UUID = "43eeb967-e76a-4214-8932-70594d454013";
    private static final String JSON = "application/json";
    static String running;
    static String finished;

    @BeforeAll
    static void queriesToAimAt() {
        running = SERVER.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
        finished = SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
    }

    @AfterAll
    static void stopTheSlowQuery() {
        SERVER.admin().delete("/async_query/" + running);
    }

    /** A request: who sends it, how, and the status it must get. */
    record Hostile(String name, Function<ServerExtension, ApiClient> client, String method, String path,
            String contentType, byte[] body, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> requests() {
        List<Hostile> all = new ArrayList<>();
        // Broken JSON and wrong shapes.
        for (String body : List.of("", "   ", "{", "}", "[", "null", "true", "\"sql\"", "[]", "[1]", "[{},{}]",
                "{\"sql\":\"select 1\"} trailing", "{\"sql\":\"select 1\",}", "{'sql':'select 1'}",
                "{\"sql\":\"select 1\" \"project\":\"x\"}", "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000))) {
            all.add(submit("broken JSON " + abbreviate(body), body, 400));
        }
        all.add(new Hostile("invalid UTF-8 bytes", SERVER_ADMIN, "POST", "/async_query", JSON,
                new byte[] {'{', '"', 's', 'q', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 400));
        all.add(new Hostile("GBK bytes declared as UTF-8", SERVER_ADMIN, "POST", "/async_query",
                JSON + ";charset=UTF-8", "{\"sql\":\"select '日本'\"}".getBytes(Charset.forName("GBK")), 400));
        // Wrong types and values.
        for (String body : List.of("{\"sql\":123}", "{\"sql\":true}", "{\"sql\":[\"select 1\"]}",
                "{\"sql\":{\"q\":\"select 1\"}}", "{\"sql\":\"\"}", "{\"sql\":\"   \\n\\t  \"}", "{\"sql\":null}", "{}",
                "{\"project\":\"ssb\"}", "{\"sql\":\"select 1\",\"project\":123}",
                "{\"sql\":\"select 1\",\"project\":\"\"}", "{\"sql\":\"select 1\",\"separator\":\"\"}",
                "{\"sql\":\"select 1\",\"separator\":\";;\"}", "{\"sql\":\"select 1\",\"separator\":\"\\\"\"}",
                "{\"sql\":\"select 1\",\"separator\":\"\\n\"}", "{\"sql\":\"select 1\",\"separator\":44}",
                "{\"sql\":\"select 1\",\"offset\":-1}", "{\"sql\":\"select 1\",\"limit\":-1}",
                "{\"sql\":\"select 1\",\"offset\":1.5}", "{\"sql\":\"select 1\",\"limit\":\"ten\"}",
                "{\"sql\":\"select 1\",\"limit\":99999999999999999999}", "{\"sql\":\"select 1\",\"offset\":[]}",
                "{\"sql\":\"select 1\",\"include_header\":\"maybe\"}", "{\"sql\":\"select 1\",\"format\":\"pdf\"}",
                "{\"sql\":\"\\u0000\"}")) {
            all.add(submit("bad value " + abbreviate(body), body, 400));
        }
        // Sizes.
        all.add(submit("a 2 MiB body", "{\"sql\":\"select 1\",\"pad\":\"" + "x".repeat(2 << 20) + "\"}", 413));
        all.add(submit("300 K characters of SQL", "{\"sql\":\"select '" + "x".repeat(300_000) + "'\"}", 413));
        // Statements that are not a single read-only query.
        for (String sql : List.of("insert into KYLIN_COUNTRY values ('x', 1, 2, 'y')", "drop table KYLIN_SALES",
                "select 1; drop table KYLIN_SALES", "create table t (a int)", "grant select on t to u",
                "delete from KYLIN_SALES where 1=1", "select 1; garbage", "merge into t using s on (1=1) "
                        + "when matched then update set a = 1")) {
            all.add(submit("non-query SQL: " + sql, "{\"sql\":\"" + sql + "\"}", 400));
        }
        // IDs that are not UUIDs, traversal, encodings.
        for (String id : List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", UUID.replace("13", "1G"),
                UUID + "x", "%00", "x".repeat(5000), UUID.replace("-", ""), "..", "%252e%252e")) {
            for (String endpoint : List.of("status", "metadata", "result_download")) {
                all.add(new Hostile("id " + abbreviate(id) + " on " + endpoint, SERVER_ADMIN, "GET",
                        "/async_query/" + id + "/" + endpoint, null, null, -400));
            }
        }
        // Wrong methods.
        all.add(new Hostile("PUT on the collection", SERVER_ADMIN, "PUT", "/async_query", JSON, bytes("{}"), 405));
        all.add(new Hostile("PATCH on status", SERVER_ADMIN, "PATCH", "/async_query/" + UUID + "/status", null, null,
                405));
        all.add(new Hostile("POST on status", SERVER_ADMIN, "POST", "/async_query/" + UUID + "/status", JSON,
                bytes("{}"), 405));
        all.add(new Hostile("DELETE on metadata", SERVER_ADMIN, "DELETE", "/async_query/" + UUID + "/metadata",
                null, null, 405));
        all.add(new Hostile("GET on stop", SERVER_ADMIN, "GET", "/async_query/stop/" + UUID, null, null, 405));
        // Content types that do not hold JSON, including those an HTML form of another site can post.
        all.add(new Hostile("an XML body", SERVER_ADMIN, "POST", "/async_query", "application/xml",
                bytes("<sql>select 1</sql>"), 415));
        all.add(new Hostile("a form body", SERVER_ADMIN, "POST", "/async_query", "application/x-www-form-urlencoded",
                bytes("sql=select+1"), 415));
        all.add(new Hostile("JSON sent as text/plain", SERVER_ADMIN, "POST", "/async_query", "text/plain",
                bytes("{\"sql\":\"select 1\"}"), 415));
        all.add(new Hostile("JSON sent as a multipart form", SERVER_ADMIN, "POST", "/async_query",
                "multipart/form-data; boundary=x", bytes("{\"sql\":\"select 1\"}"), 415));
        all.add(new Hostile("JSON with no Content-Type", SERVER_ADMIN, "POST", "/async_query", null,
                bytes("{\"sql\":\"select 1\"}"), 415));
        all.add(new Hostile("a Content-Type that is no media type", SERVER_ADMIN, "POST", "/async_query", "json!",
                bytes("{\"sql\":\"select 1\"}"), 415));
        // Credentials.
        all.add(new Hostile("no credentials", s -> s.anonymous(), "GET", "/async_query/" + UUID + "/status", null,
                null, 401));
        all.add(new Hostile("a wrong password", s -> s.as("ADMIN", "nope"), "GET", "/async_query", null, null, 401));
        all.add(new Hostile("an unknown user", s -> s.as("MALLORY", "x"), "POST", "/async_query", JSON,
                bytes("{\"sql\":\"select 1\"}"), 401));
        return all.stream().map(hostile -> Arguments.of(hostile));
    }

    /** Requests that need a real query to aim at: another user's, or one not finished yet. */
    static Stream<Arguments> aimedRequests() {
        List<Hostile> all = new ArrayList<>();
        for (String endpoint : List.of("status", "metadata", "filestatus", "result_download", "result_path")) {
            all.add(new Hostile("another user's " + endpoint, s -> s.modeler(), "GET",
                    "/async_query/" + finished + "/" + endpoint, null, null, 403));
        }
        all.add(new Hostile("deleting another user's query", s -> s.modeler(), "DELETE", "/async_query/" + finished,
                null, null, 403));
        all.add(new Hostile("stopping another user's query", s -> s.modeler(), "DELETE",
                "/async_query/stop/" + running, null, null, 403));
        all.add(new Hostile("listing another user's queries", s -> s.modeler(), "GET", "/async_query?user=ADMIN",
                null, null, 403));
        for (String endpoint : List.of("metadata", "filestatus", "result_download", "result")) {
            all.add(new Hostile(endpoint + " before success", SERVER_ADMIN, "GET",
                    "/async_query/" + running + "/" + endpoint, null, null, 409));
        }
        all.add(new Hostile("stopping a finished query", SERVER_ADMIN, "DELETE", "/async_query/stop/" + finished,
                null, null, 409));
        all.add(new Hostile("paging with letters", SERVER_ADMIN, "GET", "/async_query?page_size=lots", null, null,
                400));
        all.add(new Hostile("older_than that is not a time", SERVER_ADMIN, "DELETE",
                "/async_query?older_than=yesterday", null, null, 400));
        return all.stream().map(hostile -> Arguments.of(hostile));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void hostileRequestsGetA4xxEnvelopeAndWriteNothing(Hostile hostile) throws Exception {
        assertRefused(hostile);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aimedRequests")
    void requestsAimedAtOtherPeoplesOrUnfinishedQueriesAreRefused(Hostile hostile) throws Exception {
        assertRefused(hostile);
    }

    @Test
    void thereAreAtLeastSixtyOfThem() {
        assertThat(requests().count() + aimedRequests().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void unknownFieldsAreIgnoredAndOddButHonestRequestsWork() {
        ApiClient admin = SERVER.admin();
        admin.runToSuccess("{\"sql\":\"select 1\",\"backdoorToggles\":{\"DEBUG\":true},\"acceptPartial\":true,"
                + "\"x-unknown\":[1,2,{\"a\":null}]}");
        ApiClient.Response upperCase = admin.post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type",
                "APPLICATION/JSON; Charset=UTF-8");
        assertThat(upperCase.status()).isEqualTo(200);
        String unicode = admin.runToSuccess("{\"sql\":\"select '中文, Ελληνικά, emoji 😀' as T\"}");
        assertThat(admin.get("/async_query/" + unicode + "/result").text()).isEqualTo("\"中文, Ελληνικά, emoji 😀\"\r\n");
        byte[] gbk = "{\"sql\":\"select '汉字' as T\"}".getBytes(Charset.forName("GBK"));
        String gbkId = admin.sendBytes("POST", "/async_query", gbk, "Content-Type", JSON + ";charset=GBK").json()
                .path("data").path("queryID").asText();
        assertThat(admin.awaitDone(gbkId).path("status").asText()).isEqualTo("SUCCESSFUL");
        JsonNode unknownProject = admin.post("/async_query", "{\"sql\":\"select 1\",\"project\":\"NOPE\"}",
                "Content-Type", JSON).json().path("data");
        assertThat(unknownProject.path("status").asText()).isEqualTo("FAILED");
        assertThat(unknownProject.path("info").asText()).isEqualTo("Project 'NOPE' does not exist;");
    }

    @Test
    void theServerIsStillHealthyAfterwards() throws Exception {
        requests().forEach(arguments -> send((Hostile) arguments.get()[0]));
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select count(*) from KYLIN_SALES\",\"project\":\"learn_kylin\"}");
        assertThat(SERVER.admin().get("/async_query/" + id + "/result").text()).isEqualTo("10000\r\n");
    }

    private static void assertRefused(Hostile hostile) throws Exception {
        long before = SERVER.queryFolderCount();
        ApiClient.Response response = send(hostile);
        if (hostile.status() < 0) {
            assertThat(response.status()).as(response.text()).isBetween(-hostile.status(), 499);
        } else {
            assertThat(response.status()).as(response.text()).isEqualTo(hostile.status());
        }
        JsonNode json = response.json();
        assertThat(json.path("code").asText()).isNotEqualTo("000").isNotEmpty();
        assertThat(json.path("msg").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.apache");
        assertThat(SERVER.queryFolderCount()).isEqualTo(before);
    }

    private static ApiClient.Response send(Hostile hostile) {
        ApiClient client = hostile.client().apply(SERVER);
        List<String> headers = new ArrayList<>();
        if (hostile.contentType() != null) {
            headers.add("Content-Type");
            headers.add(hostile.contentType());
        }
        String[] headerArray = headers.toArray(new String[0]);
        return hostile.body() == null ? client.send(hostile.method(), hostile.path(), null, headerArray)
                : client.sendBytes(hostile.method(), hostile.path(), hostile.body(), headerArray);
    }

    private static final Function<ServerExtension, ApiClient> SERVER_ADMIN = ServerExtension::admin;

    private static Hostile submit(String name, String body, int status) {
        return new Hostile(name, SERVER_ADMIN, "POST", "/async_query", JSON, bytes(body), status);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s", " ");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
    }
}
