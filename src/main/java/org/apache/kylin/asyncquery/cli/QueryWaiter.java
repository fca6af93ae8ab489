package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/**
 * Polls a query's status until it leaves RUNNING, backing off from a quarter second to {@link #LONGEST_PAUSE_MILLIS}
 * (one second while a bar is on screen), and rides out a few failed polls in a row (a server restarting behind a
 * load balancer) before giving up.
 */
final class QueryWaiter {
    static final long FIRST_PAUSE_MILLIS = 250;
    static final long LONGEST_PAUSE_MILLIS = 5_000;
    private static final long LONGEST_PAUSE_WITH_BAR_MILLIS = 1_000;
    private static final int FAILED_POLLS_TOLERATED = 3;

    private final AsyncQueryApi api;
    private final ProgressReporter progress;
    private final PrintStream err;

    QueryWaiter(AsyncQueryApi api, ProgressReporter progress, PrintStream err) {
        this.api = requireNonNull(api, "api is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.err = requireNonNull(err, "err is null");
    }

    /**
     * The query's final state: SUCCESSFUL, FAILED or MISSING.
     *
     * @param timeoutSeconds 0 to wait as long as it takes
     * @throws CliException WAIT_TIMEOUT when the time is up first
     */
    QueryState await(String queryId, long timeoutSeconds) {
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + timeoutSeconds * 1_000_000_000L : Long.MAX_VALUE;
        long longest = progress.showsBar() ? LONGEST_PAUSE_WITH_BAR_MILLIS : LONGEST_PAUSE_MILLIS;
        long pause = FIRST_PAUSE_MILLIS;
        int failedPolls = 0;
        while (true) {
            QueryState state = null;
            try {
                state = api.status(queryId);
                failedPolls = 0;
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNREACHABLE || ++failedPolls > FAILED_POLLS_TOLERATED) {
                    throw e;
                }
                err.println("warning: " + e.getMessage() + "; asking again");
            }
            if (state != null) {
                progress.query(state);
                if (!state.isRunning()) {
                    return state;
                }
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                progress.close();
                throw new CliException(ExitCode.WAIT_TIMEOUT, "query " + queryId + " is still RUNNING after "
                        + timeoutSeconds + " s" + (state == null ? "" : " (" + state.line() + ")"));
            }
            sleep(Math.min(pause, left));
            pause = Math.min(longest, pause * 2);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL, "interrupted while waiting", e);
        }
    }
}
