package org.apache.kylin.asyncquery.cli;

import java.nio.file.Path;
import java.nio.file.Paths;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code download}: a SUCCESSFUL query's result to a file (resumable, size-checked) or to standard output. */
@Command(name = "download", sortOptions = false,
        description = {"Download a result. To a file it resumes a FILE.part left by a broken download (Range, "
            + "If-Range) and renames it to FILE only once its size is the result's."})
final class DownloadCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "QUERY_ID")
    String queryId;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write ('-': standard output). Default: the server's file name, here.")
    String output;

    @Option(names = "--restart", description = "Discard a FILE.part instead of resuming it.")
    boolean restart;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar when standard error is a terminal), bar, lines or none.")
    ProgressMode progress;

    @Override
    ExitCode run() {
        QueryIds.check(queryId);
        AsyncQueryApi api = api();
        try (ProgressReporter reporter = new ProgressReporter(progress, io())) {
            ResultDownload download = new ResultDownload(api, reporter, io().err());
            String target = output != null ? output : download.suggestedTarget(queryId).toString();
            download(download, io(), queryId, target, restart);
        }
        return ExitCode.OK;
    }

    /** Downloads to {@code target} ("-" for standard output) and says where on standard error. */
    static void download(ResultDownload download, CliIo io, String queryId, String target, boolean restart) {
        if ("-".equals(target)) {
            download.toStream(queryId, io.out());
            return;
        }
        Path file = Paths.get(target);
        long bytes = download.toFile(queryId, file, restart);
        io.err().println("downloaded " + bytes + " bytes to " + file);
    }
}
