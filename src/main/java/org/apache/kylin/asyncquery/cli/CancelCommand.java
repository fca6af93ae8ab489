package org.apache.kylin.asyncquery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cancel} (or {@code stop}): stops a running query and keeps its record; it ends FAILED. */
@Command(name = "cancel", aliases = "stop",
        description = {"Stop a running query without deleting it (it ends FAILED, \"cancelled by\" you)."})
final class CancelCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "QUERY_ID")
    String queryId;

    @Override
    ExitCode run() {
        api().stop(queryId);
        io().err().println("stopped " + queryId);
        return ExitCode.OK;
    }
}
