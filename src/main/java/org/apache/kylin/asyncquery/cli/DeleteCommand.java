package org.apache.kylin.asyncquery.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code delete}: given queries, or all of the caller's (an administrator's: everyone's), or those older than a time. */
@Command(name = "delete", sortOptions = false,
        description = {"Delete queries and their results (a running one is cancelled first)."})
final class DeleteCommand extends ApiCommand {
    @Parameters(paramLabel = "QUERY_ID", arity = "0..*", description = "The queries to delete.")
    List<String> queryIds;

    @Option(names = "--all", description = "Delete every query you may delete (an administrator: everyone's).")
    boolean all;

    @Option(names = "--older-than", paramLabel = "'yyyy-MM-dd HH:mm:ss'",
            description = "Delete only finished queries submitted before then (the server's time zone).")
    String olderThan;

    @Override
    ExitCode run() {
        boolean some = queryIds != null && !queryIds.isEmpty();
        if (some == (all || olderThan != null)) {
            throw new CliException(ExitCode.USAGE, "name the queries to delete, or give --all or --older-than");
        }
        if (some) {
            for (String queryId : queryIds) {
                QueryIds.check(queryId);
            }
        }
        AsyncQueryApi api = api();
        if (!some) {
            api.deleteAll(olderThan);
            io().err().println(olderThan == null ? "deleted all" : "deleted those finished before " + olderThan);
            return ExitCode.OK;
        }
        for (String queryId : queryIds) {
            api.delete(queryId);
            io().err().println("deleted " + queryId);
        }
        return ExitCode.OK;
    }
}
