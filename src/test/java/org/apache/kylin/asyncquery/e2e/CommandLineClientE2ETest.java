package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The command-line client ({@code bin/async-query}'s entry point, run in-process) against the real standalone server
 * over real HTTP: submit, wait and download, resumed and refused downloads, failed queries, refusals, an
 * unreachable server, listing and deleting, and each documented exit code.
 */
class CommandLineClientE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    private static final String SALES = "select LSTG_FORMAT_NAME, SLR_SEGMENT_CD, sum(PRICE) as GMV, "
            + "count(*) as TRANS_CNT from KYLIN_SALES group by LSTG_FORMAT_NAME, SLR_SEGMENT_CD order by 1, 2";
    private static final String ALL_SALES = "select * from KYLIN_SALES order by TRANS_ID";
    private static final Pattern UUID_LINE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path temp;

    private static CliRunner admin() {
        return CliRunner.as(SERVER.port(), "ADMIN", "KYLIN");
    }

    private static byte[] serverResult(String queryId) {
        ApiClient.Response download = SERVER.admin().get("/async_query/" + queryId + "/result_download");
        assertThat(download.status()).isEqualTo(200);
        return download.bytes();
    }

    private static String submitted(CliRunner.Result result) {
        String queryId = result.firstLine();
        assertThat(queryId).as(result.toString()).matches(UUID_LINE);
        return queryId;
    }

    @Test
    void submitWaitAndDownloadWritesTheServersCsvByteForByte() throws IOException {
        Path out = temp.resolve("out.csv");
        CliRunner.Result result = admin().run("submit", "--project", "learn_kylin", "--header", "--wait",
                "--download", out.toString(), SALES);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String queryId = submitted(result);
        assertThat(result.outText().trim()).isEqualTo(queryId);
        assertThat(Files.readAllBytes(out)).isEqualTo(serverResult(queryId));
        assertThat(new String(Files.readAllBytes(out), StandardCharsets.UTF_8))
                .startsWith("LSTG_FORMAT_NAME,SLR_SEGMENT_CD,GMV,TRANS_CNT\r\n");
        assertThat(temp.resolve("out.csv.part")).doesNotExist();
        assertThat(temp.resolve("out.csv.part.etag")).doesNotExist();
    }

    @Test
    void eachStepAloneDownloadsAnXlsxResultAndReportsItsStatus() throws IOException {
        CliRunner.Result submit = admin().run("submit", "-p", "learn_kylin", "--format", "xlsx", "--file-name",
                "sales", ALL_SALES);
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        String queryId = submitted(submit);

        CliRunner.Result await = admin().run("wait", queryId, "--progress", "lines");
        assertThat(await.exitCode()).as(await.toString()).isZero();
        assertThat(await.err()).contains(queryId + " SUCCESSFUL");

        CliRunner.Result status = admin().run("status", queryId);
        assertThat(status.exitCode()).isZero();
        assertThat(status.outText()).startsWith(queryId + " SUCCESSFUL 10000 rows ");
        CliRunner.Result json = admin().run("status", "--json", queryId);
        JsonNode data = ApiClient.JSON.readTree(json.out());
        assertThat(data.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(data.path("result_rows").asLong()).isEqualTo(10000);

        Path out = temp.resolve("sales.xlsx");
        CliRunner.Result download = admin().run("download", queryId, "-o", out.toString());
        assertThat(download.exitCode()).as(download.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(serverResult(queryId));
        assertThat(download.err()).contains("downloaded " + Files.size(out) + " bytes");

        CliRunner.Result toStdout = admin().run("download", queryId, "-o", "-");
        assertThat(toStdout.exitCode()).as(toStdout.toString()).isZero();
        assertThat(toStdout.out()).isEqualTo(serverResult(queryId));
    }

    @Test
    void withoutAnOutputTheDownloadTakesTheServersFileNameAndAProgressBarCanBeAskedFor() throws IOException {
        String queryId = SERVER.admin().runToSuccess("{\"sql\":\"" + SALES + "\",\"project\":\"learn_kylin\","
                + "\"format\":\"json\",\"json_lines\":true,\"file_name\":\"cli-" + UUID.randomUUID() + "\"}");
        String name = SERVER.admin().get("/async_query/" + queryId + "/result_download")
                .header("Content-Disposition").replaceAll(".*filename=\"([^\"]+)\".*", "$1");
        Path expected = Path.of(name).toAbsolutePath();
        try {
            CliRunner.Result result = admin().run("download", queryId, "--progress", "bar");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(Files.readAllBytes(expected)).isEqualTo(serverResult(queryId));
            assertThat(result.err()).contains("Download");
        } finally {
            Files.deleteIfExists(expected);
        }
    }

    @Test
    void aPartFileIsResumedWithRangeAndIfRangeAndEndsByteIdentical() throws IOException {
        String queryId = SERVER.admin().runToSuccess("{\"sql\":\"" + ALL_SALES + "\",\"project\":\"learn_kylin\"}");
        byte[] whole = serverResult(queryId);
        String etag = SERVER.admin().get("/async_query/" + queryId + "/result_download").header("ETag");
        Path out = temp.resolve("resumed.csv");
        int have = whole.length / 3;
        Files.write(temp.resolve("resumed.csv.part"), Arrays.copyOf(whole, have));
        Files.writeString(temp.resolve("resumed.csv.part.etag"), etag);

        try (RecordingProxy proxy = new RecordingProxy(SERVER.port(), 0)) {
            CliRunner.Result result = CliRunner.as(proxy.port(), "ADMIN", "KYLIN")
                    .run("download", queryId, "-o", out.toString());

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(proxy.sent()).contains("Range: bytes=" + have + "-").contains("If-Range: " + etag);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(whole);
        assertThat(temp.resolve("resumed.csv.part")).doesNotExist();
        assertThat(temp.resolve("resumed.csv.part.etag")).doesNotExist();
    }

    @Test
    void aWholePartIsConfirmedByItsLastByteAndRenamed() throws IOException {
        String queryId = SERVER.admin().runToSuccess("{\"sql\":\"" + SALES + "\",\"project\":\"learn_kylin\"}");
        byte[] whole = serverResult(queryId);
        String etag = SERVER.admin().get("/async_query/" + queryId + "/result_download").header("ETag");
        Path out = temp.resolve("whole.csv");
        Files.write(temp.resolve("whole.csv.part"), whole);
        Files.writeString(temp.resolve("whole.csv.part.etag"), etag);

        CliRunner.Result result = admin().run("download", queryId, "-o", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(whole);
    }

    @Test
    void aPartOfAnotherResultIsCaughtByIfRangeAndTheResultDownloadedAfresh() throws IOException {
        String queryId = SERVER.admin().runToSuccess("{\"sql\":\"" + ALL_SALES + "\",\"project\":\"learn_kylin\"}");
        byte[] whole = serverResult(queryId);
        Path out = temp.resolve("other.csv");
        byte[] junk = new byte[whole.length / 2];
        Arrays.fill(junk, (byte) 'x');
        Files.write(temp.resolve("other.csv.part"), junk);
        Files.writeString(temp.resolve("other.csv.part.etag"), "\"" + UUID.randomUUID() + "-" + whole.length + "\"");

        CliRunner.Result result = admin().run("download", queryId, "-o", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("downloading it afresh");
        assertThat(Files.readAllBytes(out)).isEqualTo(whole);
    }

    @Test
    void aPartWithoutItsEtagIsNotTrustedAndTheResultIsDownloadedAfresh() throws IOException {
        String queryId = SERVER.admin().runToSuccess("{\"sql\":\"" + SALES + "\",\"project\":\"learn_kylin\"}");
        byte[] whole = serverResult(queryId);
        Path out = temp.resolve("noetag.csv");
        Files.write(temp.resolve("noetag.csv.part"), "garbage".getBytes(StandardCharsets.UTF_8));

        CliRunner.Result result = admin().run("download", queryId, "-o", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(whole);
    }

    @Test
    void aPartLongerThanTheResultFailsTheIntegrityCheckAndLeavesNoFile() throws IOException {
        String queryId = SERVER.admin().runToSuccess("{\"sql\":\"" + SALES + "\",\"project\":\"learn_kylin\"}");
        byte[] whole = serverResult(queryId);
        String etag = SERVER.admin().get("/async_query/" + queryId + "/result_download").header("ETag");
        Path out = temp.resolve("long.csv");
        Files.write(temp.resolve("long.csv.part"), Arrays.copyOf(whole, whole.length + 10));
        Files.writeString(temp.resolve("long.csv.part.etag"), etag);

        CliRunner.Result result = admin().run("download", queryId, "-o", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.err()).startsWith("error: ").contains("more than the result's " + whole.length)
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
        assertThat(temp.resolve("long.csv.part")).doesNotExist();
    }

    @Test
    void sqlComesFromAFileOrFromStandardInput() throws IOException {
        Path sqlFile = temp.resolve("sales.sql");
        Files.writeString(sqlFile, SALES + "\n");
        Path fromFile = temp.resolve("from-file.csv");
        CliRunner.Result file = admin().run("submit", "-p", "learn_kylin", "-f", sqlFile.toString(), "--download",
                fromFile.toString());
        assertThat(file.exitCode()).as(file.toString()).isZero();
        assertThat(Files.readAllBytes(fromFile)).isEqualTo(serverResult(submitted(file)));

        Path fromStdin = temp.resolve("from-stdin.csv");
        CliRunner.Result stdin = admin().runWithStdin(SALES, "submit", "-p", "learn_kylin", "--separator", "\\t",
                "-o", fromStdin.toString());
        assertThat(stdin.exitCode()).as(stdin.toString()).isZero();
        byte[] tsv = Files.readAllBytes(fromStdin);
        assertThat(tsv).isEqualTo(serverResult(submitted(stdin)));
        assertThat(new String(tsv, StandardCharsets.UTF_8)).startsWith("ABIN\t-99\t");

        CliRunner.Result dash = admin().runWithStdin("select 1 as C1", "submit", "-f", "-", "--wait");
        assertThat(dash.exitCode()).as(dash.toString()).isZero();
    }

    @Test
    void aFailedQueryExitsWithOneAndItsReason() {
        CliRunner.Result result = admin().run("submit", "-p", "learn_kylin", "--wait",
                "select count(*) / 0 from KYLIN_SALES");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        String queryId = submitted(result);
        assertThat(result.err()).contains(queryId + " FAILED").contains("Division by zero");

        CliRunner.Result status = admin().run("status", queryId);
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.outText()).contains("FAILED");

        CliRunner.Result unknownProject = admin().run("submit", "-p", "NO_SUCH_PROJECT", "select 1");
        assertThat(unknownProject.exitCode()).as(unknownProject.toString()).isEqualTo(1);
        assertThat(unknownProject.err()).contains("does not exist");

        String missing = UUID.randomUUID().toString();
        assertThat(admin().run("wait", missing).exitCode()).isEqualTo(1);
        CliRunner.Result missingStatus = admin().run("status", missing);
        assertThat(missingStatus.exitCode()).isEqualTo(1);
        assertThat(missingStatus.outText()).contains("MISSING");
    }

    @Test
    void aRefusedRequestExitsWithThreeAndPrintsTheEnvelopesCodeAndMessage() {
        CliRunner.Result wrongPassword = CliRunner.as(SERVER.port(), "ANALYST", "not-the-password")
                .run("list");
        assertThat(wrongPassword.exitCode()).as(wrongPassword.toString()).isEqualTo(3);
        assertThat(wrongPassword.err()).startsWith("error: the server refused the request: HTTP 401")
                .contains("UNAUTHORIZED").doesNotContain("not-the-password").doesNotContain("Exception");

        String failed = SERVER.admin().submit("{\"sql\":\"select count(*) / 0 from KYLIN_SALES\","
                + "\"project\":\"learn_kylin\"}");
        SERVER.admin().awaitDone(failed);
        CliRunner.Result notSuccessful = admin().run("download", failed, "-o", temp.resolve("x.csv").toString());
        assertThat(notSuccessful.exitCode()).as(notSuccessful.toString()).isEqualTo(3);
        assertThat(notSuccessful.err()).contains("HTTP 409").contains("QUERY_NOT_SUCCESSFUL");
        assertThat(temp.resolve("x.csv")).doesNotExist();

        CliRunner.Result notRunning = admin().run("cancel", failed);
        assertThat(notRunning.exitCode()).isEqualTo(3);
        assertThat(notRunning.err()).contains("QUERY_NOT_RUNNING");

        String mine = SERVER.admin().runToSuccess("{\"sql\":\"select 1 as C1\"}");
        CliRunner.Result notYours = CliRunner.as(SERVER.port(), "ANALYST", "ANALYST").run("status", mine);
        assertThat(notYours.exitCode()).isEqualTo(3);
        assertThat(notYours.err()).contains("HTTP 403").contains("ACCESS_DENIED");
    }

    @Test
    void anUnreachableServerExitsWithFour() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRunner nowhere = CliRunner.as(closedPort, "ADMIN", "KYLIN");

        CliRunner.Result status = nowhere.run("status", UUID.randomUUID().toString());
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(4);
        assertThat(status.err()).startsWith("error: cannot reach http://localhost:" + closedPort)
                .doesNotContain("\tat ");

        CliRunner.Result submit = nowhere.run("submit", "--retries", "1", "select 1");
        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(4);
        assertThat(submit.err()).contains("submitting again in 1 s with the same client_request_id");
        assertThat(submit.outText()).isEmpty();
    }

    @Test
    void aSubmitWhoseConnectionFailedIsSentAgainWithTheSameClientRequestId() throws IOException {
        try (RecordingProxy proxy = new RecordingProxy(SERVER.port(), 2)) {
            CliRunner.Result result = CliRunner.as(proxy.port(), "ADMIN", "KYLIN")
                    .run("submit", "-p", "learn_kylin", "--client-request-id", "nightly-sales-1", SALES);

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).contains("submitting again");
            Matcher ids = Pattern.compile("\"client_request_id\":\"([^\"]*)\"").matcher(proxy.sent());
            int posts = 0;
            while (ids.find()) {
                assertThat(ids.group(1)).isEqualTo("nightly-sales-1");
                posts++;
            }
            assertThat(posts).isGreaterThanOrEqualTo(2);
            assertThat(SERVER.admin().awaitDone(submitted(result)).path("status").asText()).isEqualTo("SUCCESSFUL");
        }
    }

    @Test
    void listShowsTheCallersQueriesAndDeleteRemovesOneOrAll() throws IOException {
        CliRunner modeler = CliRunner.as(SERVER.port(), "MODELER", "MODELER");
        String first = submitted(modeler.run("submit", "-p", "learn_kylin", "--wait", "select 1 as C1"));
        String second = submitted(modeler.run("submit", "-p", "learn_kylin", "--wait", "select 2 as C2"));

        CliRunner.Result table = modeler.run("list");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.outText()).startsWith("QUERY_ID").contains(first).contains(second).contains("MODELER")
                .contains("SUCCESSFUL");
        CliRunner.Result json = modeler.run("list", "--json", "--page-size", "1000");
        JsonNode page = ApiClient.JSON.readTree(json.out());
        assertThat(page.path("value").findValuesAsText("queryID")).contains(first, second);
        assertThat(page.path("value").findValuesAsText("owner")).containsOnly("MODELER");

        assertThat(modeler.run("delete", first).exitCode()).isZero();
        assertThat(SERVER.modeler().status(first)).isEqualTo("MISSING");
        assertThat(SERVER.modeler().status(second)).isEqualTo("SUCCESSFUL");

        assertThat(modeler.run("delete", "--older-than", "2000-01-01 00:00:00").exitCode()).isZero();
        assertThat(SERVER.modeler().status(second)).isEqualTo("SUCCESSFUL");
        assertThat(modeler.run("delete", "--all").exitCode()).isZero();
        assertThat(SERVER.modeler().status(second)).isEqualTo("MISSING");
        assertThat(ApiClient.JSON.readTree(modeler.run("list", "--json").out()).path("total_size").asLong())
                .isZero();
    }

    @Test
    void cancelStopsARunningQueryWhichThenEndsFailed() {
        String running = submitted(admin().run("submit", "-p", "learn_kylin",
                "select a.TRANS_ID, b.TRANS_ID from KYLIN_SALES a cross join KYLIN_SALES b"));

        CliRunner.Result cancel = admin().run("stop", running);
        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();

        CliRunner.Result await = admin().run("wait", running);
        assertThat(await.exitCode()).isEqualTo(1);
        assertThat(await.err()).contains("FAILED").contains("cancelled by ADMIN");
    }

    @Test
    void waitGivesUpAfterItsTimeoutWithSixAndTheQueryKeepsRunning() {
        String running = SERVER.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
        try {
            CliRunner.Result await = admin().run("wait", running, "--timeout", "1");
            assertThat(await.exitCode()).as(await.toString()).isEqualTo(6);
            assertThat(await.err()).contains("still RUNNING after 1 s");
            assertThat(SERVER.admin().status(running)).isEqualTo("RUNNING");
        } finally {
            SERVER.admin().delete("/async_query/" + running);
        }
    }

    @Test
    void credentialsComeFromOptionsAndAPasswordFile() throws IOException {
        Path passwordFile = temp.resolve("password");
        Files.writeString(passwordFile, "MODELER\n");
        CliRunner.Result result = CliRunner.withEnv(Map.of()).run("list", "--url",
                "http://localhost:" + SERVER.port() + "/kylin/", "--user", "MODELER", "--password-file",
                passwordFile.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();

        CliRunner.Result fromEnv = CliRunner.withEnv(Map.of("ASYNC_QUERY_URL",
                "http://localhost:" + SERVER.port() + "/kylin", "ASYNC_QUERY_USER", "MODELER",
                "ASYNC_QUERY_PASSWORD_FILE", passwordFile.toString())).run("list");
        assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isZero();

        CliRunner.Result anonymous = CliRunner.as(SERVER.port(), null, null).run("list");
        assertThat(anonymous.exitCode()).isEqualTo(3);
        assertThat(anonymous.err()).contains("HTTP 401");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(admin().run().exitCode()).isEqualTo(2);
        assertThat(admin().run("status", "not-a-query-id").exitCode()).isEqualTo(2);
        assertThat(admin().run("submit", "--no-such-option", "select 1").exitCode()).isEqualTo(2);
        assertThat(admin().run("submit", "-f", "/no/such/file.sql").exitCode()).isEqualTo(2);
        assertThat(admin().run("submit", "select 1", "-f", "/no/such/file.sql").exitCode()).isEqualTo(2);
        assertThat(admin().runWithStdin("  ", "submit").exitCode()).isEqualTo(2);
        assertThat(admin().run("delete").exitCode()).isEqualTo(2);
        assertThat(admin().run("wait", UUID.randomUUID().toString(), "--progress", "sometimes").exitCode())
                .isEqualTo(2);
        CliRunner.Result help = admin().run("submit", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.outText()).contains("--client-request-id").contains("Exit codes:")
                .contains("5   the downloaded file failed its integrity check");
    }
}
