package org.apache.kylin.asyncquery.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code submit}: sends SQL with the API's options and a {@code client_request_id}, retries a submit whose
 * connection failed with that same ID (a server that knows the field answers the first query instead of starting
 * another), prints the query ID, and with {@code --wait} or {@code --download} carries on.
 */
@Command(name = "submit", sortOptions = false,
        description = {"Submit SQL (an argument, --file FILE, or standard input) and print the query ID.",
            "Only the options given are sent; the server's defaults apply to the rest."})
final class SubmitCommand extends ApiCommand {
    private static final long FIRST_RETRY_PAUSE_MILLIS = 1_000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "The SQL to run.")
    String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the SQL from FILE ('-': standard input).")
    String sqlFile;

    @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", description = "The project (server default: DEFAULT).")
    String project;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json, xlsx or parquet (default csv).")
    String format;

    @Option(names = "--separator", paramLabel = "CHAR", description = "CSV field separator (default ','); \\t for a tab.")
    String separator;

    @Option(names = "--header", description = "Write the column names as the first CSV row (include_header).")
    Boolean header;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "CSV encoding: utf-8 (default) or gbk (encode).")
    String encoding;

    @Option(names = "--file-name", paramLabel = "NAME", description = "The download's file name (file_name).")
    String fileName;

    @Option(names = "--limit", paramLabel = "ROWS", description = "Most rows to keep, if the SQL has no LIMIT.")
    Long limit;

    @Option(names = "--offset", paramLabel = "ROWS", description = "Rows to skip, if the SQL has no OFFSET.")
    Long offset;

    @Option(names = "--bom", description = "Start a UTF-8 CSV with a byte-order mark.")
    Boolean bom;

    @Option(names = "--json-lines", description = "For json: one object per line (JSON Lines).")
    Boolean jsonLines;

    @Option(names = "--compression", paramLabel = "CODEC",
            description = "How the file is stored: parquet snappy|zstd|gzip|none; csv and json none|gzip|zstd.")
    String compression;

    @Option(names = "--client-request-id", paramLabel = "ID",
            description = "The retry key sent with the submit (default: a new UUID).")
    String clientRequestId;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Submit again, with the same client_request_id, after a failed connection (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--wait", description = "Wait until the query has finished.")
    boolean await;

    @Option(names = {"-o", "--download"}, paramLabel = "FILE",
            description = "Wait, then download the result to FILE ('-': standard output; the ID goes to standard error).")
    String download;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "With --wait or --download: give up waiting after SECONDS (0: never).")
    long timeoutSeconds;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar when standard error is a terminal), bar, lines or none.")
    ProgressMode progress;

    @Override
    ExitCode run() {
        ObjectNode body = body(readSql());
        AsyncQueryApi api = api();
        QueryState submitted = submitWithRetries(api, body);
        boolean toStdout = "-".equals(download);
        PrintStream idStream = toStdout ? io().err() : io().out();
        idStream.println(submitted.queryId());
        idStream.flush();
        if (!submitted.isRunning() && !submitted.isSuccessful()) {
            return ended(submitted);
        }
        if (!await && download == null) {
            return ExitCode.OK;
        }
        try (ProgressReporter reporter = new ProgressReporter(progress, io())) {
            QueryState done = new QueryWaiter(api, reporter, io().err()).await(submitted.queryId(), timeoutSeconds);
            if (!done.isSuccessful()) {
                return ended(done);
            }
            if (download != null) {
                DownloadCommand.download(new ResultDownload(api, reporter, io().err()), io(), done.queryId(),
                        download, false);
            }
        }
        return ExitCode.OK;
    }

    private QueryState submitWithRetries(AsyncQueryApi api, ObjectNode body) {
        long pause = FIRST_RETRY_PAUSE_MILLIS;
        for (int attempt = 0; ; attempt++) {
            try {
                return api.submit(body);
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNREACHABLE || attempt >= retries) {
                    throw e;
                }
                io().err().println("warning: " + e.getMessage() + "; submitting again in " + pause / 1000
                        + " s with the same client_request_id " + body.path("client_request_id").asText());
                sleep(pause);
                pause *= 2;
            }
        }
    }

    ObjectNode body(String text) {
        ObjectNode body = HttpApi.JSON.createObjectNode();
        body.put("sql", text);
        putIfGiven(body, "project", project);
        putIfGiven(body, "format", format);
        if (separator != null) {
            body.put("separator", "\\t".equals(separator) ? "\t" : separator);
        }
        if (header != null) {
            body.put("include_header", header);
        }
        putIfGiven(body, "encode", encoding);
        putIfGiven(body, "file_name", fileName);
        if (limit != null) {
            body.put("limit", limit);
        }
        if (offset != null) {
            body.put("offset", offset);
        }
        if (bom != null) {
            body.put("bom", bom);
        }
        if (jsonLines != null) {
            body.put("json_lines", jsonLines);
        }
        putIfGiven(body, "compression", compression);
        String requestId = clientRequestId != null ? clientRequestId : UUID.randomUUID().toString();
        if (requestId.isEmpty() || requestId.length() > 128) {
            throw new CliException(ExitCode.USAGE, "--client-request-id must have 1 to 128 characters");
        }
        body.put("client_request_id", requestId);
        return body;
    }

    private static void putIfGiven(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private String readSql() {
        if (sql != null && sqlFile != null) {
            throw new CliException(ExitCode.USAGE, "give the SQL either as an argument or with --file, not both");
        }
        String text;
        if (sql != null) {
            text = sql;
        } else if (sqlFile == null || "-".equals(sqlFile)) {
            text = readAll(io().in());
        } else {
            try {
                text = new String(Files.readAllBytes(Paths.get(sqlFile)), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCode.USAGE, "the SQL file " + sqlFile + " does not exist");
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read the SQL file " + sqlFile + ": " + e, e);
            }
        }
        if (text.trim().isEmpty()) {
            throw new CliException(ExitCode.USAGE, "no SQL given (an argument, --file FILE, or standard input)");
        }
        return text;
    }

    private static String readAll(InputStream in) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                bytes.write(buffer, 0, read);
            }
            return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the SQL from standard input: " + e, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL, "interrupted", e);
        }
    }
}
