package org.apache.kylin.rest.asyncquery.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.kylin.rest.asyncquery.engine.CancellationToken;
import org.apache.kylin.rest.asyncquery.store.QueryId;

/**
 * Runs queries on a fixed number of threads with a bounded number waiting. A query is admitted before anything is
 * written for it, so a full server refuses cleanly instead of leaving files behind.
 */
public final class QueryExecutor implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final Semaphore places;
    private final ConcurrentMap<QueryId, RunningQuery> running = new ConcurrentHashMap<>();

    public QueryExecutor(int threads, int queueSize) {
        if (threads < 1 || queueSize < 0) {
            throw new IllegalArgumentException("threads must be positive and queueSize not negative");
        }
        this.places = new Semaphore(threads + queueSize);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                namedThreads());
    }

    /** A place for one query, or a QUEUE_FULL refusal. */
    public Admission admit() {
        if (!places.tryAcquire()) {
            throw new AsyncQueryException(ErrorCode.QUEUE_FULL,
                    "The server is already running and queueing as many async queries as it allows; try again later.");
        }
        return new Admission();
    }

    /**
     * Cancels the query if it runs or waits here, and waits up to {@code waitMillis} for it to stop.
     * Returns whether it was known here.
     */
    public boolean cancel(QueryId id, long waitMillis) throws InterruptedException {
        RunningQuery query = running.get(id);
        if (query == null) {
            return false;
        }
        query.token.cancel();
        query.done.await(waitMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    public boolean isActive(QueryId id) {
        return running.containsKey(id);
    }

    @Override
    public void close() {
        for (RunningQuery query : running.values()) {
            query.token.cancel();
        }
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    /** A reserved place: either {@link #start} a query in it or {@link #release} it. */
    public final class Admission {
        private boolean used;

        public void start(QueryId id, Consumer<CancellationToken> task) {
            claim();
            RunningQuery query = new RunningQuery();
            running.put(id, query);
            pool.execute(() -> {
                try {
                    task.accept(query.token);
                } finally {
                    places.release();
                    running.remove(id);
                    query.done.countDown();
                }
            });
        }

        public void release() {
            claim();
            places.release();
        }

        private void claim() {
            if (used) {
                throw new IllegalStateException("Admission already used");
            }
            used = true;
        }
    }

    private static final class RunningQuery {
        final CancellationToken token = new CancellationToken();
        final CountDownLatch done = new CountDownLatch(1);
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "async-query-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
