package org.apache.kylin.asyncquery.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * What every subcommand shares: the connection options, {@code --debug}, and the way back to the client's
 * streams. Picocli fills the annotated fields (they cannot be final); the work is done by the small classes each
 * subcommand calls.
 */
abstract class ApiCommand implements Callable<Integer> {
    @ParentCommand
    AsyncQueryCli root;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--debug", description = "On an error, print the stack trace too.")
    boolean debug;

    CliIo io() {
        return root.io();
    }

    AsyncQueryApi api() {
        return connection.connect(io());
    }

    @Override
    public final Integer call() {
        return run().code();
    }

    abstract ExitCode run();

    /** Reports a query that ended FAILED or MISSING on standard error. */
    ExitCode ended(QueryState state) {
        io().err().println("query " + state.line());
        return ExitCode.QUERY_FAILED;
    }
}
