package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/async-query}: the async query API from a shell, over HTTP only, so it works against the standalone
 * server and a Kylin host alike. {@link #run} is the entry point (tests call it in-process with their own
 * {@link CliIo}); {@link #main} exits with its code. Errors print {@code error: <message>} on standard error, never a
 * stack trace unless {@code --debug}; the exit codes are {@link ExitCode}'s.
 */
@Command(name = "async-query", mixinStandardHelpOptions = true, version = "kylin-async-query command-line client",
        description = {"Submit SQL to an async query server (the standalone server or a Kylin host), wait for it, "
            + "and download its result.",
            "Connection: --url (env ASYNC_QUERY_URL), --user (ASYNC_QUERY_USER), and the password from --password "
                + "(a prompt), --password-file, ASYNC_QUERY_PASSWORD or ASYNC_QUERY_PASSWORD_FILE."},
        subcommands = {SubmitCommand.class, StatusCommand.class, WaitCommand.class, DownloadCommand.class,
            ListCommand.class, DeleteCommand.class, CancelCommand.class})
public final class AsyncQueryCli implements Callable<Integer> {
    private final CliIo io;

    @Spec
    CommandSpec spec;

    AsyncQueryCli(CliIo io) {
        this.io = requireNonNull(io, "io is null");
    }

    public static void main(String[] args) {
        System.exit(run(CliIo.system(), args));
    }

    /** Runs one command line and returns its exit code. */
    public static int run(CliIo io, String... args) {
        CommandLine commandLine = new CommandLine(new AsyncQueryCli(io));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> report(io, exception, failed));
        Map<String, String> exitCodes = exitCodeList();
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            subcommand.getCommandSpec().mixinStandardHelpOptions(true);
            subcommand.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(exitCodes);
        }
        int code = commandLine.execute(args);
        io.out().flush();
        io.err().flush();
        return code;
    }

    CliIo io() {
        return io;
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    private static int report(CliIo io, Exception exception, CommandLine failed) {
        boolean debug = failed.getCommand() instanceof ApiCommand && ((ApiCommand) failed.getCommand()).debug;
        ExitCode code;
        String message;
        if (exception instanceof CliException) {
            code = ((CliException) exception).exitCode();
            message = exception.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            message = "unexpected " + exception + (debug ? "" : " (run with --debug for the stack trace)");
        }
        io.err().println("error: " + message);
        if (debug) {
            exception.printStackTrace(io.err());
        }
        if (code == ExitCode.USAGE) {
            io.err().println("See '" + failed.getCommandName() + " --help'.");
        }
        io.err().flush();
        return code.code();
    }

    private static Map<String, String> exitCodeList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            list.put(String.format("%3d", code.code()), code.meaning());
        }
        return list;
    }
}
