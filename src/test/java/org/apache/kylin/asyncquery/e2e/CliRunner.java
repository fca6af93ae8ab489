package org.apache.kylin.asyncquery.e2e;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kylin.asyncquery.cli.AsyncQueryCli;
import org.apache.kylin.asyncquery.cli.CliIo;

/**
 * Runs the command-line client in-process (its real entry point, picocli and all) with the given environment and
 * standard input, capturing its exit code, standard output (bytes: a download may go there) and standard error.
 */
final class CliRunner {
    private final Map<String, String> env;

    private CliRunner(Map<String, String> env) {
        this.env = env;
    }

    /** A client whose environment points at the server on {@code port} as {@code user}. */
    static CliRunner as(int port, String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("ASYNC_QUERY_URL", "http://localhost:" + port + "/kylin");
        if (user != null) {
            env.put("ASYNC_QUERY_USER", user);
            env.put("ASYNC_QUERY_PASSWORD", password);
        }
        return new CliRunner(env);
    }

    /** A client with exactly this environment. */
    static CliRunner withEnv(Map<String, String> env) {
        return new CliRunner(new HashMap<>(env));
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIo io = new CliIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, false);
        int code = AsyncQueryCli.run(io, args);
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        /** The first line of standard output: the query ID a submit prints. */
        String firstLine() {
            return outText().split("\\R", 2)[0].trim();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + outText() + "\n--- stderr\n" + err;
        }
    }
}
