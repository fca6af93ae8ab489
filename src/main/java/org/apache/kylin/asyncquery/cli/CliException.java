package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

/** Ends a command with an exit code and a message for people (printed as {@code error: ...}, never a stack trace). */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.exitCode = requireNonNull(exitCode, "exitCode is null");
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
