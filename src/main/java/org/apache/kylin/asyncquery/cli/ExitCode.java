package org.apache.kylin.asyncquery.cli;

/**
 * The exit codes of {@code bin/async-query}, which scripts may rely on. The README's table is written from this
 * list; each code keeps its meaning for good.
 */
public enum ExitCode {
    OK(0, "success"),
    QUERY_FAILED(1, "the query ended FAILED, or is MISSING (unknown or deleted); the reason is printed"),
    USAGE(2, "usage error: an unknown option, a missing argument, a malformed query ID"),
    REFUSED(3, "the server refused the request (an envelope whose code is not \"000\": a wrong password, another "
            + "user's query, a result not yet SUCCESSFUL...); its HTTP status, code, error_code and msg are printed"),
    UNREACHABLE(4, "cannot connect to the server, or it did not answer in time (a broken download keeps its "
            + ".part file: run the same command again to resume)"),
    INTEGRITY(5, "the downloaded file failed its integrity check (size or range not the result's); no file is left "
            + "under the final name"),
    WAIT_TIMEOUT(6, "wait --timeout passed while the query was still RUNNING (it keeps running)"),
    INTERNAL(70, "a bug in the client (run with --debug for the stack trace)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
