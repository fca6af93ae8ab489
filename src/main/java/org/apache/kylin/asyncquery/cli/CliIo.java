package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What a command reads and writes: standard input, output (text, or a downloaded file's bytes) and error, the
 * environment, and whether standard error is a terminal (Java cannot tell by itself; {@code bin/async-query}
 * checks with {@code [ -t 2 ]}). Tests hand in their own, so the client runs in-process.
 */
public final class CliIo {
    /** The system property {@code bin/async-query} sets to "true" when standard error is a terminal. */
    public static final String STDERR_TERMINAL_PROPERTY = "async-query.stderr-terminal";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean stderrTerminal;

    public CliIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean stderrTerminal) {
        this.in = requireNonNull(in, "in is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.env = Collections.unmodifiableMap(new HashMap<>(requireNonNull(env, "env is null")));
        this.stderrTerminal = stderrTerminal;
    }

    /** The process's own streams and environment. */
    public static CliIo system() {
        return new CliIo(System.in, System.out, System.err, System.getenv(),
                Boolean.getBoolean(STDERR_TERMINAL_PROPERTY));
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** An environment variable, or null when unset or empty. */
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean stderrTerminal() {
        return stderrTerminal;
    }
}
