package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a submit with {@code wait_timeout_seconds} until its query has finished or the time is up, whichever comes
 * first. A query running here is waited for directly; one running on another server sharing the working directory
 * is polled in the store every quarter of a second. A waiting submit holds a request thread, so only so many wait
 * at once ({@code kylin.query.async.max-waiting-submits}): past that, a submit answers at once, as without a wait.
 * Closing it (the server shutting down) ends every wait within a fraction of a second.
 *
 * <p>Thread-safe.
 */
public final class SubmitWaiter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubmitWaiter.class);
    /** How long a wait for a local query sleeps before it looks whether the server is closing. */
    private static final long LOCAL_SLICE_MILLIS = 100;
    /** How often a query on another server is read from the store (on HDFS, a few NameNode calls). */
    private static final long REMOTE_POLL_MILLIS = 250;

    private final QueryExecutor executor;
    private final Semaphore places;
    private final Object closing = new Object();
    private volatile boolean closed;

    public SubmitWaiter(QueryExecutor executor, int maxWaiting) {
        this.executor = requireNonNull(executor, "executor is null");
        this.places = new Semaphore(maxWaiting);
    }

    /**
     * The query's state once it has left RUNNING, or its state when {@code timeoutMillis} have passed, when no
     * place to wait is free, or when the server closes.
     *
     * @param answer the state to answer without waiting
     * @param status reads the query's current state
     */
    QueryState await(QueryState answer, long timeoutMillis, Supplier<QueryState> status) {
        if (answer.status() != QueryStatus.RUNNING || timeoutMillis <= 0 || closed) {
            return answer;
        }
        if (!places.tryAcquire()) {
            LOG.debug("Query {}: every place to wait ({}) is taken; answering at once", answer.queryId(),
                    ConfigKey.MAX_WAITING_SUBMITS.key());
            return answer;
        }
        try {
            return waitFor(QueryId.parse(answer.queryId()).get(), answer, timeoutMillis, status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer;
        } finally {
            places.release();
        }
    }

    private QueryState waitFor(QueryId id, QueryState answer, long timeoutMillis, Supplier<QueryState> status)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        QueryState latest = answer;
        while (!closed) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return status.get();
            }
            if (executor.isActive(id)) {
                if (!executor.awaitStopped(id, Math.min(left, LOCAL_SLICE_MILLIS))) {
                    continue;
                }
            } else {
                pause(Math.min(left, REMOTE_POLL_MILLIS));
            }
            latest = status.get();
            if (latest.status() != QueryStatus.RUNNING) {
                return latest;
            }
        }
        return latest;
    }

    private void pause(long millis) throws InterruptedException {
        synchronized (closing) {
            if (!closed) {
                closing.wait(millis);
            }
        }
    }

    /** Ends every wait: the server is shutting down. */
    @Override
    public void close() {
        closed = true;
        synchronized (closing) {
            closing.notifyAll();
        }
    }
}
