package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.engine.ExportRoute;
import org.apache.kylin.rest.asyncquery.engine.PartsDestination;
import org.apache.kylin.rest.asyncquery.engine.QueryCancelledException;
import org.apache.kylin.rest.asyncquery.engine.QueryExecutionException;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.format.ParquetPartsMerger;
import org.apache.kylin.rest.asyncquery.format.PartsFrame;
import org.apache.kylin.rest.asyncquery.format.RandomAccessBytes;
import org.apache.kylin.rest.asyncquery.format.ResultWriter;
import org.apache.kylin.rest.asyncquery.format.ValueNotWritableException;
import org.apache.kylin.rest.asyncquery.store.PendingParts;
import org.apache.kylin.rest.asyncquery.store.PendingResult;
import org.apache.kylin.rest.asyncquery.store.QueryFolderGoneException;
import org.apache.kylin.rest.asyncquery.store.ResultFile;
import org.apache.kylin.rest.asyncquery.store.StoreException;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one accepted query: rows stream from the engine through a writer into a hidden result file, which is
 * committed by rename; only then is the query SUCCESSFUL. Any failure leaves a FAILED outcome and no result file.
 *
 * <p>Runs once, on one pool thread; what it shares with other threads (its progress) is in its {@link LocalQuery}.
 */
final class QueryJob implements Consumer<CancellationToken> {
    private static final Logger LOG = LoggerFactory.getLogger(QueryJob.class);
    static final String WRITE_FAILED_INFO = "The result could not be written: the working directory's file "
            + "system failed while it was written; the server log has the details.";
    static final String INTERNAL_ERROR_INFO = "The query failed because of an internal server error; "
            + "the server log has the details.";
    /** Anything that would break a log line: control characters and Unicode line or paragraph separators. */
    private static final Pattern ONE_LINE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

    // What every job shares (engine, store, writers, outcomes, limits, storage, quotas, clock), held once there.
    private final QueryJobFactory shared;
    private final LocalQuery query;
    private final QueryRecord record;
    private final QuerySpec spec;
    private final long quotaBytesLeft;

