package org.apache.kylin.rest.asyncquery.metrics;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * Every meter of the plugin, named once here (the README's metric table is written from these names, and a test
 * keeps the two in step), and the few calls that record them. Tags are few and bounded: an {@link ErrorCode} or a
 * {@link QueryEnding}, never a user, a query ID or SQL.
 *
 * <p>Thread-safe: Micrometer's meters are.
 */
public final class AsyncQueryMetrics {
    public static final String SUBMITTED = "asyncquery.queries.submitted";
    public static final String SUCCEEDED = "asyncquery.queries.succeeded";
    public static final String FAILED = "asyncquery.queries.failed";
    public static final String CANCELLED = "asyncquery.queries.cancelled";
    public static final String REFUSED = "asyncquery.queries.refused";
    public static final String QUEUED = "asyncquery.queries.queued";
    public static final String RUNNING = "asyncquery.queries.running";
    public static final String ROWS_WRITTEN = "asyncquery.result.rows";
    public static final String BYTES_WRITTEN = "asyncquery.result.bytes";
    public static final String EXPORT_DURATION = "asyncquery.export.duration";
    public static final String DOWNLOADS = "asyncquery.downloads";
    public static final String BYTES_SERVED = "asyncquery.download.bytes";
    public static final String CLEANER_DELETIONS = "asyncquery.cleaner.deletions";
    public static final String REASON_TAG = "reason";
    public static final String OUTCOME_TAG = "outcome";
    private static final String BYTES = "bytes";
    private static final String ROWS = "rows";

    private final MeterRegistry registry;
    private final Counter submitted;
    private final Map<QueryEnding, Counter> ended = new EnumMap<>(QueryEnding.class);
    private final Map<QueryEnding, Timer> durations = new EnumMap<>(QueryEnding.class);
    private final Map<ErrorCode, Counter> refused = new EnumMap<>(ErrorCode.class);
    private final Counter rowsWritten;
    private final Counter bytesWritten;
    private final Counter downloads;
    private final Counter bytesServed;
    private final Counter cleanerDeletions;

    /** Registers every counter and timer at once, so each series shows from the start, at zero. */
    public AsyncQueryMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        submitted = counter(SUBMITTED, "Queries this server accepted, each answered with a new query ID (one for an unknown "
                + "project, recorded FAILED at once, included).", null);
        ended.put(QueryEnding.SUCCEEDED, counter(SUCCEEDED, "Queries submitted here whose result was committed (SUCCESSFUL).", null));
        ended.put(QueryEnding.FAILED, counter(FAILED, "Queries submitted here that ended FAILED: the engine, their data, a "
                + "limit (the run time's included), the storage, or an unknown project.", null));
        ended.put(QueryEnding.CANCELLED, counter(CANCELLED, "Queries submitted here that were stopped before "
                + "they finished: a stop, a delete, or the server shutting down.", null));
        for (QueryEnding ending : QueryEnding.values()) {
            durations.put(ending, Timer.builder(EXPORT_DURATION).tag(OUTCOME_TAG, ending.tag())
                    .description("How long exports ran on their thread here (from leaving the queue to their "
                            + "end), by how they ended: succeeded, failed or cancelled.").register(registry));
        }
        for (ErrorCode code : ErrorCode.values()) {
            refused.put(code, Counter.builder(REFUSED).tag(REASON_TAG, code.name())
                    .description("Submits this server refused (nothing kept), by the refusal's error_code; "
                    + "each code is a series from zero.").register(registry));
        }
        rowsWritten = counter(ROWS_WRITTEN, "Rows of the results committed here (the status' result_rows).", ROWS);
        bytesWritten = counter(BYTES_WRITTEN, "Bytes of the results committed here, as stored (the status' "
                + "result_bytes, or result_stored_bytes when compressed).", BYTES);
        downloads = counter(DOWNLOADS, "Downloads this server answered with a body (200 or 206); HEAD and 304 "
                + "answers are not counted.", null);
        bytesServed = counter(BYTES_SERVED, "Result bytes those downloads carried: the stored bytes of the "
                + "whole result or of the range, before any gzip.",
                BYTES);
        cleanerDeletions = counter(CLEANER_DELETIONS, "Queries the result cleaner of this server deleted.", null);
    }

    /** Records nothing: for tools and tests that build the services by hand. */
    public static AsyncQueryMetrics none() {
        return new AsyncQueryMetrics(new CompositeMeterRegistry());
    }

    /** Gauges of the executor here: queries waiting for a thread, and running. */
    public void watchQueue(IntSupplier queued, IntSupplier running) {
        requireNonNull(queued, "queued is null");
        requireNonNull(running, "running is null");
        Gauge.builder(QUEUED, queued, IntSupplier::getAsInt).strongReference(true)
                .description("Queries waiting for a thread here now.").register(registry);
        Gauge.builder(RUNNING, running, IntSupplier::getAsInt).strongReference(true)
                .description("Queries running here now.").register(registry);
    }

    public void querySubmitted() {
        submitted.increment();
    }

    /** A submit refused with {@code reason}, nothing kept. */
    public void queryRefused(ErrorCode reason) {
        refused.get(requireNonNull(reason, "reason is null")).increment();
    }

    /** A query that ended without running here: one for an unknown project, or one dropped from the queue. */
    public void queryEnded(QueryEnding ending) {
        ended.get(requireNonNull(ending, "ending is null")).increment();
    }

    /** A query that ran on a thread here for {@code nanos}; a committed result adds its rows and bytes. */
    public void exportEnded(QueryEnding ending, long nanos, long rows, long bytes) {
        queryEnded(ending);
        durations.get(ending).record(nanos, TimeUnit.NANOSECONDS);
        if (ending == QueryEnding.SUCCEEDED) {
            rowsWritten.increment(rows);
            bytesWritten.increment(bytes);
        }
    }

    /** A download answered with {@code bytes} of the stored result (a range's, or the whole). */
    public void downloadServed(long bytes) {
        downloads.increment();
        bytesServed.increment(bytes);
    }

    /** The cleaner deleted one query. */
    public void resultCleaned() {
        cleanerDeletions.increment();
    }

    private Counter counter(String name, String description, String baseUnit) {
        return Counter.builder(name).description(description).baseUnit(baseUnit).register(registry);
    }
}
