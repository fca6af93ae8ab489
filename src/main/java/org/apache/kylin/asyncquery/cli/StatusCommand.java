package org.apache.kylin.asyncquery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status}: one status call; exit 0 for RUNNING or SUCCESSFUL, 1 for FAILED or MISSING. */
@Command(name = "status", description = {"Print a query's status: a line (ID STATUS counts: info), or --json."})
final class StatusCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "QUERY_ID")
    String queryId;

    @Option(names = "--json", description = "Print the status answer's data as JSON.")
    boolean json;

    @Override
    ExitCode run() {
        QueryState state = api().status(queryId);
        io().out().println(json ? state.json().toString() : state.line());
        return state.isRunning() || state.isSuccessful() ? ExitCode.OK : ExitCode.QUERY_FAILED;
    }
}
