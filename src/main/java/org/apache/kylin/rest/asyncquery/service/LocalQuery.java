package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kylin.rest.asyncquery.metrics.QueryEnding;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;

/**
 * Everything this server keeps about one query it admitted, from admission until its work has returned: whose it
 * is, the job that runs it, how to stop it and how far it has got. The executor holds these in its one map; no
 * other per-query state is kept for local queries.
 *
 * <p>Thread-safe. Status requests and the heartbeat read it while the query's own thread (and, for bytes, the
 * thread writing its result file) updates it:
 * <ul>
 * <li>the ID, owner, token and latch are final, and the token and latch are thread-safe themselves;</li>
 * <li>the job is volatile: set once before the query is queued, read by the pool thread that runs it;</li>
 * <li>the start time is volatile, written once by the query's thread;</li>
 * <li>the row and byte counts are atomic; only the query's thread counts rows, only its writer counts bytes.</li>
 * <li>whether it succeeded, and whether it ran past the time limit, are volatile flags, each set once.</li>
 * </ul>
 */
final class LocalQuery {
    private static final long NOT_STARTED = -1;

    private final QueryId id;
    private final String owner;
    private final CancellationToken cancellation = new CancellationToken();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile Consumer<CancellationToken> job;
    private volatile long startedAtMillis = NOT_STARTED;
    private volatile boolean succeeded;
    private volatile boolean overran;

    LocalQuery(QueryId id, String owner) {
        this.id = requireNonNull(id, "id is null");
        this.owner = requireNonNull(owner, "owner is null");
    }

    QueryId id() {
        return id;
    }

    String owner() {
        return owner;
    }

    CancellationToken cancellation() {
        return cancellation;
    }

    void assignJob(Consumer<CancellationToken> work) {
        this.job = requireNonNull(work, "work is null");
    }

    /** Whether it was handed its job (after its folder and record were written). */
    boolean hasJob() {
        return job != null;
    }

    /** Runs the job on the calling thread, with this query's token. */
    void runJob() {
        job.accept(cancellation);
    }

    /** Marks that its work has returned (or that it never ran): whoever waits for it to stop may go on. */
    void finished() {
        done.countDown();
    }

    /** Waits up to {@code millis} for its work to return; true once it has. */
    boolean awaitFinished(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Called by the job once, when it starts writing. */
    void started(long nowMillis) {
        startedAtMillis = nowMillis;
    }

    /** Called by the job once its SUCCESSFUL outcome stands, with the rows and bytes it committed. */
    void succeeded(long committedRows, long committedBytes) {
        rows.set(committedRows);
        bytes.set(committedBytes);
        succeeded = true;
    }

    /** Called by the executor when the query ran past the time limit, before it is cancelled. */
    void overran() {
        overran = true;
    }

    /**
     * How its work ended, once it has returned: committed, stopped by someone (a stop, a delete, a shutdown), or
     * failed; a query stopped for running too long failed.
     */
    QueryEnding ending() {
        if (succeeded) {
            return QueryEnding.SUCCEEDED;
        }
        return cancellation.isCancelled() && !overran ? QueryEnding.CANCELLED : QueryEnding.FAILED;
    }

    /** Counts one more row written and returns the count so far. */
    long rowWritten() {
        return rows.incrementAndGet();
    }

    /** Sets the counts a distributed writer reports, which counts its rows and bytes itself. */
    void progressReported(long rowsSoFar, long bytesSoFar) {
        rows.set(rowsSoFar);
        bytes.set(bytesSoFar);
    }

    long rowsWritten() {
        return rows.get();
    }

    long bytesWritten() {
        return bytes.get();
    }

    /**
     * {@code out}, counting into this query every byte written through it, on whichever thread writes: the count
     * is published here, so nobody reads a stream's position from another thread.
     */
    OutputStream countingBytes(OutputStream out) {
        return new FilterOutputStream(requireNonNull(out, "out is null")) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytes.addAndGet(len);
            }
        };
    }

    /** Its rows and bytes since it started, or empty while it has not started. */
    Optional<QueryProgress> runningProgress() {
        long started = startedAtMillis;
        if (started == NOT_STARTED) {
            return Optional.empty();
        }
        return Optional.of(new QueryProgress(null, started, rows.get(), bytes.get()));
    }
}
