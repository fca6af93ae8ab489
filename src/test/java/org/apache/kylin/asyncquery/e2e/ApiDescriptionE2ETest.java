package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.apache.kylin.asyncquery.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kylin.asyncquery.standalone.StandaloneOptions;
import org.apache.kylin.asyncquery.standalone.StandaloneServer;
import org.apache.kylin.rest.asyncquery.api.ErrorStatus;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API description ({@code openapi.json}) is true of the real server: every operation it describes is called
 * over HTTP and answers as it says, and every {@link ErrorCode} is produced over HTTP and its envelope conforms under
 * the status the document gives it. {@link ApiClient} checks each answer ({@link ApiConformance}); this test then
 * asserts that what conformed covers the whole document. It stands alone: it drives its own servers, configured
 * with tiny limits to provoke each refusal.
 *
 * <p>How each code is produced: all over HTTP against the real standalone server; STORAGE_UNAVAILABLE from a
 * stored file damaged on disk; STORAGE_FULL and INTERNAL_ERROR through a FAKE file system
 * ({@link FakeFailingLocalFileSystem}) that reports no free space, or fails as a defect would. No code is exempt.
 */
class ApiDescriptionE2ETest {
    /** Issue 17's additions, checked on servers of their own by newIssue17EndpointsConform. */
    static final Set<String> ISSUE17_OPERATIONS = Set.of("GET /async_query/{queryID}/download_link",
            "GET /async_query/link/{queryID}", "HEAD /async_query/link/{queryID}");
    static final Set<String> ISSUE17_CODES = Set.of("REQUEST_CONFLICT", "LINK_EXPIRED", "LINK_INVALID",
            "ASYNC_QUERY_DISABLED");
    private static final Set<String> DOWNLOADS = Set.of("/async_query/{queryID}/result_download",
            "/async_query/{queryID}/result", "/async_query/link/{queryID}");
    private static final String JSON = "application/json";
    private static final String GROUPED = "{\"sql\":\"select LSTG_FORMAT_NAME, count(*) as N from KYLIN_SALES "
            + "group by LSTG_FORMAT_NAME order by 1\",\"project\":\"learn_kylin\",\"include_header\":true}";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "kylin.query.async.threads", "1",
            "kylin.query.async.queue-size", "1",
            "kylin.query.async.max-queries-per-user", "1"));

    @TempDir
    Path temp;

    @Test
    void everyOperationAndEveryErrorCodeOfTheDocumentConformsOnTheRealServer() throws Exception {
        ApiConformance.forget(SERVER.port());
        theDocumentIsServedToAnyone(SERVER.anonymous());
        String id = readsAndDownloads(SERVER.admin());
        refusalsOfBadRequests(SERVER.admin(), id);
        refusalsOfABusyServer();
        listsAndDeletes(SERVER.admin());
        refusalsOfWrongPasswords();
        refusalsOfDamagedStorage(SERVER.admin());
        Set<String> seen = new TreeSet<>(ApiConformance.seen(SERVER.port()));
        seen.addAll(refusalsOfAConstrainedServer());
        seen.addAll(refusalsOfABusySqlCheck());

        for (String operation : documentedOperations()) {
            if (ISSUE17_OPERATIONS.contains(operation)) {
                continue;
            }
            assertThat(seen).as("a conforming 2xx answer of " + operation).anyMatch(s -> s.startsWith(operation + " 2"));
            if (DOWNLOADS.contains(operation.substring(operation.indexOf(' ') + 1))) {
                for (int status : operation.startsWith("GET") ? new int[] {200, 206, 304, 416} : new int[] {200, 206}) {
                    assertThat(seen).as(operation + " " + status).anyMatch(s -> s.startsWith(operation + " " + status));
                }
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            if (ISSUE17_CODES.contains(code.name())) {
                continue; // produced on servers of their own, in newIssue17EndpointsConform
            }
            assertThat(seen).as("a conforming answer with " + code).anyMatch(s -> s.endsWith(" " + ErrorStatus.of(code)
                    + " " + code.name()));
        }
    }

    @Test
    void newIssue17EndpointsConform() throws Exception {
        ApiClient admin = SERVER.admin();
        ApiClient anonymous = SERVER.anonymous();
        ApiConformance.forget(SERVER.port());
        // Safe retries: the same client_request_id answers the same query; with other SQL it is a conflict.
        String retried = "{\"sql\":\"select 7 as X\",\"client_request_id\":\"openapi-" + UUID.randomUUID() + "\"";
        String first = admin.submit(retried + "}");
        assertThat(admin.submit(retried + "}")).isEqualTo(first);
        assertRefused(admin.post("/async_query", retried.replace("select 7", "select 8") + "}", "Content-Type",
                JSON), 409, "REQUEST_CONFLICT");
        admin.awaitDone(first); // this server runs one query per user at a time
        // Small results at once.
        JsonNode waited = admin.post("/async_query", "{\"sql\":\"select 1\",\"wait_timeout_seconds\":30}",
                "Content-Type", JSON).json().path("data");
        assertThat(waited.path("status").asText()).isEqualTo("SUCCESSFUL");
        // Download links: answered, served to anyone (whole, by range, headers only), refused when tampered with.
        String id = admin.runToSuccess(GROUPED);
        JsonNode link = admin.get("/async_query/" + id + "/download_link").json().path("data");
        String linkPath = link.path("path").asText().substring(ApiConformance.BASE_PATH.length());
        assertThat(anonymous.get(linkPath).status()).isEqualTo(200);
        assertThat(anonymous.get(linkPath, "Range", "bytes=0-3").status()).isEqualTo(206);
        assertThat(anonymous.send("HEAD", linkPath, null).status()).isEqualTo(200);
        assertThat(anonymous.send("HEAD", linkPath, null, "Range", "bytes=0-3").status()).isEqualTo(206);
        String etag = anonymous.get(linkPath).header("ETag");
        assertThat(anonymous.get(linkPath, "If-None-Match", etag).status()).isEqualTo(304);
        assertRefused(anonymous.get(linkPath, "Range", "bytes=100000-"), 416, "RANGE_NOT_SATISFIABLE");
        assertRefused(anonymous.get(linkPath.replace("signature=", "signature=x")), 403, "LINK_INVALID");
        assertRefused(anonymous.get("/async_query/link/not-a-query-id?expires=1&signature=x"), 400,
                "INVALID_QUERY_ID");
        Set<String> seen = new TreeSet<>(ApiConformance.seen(SERVER.port()));

        // An expired link, and a server whose switch is off.
        try (RunningServer shortLinks = RunningServer.start(temp.resolve("links"),
                Map.of("kylin.query.async.download-link-seconds", "1"))) {
            ApiConformance.forget(shortLinks.port());
            String shortId = shortLinks.admin().runToSuccess("{\"sql\":\"select 1\"}");
            String shortPath = shortLinks.admin().get("/async_query/" + shortId + "/download_link").json()
                    .path("data").path("path").asText().substring(ApiConformance.BASE_PATH.length());
            await("the link to expire", () -> shortLinks.anonymous().get(shortPath),
                    answer -> answer.status() == 403);
            assertRefused(shortLinks.anonymous().get(shortPath), 403, "LINK_EXPIRED");
            seen.addAll(ApiConformance.seen(shortLinks.port()));
        }
        try (RunningServer off = RunningServer.start(temp.resolve("off"), Map.of("kylin.query.async.enabled",
                "false"))) {
            ApiConformance.forget(off.port());
            assertRefused(off.admin().get("/async_query"), 404, "ASYNC_QUERY_DISABLED");
            seen.addAll(ApiConformance.seen(off.port()));
        }

        for (String operation : ISSUE17_OPERATIONS) {
            assertThat(seen).as("a conforming 2xx answer of " + operation).anyMatch(s -> s.startsWith(operation + " 2"));
        }
        for (String code : ISSUE17_CODES) {
            assertThat(seen).as("a conforming answer with " + code).anyMatch(s -> s.endsWith(" " + code));
        }
        assertThat(seen).contains("POST /async_query 200", "GET /async_query/link/{queryID} 304",
                "GET /async_query/link/{queryID} 416 RANGE_NOT_SATISFIABLE");
    }

    private static void theDocumentIsServedToAnyone(ApiClient anonymous) throws Exception {
        ApiClient.Response document = anonymous.get("/async_query/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("Content-Type")).startsWith(JSON);
        assertThat(document.json()).isEqualTo(ApiClient.JSON.readTree(ApiConformance.documentText()));
        assertRefused(anonymous.get("/async_query/openapi.json", "Accept", "text/csv"), 406, "NOT_ACCEPTABLE");
    }

    /** Submits in both body shapes, reads every answer a query has, and downloads in every way; returns an ID. */
    private static String readsAndDownloads(ApiClient admin) {
        String id = admin.runToSuccess(GROUPED);
        ApiClient.Response array = admin.post("/async_query", "[{\"sql\":\"select 1 as X\",\"projectName\":\"DEFAULT\","
                + "\"separator\":\";\",\"offset\":\"0\",\"limit\":5,\"acceptPartial\":false,\"unknown\":1}]",
                "Content-Type", "application/vnd.apache.kylin-v2+json;charset=utf-8");
        assertThat(array.status()).isEqualTo(200);
        admin.awaitDone(array.json().path("data").path("queryID").asText());
        String failed = admin.submit("{\"sql\":\"select 1\",\"project\":\"NO_SUCH_PROJECT\"}");
        assertThat(admin.status(failed)).isEqualTo("FAILED");
        assertThat(admin.status(UUID.randomUUID().toString())).isEqualTo("MISSING");
        for (String accept : new String[] {JSON, "application/vnd.apache.kylin-v2+json", "*/*"}) {
            assertThat(admin.get("/async_query/" + id + "/status", "Accept", accept).status()).isEqualTo(200);
        }
        for (String read : new String[] {"metadata", "filestatus", "file_status", "result_path"}) {
            assertThat(admin.get("/async_query/" + id + "/" + read).status()).as(read).isEqualTo(200);
        }
        for (String download : new String[] {"result_download", "result"}) {
            String path = "/async_query/" + id + "/" + download;
            ApiClient.Response whole = admin.get(path);
            assertThat(whole.status()).isEqualTo(200);
            String etag = whole.header("ETag");
            assertThat(admin.get(path, "Accept-Encoding", "gzip").header("Content-Encoding")).isEqualTo("gzip");
            assertThat(admin.get(path, "Range", "bytes=0-9").status()).isEqualTo(206);
            assertThat(admin.get(path, "Range", "bytes=-5", "If-Range", etag).status()).isEqualTo(206);
            assertThat(admin.get(path, "If-None-Match", etag).status()).isEqualTo(304);
            assertRefused(admin.get(path, "Range", "bytes=100000-"), 416, "RANGE_NOT_SATISFIABLE");
            assertThat(admin.send("HEAD", path, null).status()).isEqualTo(200);
            assertThat(admin.send("HEAD", path, null, "Range", "bytes=2-").status()).isEqualTo(206);
            assertThat(admin.send("HEAD", path, null, "If-None-Match", etag).status()).isEqualTo(304);
            assertThat(admin.send("HEAD", path, null, "Range", "bytes=100000-").status()).isEqualTo(416);
            assertThat(admin.send("HEAD", "/async_query/not-a-query-id/" + download, null).status()).isEqualTo(400);
        }
        // An empty result: an empty CSV body.
        String empty = admin.runToSuccess("{\"sql\":\"select 1 as X from (values (1)) as t(c) where c = 0\"}");
        assertThat(admin.get("/async_query/" + empty + "/result").bytes()).isEmpty();
        // Each format's content type, as the document lists them.
        for (String format : new String[] {"\"format\":\"json\"", "\"format\":\"json\",\"json_lines\":true",
                "\"format\":\"xlsx\"", "\"format\":\"parquet\"", "\"encode\":\"gbk\",\"bom\":false"}) {
            String exported = admin.runToSuccess("{\"sql\":\"select 1 as X, 'a' as Y\"," + format
                    + ",\"file_name\":\"r\"}");
            assertThat(admin.get("/async_query/" + exported + "/result").status()).isEqualTo(200);
            assertThat(admin.get("/async_query/" + exported + "/result", "Accept-Encoding", "gzip").status())
                    .isEqualTo(200);
        }
        return id;
    }

    private static void refusalsOfBadRequests(ApiClient admin, String id) {
        assertRefused(admin.post("/async_query", "{\"sql\":", "Content-Type", JSON), 400, "INVALID_REQUEST");
        assertRefused(admin.post("/async_query", "{\"sql\":\"drop table KYLIN_SALES\"}", "Content-Type", JSON), 400,
                "SQL_NOT_ALLOWED");
        assertRefused(admin.get("/async_query/not-a-query-id/status"), 400, "INVALID_QUERY_ID");
        assertRefused(admin.get("/async_query/" + id + "/status", "Accept", "text/csv"), 406, "NOT_ACCEPTABLE");
        assertRefused(admin.post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type",
                "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(SERVER.anonymous().get("/async_query"), 401, "UNAUTHORIZED");
        assertRefused(admin.delete("/async_query/" + id, "Sec-Fetch-Site", "cross-site"), 403, "CROSS_SITE_REQUEST");
        assertRefused(SERVER.modeler().get("/async_query/" + id + "/status"), 403, "ACCESS_DENIED");
        assertRefused(SERVER.modeler().get("/async_query?user=ADMIN"), 403, "ACCESS_DENIED");
        assertRefused(admin.delete("/async_query/" + UUID.randomUUID()), 404, "QUERY_NOT_FOUND");
        String failed = admin.submit("{\"sql\":\"select 1\",\"project\":\"NO_SUCH_PROJECT\"}");
        assertRefused(admin.get("/async_query/" + failed + "/metadata"), 409, "QUERY_NOT_SUCCESSFUL");
        assertRefused(admin.delete("/async_query/stop/" + id), 409, "QUERY_NOT_RUNNING");
        assertRefused(admin.post("/async_query", "{\"sql\":\"select '" + "x".repeat(300_000) + "' as X\"}",
                "Content-Type", JSON), 413, "REQUEST_TOO_LARGE");
        assertRefused(admin.get("/async_query?page_size=0"), 400, "INVALID_REQUEST");
        assertRefused(admin.delete("/async_query?older_than=yesterday"), 400, "INVALID_REQUEST");
        // Outside the document: still error envelopes.
        assertThat(admin.get("/async_query/x/y/z").status()).isEqualTo(404);
        assertThat(admin.send("PUT", "/async_query", "{}").status()).isEqualTo(405);
    }

    /** One thread and a queue of one: a user's second query and a third user's are refused; a stop frees it. */
    private static void refusalsOfABusyServer() {
        ApiClient admin = SERVER.admin();
        String running = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);
        assertRefused(admin.post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type", JSON), 429, "USER_LIMIT");
        String queued = SERVER.modeler().submit("{\"sql\":\"select 1\"}");
        assertThat(SERVER.modeler().statusData(queued).has("queue_position")).isTrue();
        assertRefused(SERVER.analyst().post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type", JSON), 429,
                "QUEUE_FULL");
        await("the running query's progress", () -> admin.statusData(running), data -> data.has("rows_written"));
        assertThat(admin.get("/async_query?page_size=5").status()).isEqualTo(200);
        assertThat(admin.delete("/async_query/stop/" + running).status()).isEqualTo(200);
        assertThat(admin.awaitDone(running).path("status").asText()).isEqualTo("FAILED");
        assertThat(SERVER.modeler().awaitDone(queued).path("status").asText()).isEqualTo("SUCCESSFUL");
    }

    private static void listsAndDeletes(ApiClient admin) {
        assertThat(admin.get("/async_query").status()).isEqualTo(200);
        assertThat(admin.get("/async_query?project=learn_kylin&user=MODELER&page_offset=1&page_size=2").status())
                .isEqualTo(200);
        assertThat(SERVER.modeler().get("/async_query?user=MODELER").status()).isEqualTo(200);
        assertThat(SERVER.analyst().get("/async_query/projects").status()).isEqualTo(200);
        String doomed = admin.runToSuccess("{\"sql\":\"select 1\"}");
        assertThat(admin.delete("/async_query/" + doomed).status()).isEqualTo(200);
        assertThat(admin.delete("/async_query?older_than=2000-01-01%2000:00:00").status()).isEqualTo(200);
        assertThat(SERVER.modeler().delete("/async_query").status()).isEqualTo(200);
    }

    /** A few wrong passwords for one name, then that name is refused unchecked for a while. */
    private static void refusalsOfWrongPasswords() {
        LoginThrottleE2ETest.guessUntilChecked(6, i -> SERVER.as("GUESSER", "guess-" + i));
        await("a login to be throttled", () -> SERVER.as("GUESSER", "again").get("/async_query"),
                answer -> answer.status() == 429);
    }

    private static void refusalsOfDamagedStorage(ApiClient admin) throws Exception {
        String id = admin.runToSuccess("{\"sql\":\"select 1 as X\"}");
        Path columns = SERVER.workingDir().resolve("async_query_result/" + id + "/_columns.json");
        Files.writeString(columns, "[{\"name\":");
        Files.deleteIfExists(columns.resolveSibling("._columns.json.crc"));
        assertRefused(admin.get("/async_query/" + id + "/metadata"), 503, "STORAGE_UNAVAILABLE");
    }

    /**
     * A server with one parse thread and a deadline of 1 s (its own, as such a deadline would refuse ordinary SQL on
     * a loaded machine): SQL slow to parse, sent by two users at once, is refused as taking too long, and the
     * submits that find the parse thread (or their own previous parse) busy all along get 429.
     */
    private Set<String> refusalsOfABusySqlCheck() throws Exception {
        String chain = SqlCheckE2ETest.body("select 1" + " + 1".repeat(30_000), "DEFAULT");
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try (RunningServer server = RunningServer.start(temp.resolve("sql-check"), Map.of(
                "kylin.query.async.sql-check-threads", "1",
                "kylin.query.async.sql-check-timeout-seconds", "1"))) {
            ApiConformance.forget(server.port());
            await("a submit refused because the SQL check stayed busy", () -> {
                List<Future<ApiClient.Response>> answers = new ArrayList<>();
                for (ApiClient sender : List.of(server.as("ANALYST", "ANALYST"), server.as("MODELER", "MODELER"),
                        server.as("ANALYST", "ANALYST"))) {
                    answers.add(senders.submit(() -> sender.post("/async_query", chain, "Content-Type", JSON)));
                }
                List<String> codes = new ArrayList<>();
                for (Future<ApiClient.Response> answer : answers) {
                    codes.add(answer.get().json().path("error_code").asText());
                }
                return codes;
            }, codes -> codes.contains("SQL_CHECK_BUSY"));
            return ApiConformance.seen(server.port());
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * A second server with the limits the first cannot have without getting in its own way: one kept query per user,
     * one upload in flight, a body deadline of 1 s, and a FAKE file system that fills up or fails on the test's word.
     */
    private Set<String> refusalsOfAConstrainedServer() throws Exception {
        Path conf = RunningServer.writeConf(temp.resolve("conf"), Map.of(
                "kylin.query.async.max-kept-queries-per-user", "1",
                "kylin.query.async.max-uploads-in-flight", "1",
                "kylin.query.async.request-body-timeout-seconds", "1"));
        Files.writeString(conf.resolve("core-site.xml"), FakeFailingLocalFileSystem.CORE_SITE);
        try (StandaloneServer server = StandaloneServer.start(new StandaloneOptions(0,
                temp.resolve("working-dir").toUri().toString(), conf, RunningServer.TEST_DATA))) {
            int port = server.port();
            ApiConformance.forget(port);
            ApiClient admin = new ApiClient(port, "ADMIN", "KYLIN");
            ApiClient analyst = new ApiClient(port, "ANALYST", "ANALYST");
            ApiClient modeler = new ApiClient(port, "MODELER", "MODELER");
            String kept = admin.runToSuccess("{\"sql\":\"select 1\"}");
            analyst.runToSuccess("{\"sql\":\"select 1\"}");
            assertRefused(analyst.post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type", JSON), 429,
                    "USER_QUOTA");

            try (SlowUploads upload = SlowUploads.open(port, 1, slowSubmitHead("ANALYST:ANALYST"))) {
                await("a submit refused while another body is arriving", () -> modeler.post("/async_query",
                        "{\"sql\":\"select 1\"}", "Content-Type", JSON), answer -> answer.status() == 503);
                assertRefused(modeler.post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type", JSON), 503,
                        "SERVER_BUSY");
                assertEventually(() -> assertThat(upload.statuses()).containsKey(408));
                RawAnswer timedOut = RawAnswer.parse(upload.sampleAnswer(408));
                ApiConformance.check(port, "POST", URI.create("http://localhost:" + port + "/kylin/api/async_query"),
                        timedOut.status(), timedOut.headers(), timedOut.body());
                assertThat(new String(timedOut.body(), StandardCharsets.UTF_8)).contains("\"REQUEST_TIMEOUT\"");
            }

            try {
                FakeFailingLocalFileSystem.FULL.set(true);
                // The free space is read again every few seconds: until then a submit may still be accepted.
                await("a submit refused for want of space", () -> modeler.post("/async_query",
                        "{\"sql\":\"select 1\"}", "Content-Type", JSON), answer -> answer.status() == 507);
                FakeFailingLocalFileSystem.FULL.set(false);
                FakeFailingLocalFileSystem.BROKEN_COLUMNS.set(true);
                assertRefused(admin.get("/async_query/" + kept + "/metadata"), 500, "INTERNAL_ERROR");
            } finally {
                FakeFailingLocalFileSystem.FULL.set(false);
                FakeFailingLocalFileSystem.BROKEN_COLUMNS.set(false);
            }
            return ApiConformance.seen(port);
        }
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        ApiConformance.API.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(method + " " + path)));
        return operations;
    }

    private static void assertRefused(ApiClient.Response response, int status, String code) {
        BadInputE2ETest.assertClientError(response, status, code);
    }

    /** A submit's request head announcing a body of a million bytes, of which only "{" follows at once. */
    private static String slowSubmitHead(String credentials) {
        return "POST /kylin/api/async_query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{";
    }

    /** An HTTP/1.1 answer read off a raw socket: its status, headers and (de-chunked) body. */
    private record RawAnswer(int status, Map<String, List<String>> headers, byte[] body) {
        static RawAnswer parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            boolean chunked = headers.entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase(
                    "Transfer-Encoding") && h.getValue().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT)
                    .contains("chunked")));
            return new RawAnswer(status, headers, (chunked ? dechunk(body) : body).getBytes(StandardCharsets.UTF_8));
        }

        private static String dechunk(String body) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