    /** @param quotaBytesLeft the result bytes the submitter may still keep, Long.MAX_VALUE without a cap */
    QueryJob(QueryJobFactory shared, LocalQuery query, QueryRecord record, QuerySpec spec, long quotaBytesLeft) {
        this.shared = requireNonNull(shared, "shared is null");
        this.query = requireNonNull(query, "query is null");
        this.record = requireNonNull(record, "record is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.quotaBytesLeft = quotaBytesLeft;
    }

    @Override
    public void accept(CancellationToken cancellation) {
        QueryId id = record.queryId();
        query.started(shared.clock.millis());
        try {
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            WrittenResult written = writeResult(cancellation);
            LOG.info("Query {} wrote {} rows, {} bytes, by route {}", id, written.rows, written.bytes, written.route);
            finish(new QueryOutcome(QueryStatus.SUCCESSFUL, QueryState.SUCCESSFUL_INFO, shared.clock.millis(),
                    written.rows, written.bytes, written.route.name(), written.uncompressedBytes));
        } catch (QueryCancelledException e) {
            finish(QueryStatus.FAILED, "The query was cancelled.");
        } catch (QueryExecutionException e) {
            logEngineFailure(id, e);
            finish(QueryStatus.FAILED, e.getMessage());
        } catch (ResultLimitExceededException | ValueNotWritableException e) {
            finish(QueryStatus.FAILED, e.getMessage());
        } catch (QueryFolderGoneException e) {
            LOG.debug("Query {} was deleted while it ran", id);
        } catch (IOException | StoreException e) {
            LOG.warn("Query {} could not write its result", id, e);
            // The reason names paths and the file system's classes: the log has it, the status a plain sentence.
            finish(QueryStatus.FAILED, WRITE_FAILED_INFO);
        } catch (StackOverflowError e) {
            // Deeply nested SQL overflows the parser's or planner's stack; the thread itself is fine.
            LOG.warn("Query {} is too deeply nested for the engine", id);
            finish(QueryStatus.FAILED, "The query is too complex for the engine: its expressions nest too deeply.");
        } catch (Exception | Error e) {
            // Even an Error must not leave the query RUNNING for ever, nor end the pool's thread; only the JVM's
            // own failures (out of memory) go on up, where they are not swallowed. Exception, not only
            // RuntimeException: Scala code (Spark) throws checked exceptions no signature declares.
            LOG.error("Query {} failed unexpectedly", id, e);
            finish(QueryStatus.FAILED, INTERNAL_ERROR_INFO);
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
        }
    }

    /**
     * A query's own error (its SQL, its data) is the user's business: one line, no stack trace. A defect inside
     * the engine is the server's: its stack trace goes to the log.
     */
    private static void logEngineFailure(QueryId id, QueryExecutionException e) {
        if (e.isEngineFault()) {
            LOG.warn("Query {} failed inside the engine", id, e.getCause() != null ? e.getCause() : e);
        } else {
            LOG.info("Query {} failed: {}", id, ONE_LINE.matcher(String.valueOf(e.getMessage())).replaceAll(" "));
        }
    }

    /** Writes and commits the result; returns its row count and byte count. */
    private WrittenResult writeResult(CancellationToken cancellation) throws IOException {
        try (PendingResult pending = shared.store.beginResult(record.queryId(), record.formatOptions())) {
            WritingSink sink = new WritingSink(pending);
            try {
                try {
                    shared.engine.execute(spec, sink, cancellation);
                    sink.finish();
                } finally {
                    sink.abandonUnlessFinished();
                }
                sink.checkBytes();
                if (cancellation.isCancelled()) {
                    throw new QueryCancelledException();
                }
                long bytes = sink.commit();
                shared.quotas.resultKept(record.owner(), bytes);
                return new WrittenResult(query.rowsWritten(), bytes, sink.route, sink.uncompressedBytes());
            } finally {
                sink.closeParts();
                shared.quotas.writingEnded(record.owner(), sink.quotaBytes);
            }
        }
    }

    private void finish(QueryStatus status, String info) {
        finish(new QueryOutcome(status, info, shared.clock.millis()));
    }

    private void finish(QueryOutcome outcome) {
        boolean stands = shared.outcomes.record(record.queryId(), outcome);
        if (stands && outcome.status() == QueryStatus.SUCCESSFUL) {
            query.succeeded(outcome.rows(), outcome.bytes());
        }
        if (!stands && outcome.status() == QueryStatus.SUCCESSFUL) {
            LOG.info("Query {} finished after it was stopped; discarding its result", record.queryId());
            try {
                shared.store.discardResults(record.queryId());
            } catch (StoreException e) {
                LOG.debug("Could not discard the result of stopped query {}", record.queryId(), e);
            }
        }
    }

    /**
     * Saves the column metadata, then hands each row to the format's writer, stopping the export once it passes
     * the row or byte limit (bytes are checked as the file grows, so it may pass by up to one write buffer).
     */
    private final class WritingSink implements RowSink {
        private static final int BYTE_CHECK_EVERY_ROWS = 1024;

        private final PendingResult pending;
        private ResultWriter writer;
        private boolean finished;
        private ExportRoute route = ExportRoute.JDBC_STREAM;
        // Set when the engine's executors write the result in parts instead of rows coming here.
        private List<ColumnMeta> partsColumns;
        private PendingParts parts;
        private Long partsRows; // guarded by this
        // Bytes of this export counted as being written in the user's quota.
        private long quotaBytes;

        WritingSink(PendingResult pending) {
            this.pending = pending;
        }

        @Override
        public void route(ExportRoute taken) {
            route = requireNonNull(taken, "route is null");
        }

        /**
         * Parts for every format whose bytes can be joined: not XLSX (one zip), nor CSV in GBK, nor text stored
         * compressed (its one codec stream is written here, so the engine streams its rows, as for GBK).
         */
        @Override
        public Optional<PartsDestination> acceptParts(List<ColumnMeta> columns,
                Predicate<FormatOptions> executorsCanWrite) {
            FormatOptions options = record.formatOptions();
            boolean joinable = options.format() == ResultFormat.JSON || options.format() == ResultFormat.PARQUET
                    || (options.format() == ResultFormat.CSV && options.charset().equals(StandardCharsets.UTF_8));
            if (!joinable || options.storesCompressedText() || !executorsCanWrite.test(options)) {
                return Optional.empty();
            }
            shared.store.writeColumns(record.queryId(), columns);
            partsColumns = columns;
            parts = shared.store.beginParts(record.queryId(), options);
            return Optional.of(new Destination());
        }

        @Override
        public void start(List<ColumnMeta> columns) throws IOException {
            shared.store.writeColumns(record.queryId(), columns);
            writer = shared.writers.open(query.countingBytes(pending.stream()), columns, record.formatOptions());
        }

        @Override
        public void row(Object[] values) throws IOException {
            if (query.rowsWritten() >= shared.limits.maxResultRows()) {
                throw rowLimitExceeded();
            }
            writer.writeRow(values);
            if (query.rowWritten() % BYTE_CHECK_EVERY_ROWS == 0) {
                checkBytes();
            }
        }

        private ResultLimitExceededException rowLimitExceeded() {
            return new ResultLimitExceededException("The result exceeds " + ConfigKey.MAX_RESULT_ROWS.key() + " ("
                    + shared.limits.maxResultRows() + " rows); the export was stopped.");
        }

        // Synchronized: a distributed writer's progress arrives on Spark's listener thread.
        synchronized void checkBytes() {
            long written = query.bytesWritten();
            if (written > shared.limits.maxResultBytes()) {
                throw new ResultLimitExceededException("The result exceeds " + ConfigKey.MAX_RESULT_BYTES.key()
                        + " (" + shared.limits.maxResultBytes() + " bytes); the export was stopped.");
            }
            long grown = written - quotaBytes;
            quotaBytes = written;
            if (written > quotaBytesLeft || !shared.quotas.wrote(record.owner(), grown)) {
                throw new ResultLimitExceededException("The result would take user '" + record.owner()
                        + "' past " + ConfigKey.MAX_KEPT_BYTES_PER_USER.key() + " (" + quotaBytesLeft
                        + " bytes were left); the export was stopped. Delete older results to make room.");
            }
            Optional<String> shortage = shared.storage.shortage();
            if (shortage.isPresent()) {
                throw new ResultLimitExceededException(shortage.get() + " The export was stopped.");
            }
        }

        void finish() throws IOException {
            if (parts != null) {
                if (partsRows == null) {
                    throw new IOException("The engine's writers did not finish the result");
                }
                finished = true;
                return;
            }
            if (writer == null) {
                throw new IOException("The engine returned no result set");
            }
            writer.finish();
            finished = true;
        }

        /** Stops a writer the export is leaving half-way, before its file is deleted. */
        void abandonUnlessFinished() {
            if (writer != null && !finished) {
                writer.abandon();
            }
        }

        /** Makes the result visible; returns its size in bytes. */
        long commit() throws IOException {
            if (parts == null) {
                return pending.commit();
            }
            long bytes;
            if (record.formatOptions().format() == ResultFormat.PARQUET) {
                bytes = commitMergedParquet();
            } else {
                PartsFrame frame = PartsFrame.of(partsColumns, record.formatOptions());
                bytes = parts.commit(frame.head(), frame.tail(), frame.trimLastBytes());
            }
            query.progressReported(partsRows, bytes);
            return bytes;
        }

        /** Spark's Parquet parts are each a whole file: their row groups are copied into one, undecoded. */
        private long commitMergedParquet() throws IOException {
            List<RandomAccessBytes> sources = new ArrayList<>();
            for (ResultFile part : parts.parts()) {
                sources.add(new RandomAccessBytes() {
                    @Override
                    public long length() {
                        return part.size();
                    }

                    @Override
                    public InputStream openAt(long position) {
                        return parts.open(part, position);
                    }
                });
            }
            if (sources.isEmpty()) {
                // No part at all: the one-stream writer's file of no rows.
                ResultWriter empty = shared.writers.open(pending.stream(), partsColumns, record.formatOptions());
                empty.finish();
            } else {
                ParquetPartsMerger.merge(sources, pending.stream());
            }
            long bytes = pending.commit();
            parts.committedElsewhere();
            return bytes;
        }

        /** For a result stored compressed, its bytes before compression; null for one stored as it is. */
        Long uncompressedBytes() {
            if (writer == null || parts != null) {
                return null;
            }
            OptionalLong text = writer.uncompressedBytes();
            return text.isPresent() ? text.getAsLong() : null;
        }

        /** Removes the parts' folder unless it was committed. */
        void closeParts() {
            if (parts != null) {
                parts.close();
            }
        }

        /** What the engine's executors write into: limits are checked as they report, the commit is the job's. */
        private final class Destination implements PartsDestination {
            @Override
            public String folder() {
                return parts.folder();
            }

            @Override
            public FormatOptions options() {
                return record.formatOptions();
            }

            @Override
            public boolean escapeFormulas() {
                return shared.writers.escapesFormulas();
            }

            @Override
            public void progress(long rows, long bytes) {
                synchronized (WritingSink.this) {
                    if (partsRows != null) {
                        return; // a late report, after the writers finished
                    }
                    query.progressReported(rows, bytes);
                    if (rows > shared.limits.maxResultRows()) {
                        throw rowLimitExceeded();
                    }
                    checkBytes();
                }
            }

            @Override
            public void commit(long rows) {
                synchronized (WritingSink.this) {
                    if (rows > shared.limits.maxResultRows()) {
                        throw rowLimitExceeded();
                    }
                    query.progressReported(rows, query.bytesWritten());
                    partsRows = rows;
                }
            }
        }
    }

    /** What a committed result holds: its rows, and its bytes as they landed. Immutable. */
    private static final class WrittenResult {
        final long rows;
        final long bytes;
        final ExportRoute route;
        final Long uncompressedBytes;

        WrittenResult(long rows, long bytes, ExportRoute route, Long uncompressedBytes) {
            this.rows = rows;
            this.bytes = bytes;
            this.route = route;
            this.uncompressedBytes = uncompressedBytes;
        }
    }
}
