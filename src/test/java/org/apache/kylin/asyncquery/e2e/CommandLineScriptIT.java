package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/async-query} script, as a process, against a server started by the real
 * {@code bin/async-query-server}: both scripts' class paths (the standalone jar and target/lib, which the build has
 * made by now: this runs after packaging, where the test class path holds only the thin plugin jar) and the
 * client's environment variables work, standard output holds only the query ID, the download is the server's
 * result, and the client's exit code is the script's.
 */
class CommandLineScriptIT {
    private static final String SQL = "select LSTG_FORMAT_NAME, count(*) as TRANS_CNT from KYLIN_SALES "
            + "group by LSTG_FORMAT_NAME order by 1";

    @TempDir
    Path temp;

    @Test
    void submitsWaitsAndDownloadsThroughTheScriptAndPassesItsExitCodeOn() throws Exception {
        Path portFile = temp.resolve("port");
        Path serverLog = temp.resolve("server.log");
        Process server = new ProcessBuilder(script("async-query-server"), "--port", "0", "--port-file",
                portFile.toString(), "--working-dir", temp.resolve("working-dir").toUri().toString())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        try {
            Eventually.await("the server to write its port (see " + serverLog + ")",
                    () -> Files.exists(portFile) || !server.isAlive(), Boolean::booleanValue);
            assertThat(server.isAlive()).as("server exited; see " + serverLog).isTrue();
            int port = Integer.parseInt(Files.readString(portFile).trim());

            Path out = temp.resolve("out.csv");
            Path stdout = temp.resolve("stdout.txt");
            Path stderr = temp.resolve("stderr.txt");
            ProcessBuilder client = client(port, "ANALYST", "submit", "--project", "learn_kylin", "--header", "--wait",
                    "--download", out.toString(), SQL).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());

            int exitCode = client.start().waitFor();

            String printed = Files.readString(stdout, StandardCharsets.UTF_8);
            assertThat(exitCode).as(printed + Files.readString(stderr)).isZero();
            String queryId = printed.trim();
            assertThat(queryId).matches("[0-9a-f-]{36}");
            byte[] expected = new ApiClient(port, "ANALYST", "ANALYST")
                    .get("/async_query/" + queryId + "/result_download").bytes();
            assertThat(Files.readAllBytes(out)).isEqualTo(expected);
            assertThat(new String(expected, StandardCharsets.UTF_8)).startsWith("LSTG_FORMAT_NAME,TRANS_CNT\r\n");
            // Standard error is no terminal here: no progress bar, only the closing line.
            assertThat(Files.readString(stderr)).doesNotContain("Query").contains("downloaded ");

            Path refusedOutput = temp.resolve("refused.txt");
            Process refused = client(port, "not-analysts-password", "list").redirectErrorStream(true)
                    .redirectOutput(refusedOutput.toFile()).start();
            assertThat(refused.waitFor()).isEqualTo(3);
            assertThat(Files.readString(refusedOutput)).startsWith("error: the server refused the request: HTTP 401")
                    .doesNotContain("not-analysts-password");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** bin/async-query as ANALYST with {@code password}, all connection settings in its environment. */
    private static ProcessBuilder client(int port, String password, String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = script("async-query");
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder client = new ProcessBuilder(command);
        client.environment().put("ASYNC_QUERY_URL", "http://localhost:" + port + "/kylin");
        client.environment().put("ASYNC_QUERY_USER", "ANALYST");
        client.environment().put("ASYNC_QUERY_PASSWORD", password);
        return client;
    }

    private static String script(String name) {
        return Paths.get("bin", name).toAbsolutePath().toString();
    }
}
