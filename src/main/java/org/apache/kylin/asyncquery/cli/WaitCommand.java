package org.apache.kylin.asyncquery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wait}: polls until the query is SUCCESSFUL (exit 0), FAILED or MISSING (exit 1), or the time is up. */
@Command(name = "wait", sortOptions = false,
        description = {"Wait until a query has finished, with a progress bar of the rows and bytes written."})
final class WaitCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "QUERY_ID")
    String queryId;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Give up after SECONDS (exit 6; the query keeps running). 0: never (default).")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print the final status answer's data as JSON on standard output.")
    boolean json;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar when standard error is a terminal), bar, lines or none.")
    ProgressMode progress;

    @Override
    ExitCode run() {
        QueryIds.check(queryId);
        QueryState done;
        try (ProgressReporter reporter = new ProgressReporter(progress, io())) {
            done = new QueryWaiter(api(), reporter, io().err()).await(queryId, timeoutSeconds);
        }
        if (json) {
            io().out().println(done.json());
        }
        if (!done.isSuccessful()) {
            return ended(done);
        }
        io().err().println("query " + done.line());
        return ExitCode.OK;
    }
}
