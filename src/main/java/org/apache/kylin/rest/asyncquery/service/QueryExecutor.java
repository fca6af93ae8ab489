package org.apache.kylin.rest.asyncquery.service;

import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.engine.CancellationToken;
import org.apache.kylin.rest.asyncquery.store.QueryId;

/**
 * Runs queries on a fixed number of threads with a bounded number waiting. A query is admitted before anything is
 * written for it, so a full server refuses cleanly instead of leaving files behind.
 */
public final class QueryExecutor implements AutoCloseable {
    private static final int QUEUED = 0;
    private static final int STARTED = 1;
    private static final int CANCELLED_IN_QUEUE = 2;

    private final ThreadPoolExecutor pool;
    private final Semaphore places;
    private final int maxPerUser;
    private final ConcurrentMap<QueryId, Task> tasks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> perUser = new ConcurrentHashMap<>();

    public QueryExecutor(int threads, int queueSize, int maxPerUser) {
        if (threads < 1 || queueSize < 0 || maxPerUser < 1) {
            throw new IllegalArgumentException("threads and maxPerUser must be positive and queueSize not negative");
        }
        this.maxPerUser = maxPerUser;
        this.places = new Semaphore(threads + queueSize);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                namedThreads());
    }

    /**
     * A place for query {@code id}, or a QUEUE_FULL refusal. From here until it is released or finishes, the
     * query counts as active on this server, so nothing mistakes it for an orphan while its files are written.
     */
    public Admission admit(QueryId id, String owner) {
        if (perUser.merge(owner, 1, Integer::sum) > maxPerUser) {
            releaseUser(owner);
            throw new AsyncQueryException(ErrorCode.USER_LIMIT, "User '" + owner + "' already has " + maxPerUser
                    + " async queries running or waiting here, the most allowed (" + ConfigKey.MAX_QUERIES_PER_USER.key()
                    + "); try again when one has finished.");
        }
        if (!places.tryAcquire()) {
            releaseUser(owner);
            throw new AsyncQueryException(ErrorCode.QUEUE_FULL,
                    "The server is already running and queueing as many async queries as it allows; try again later.");
        }
        Task task = new Task(id, owner);
        tasks.put(id, task);
        return new Admission(task);
    }

    private void releaseUser(String owner) {
        perUser.merge(owner, -1, (count, minusOne) -> count + minusOne == 0 ? null : count + minusOne);
    }

    /**
     * Cancels the query if it runs or waits here. A waiting query is dropped at once; for a running one this waits
     * up to {@code waitMillis} for it to stop. Returns whether the query was known here.
     */
    public boolean cancel(QueryId id, long waitMillis) throws InterruptedException {
        boolean known = requestCancel(id);
        awaitStopped(id, waitMillis);
        return known;
    }

    /** Signals the query to stop, dropping it at once if it is still waiting; returns whether it was known here. */
    public boolean requestCancel(QueryId id) {
        Task task = tasks.get(id);
        if (task == null) {
            return false;
        }
        task.token.cancel();
        if (task.work != null && task.state.compareAndSet(QUEUED, CANCELLED_IN_QUEUE)) {
            pool.remove(task);
            task.finished();
        }
        return true;
    }

    /** Waits up to {@code waitMillis} for the query to stop here; true once it is not (or no longer) active. */
    public boolean awaitStopped(QueryId id, long waitMillis) throws InterruptedException {
        Task task = tasks.get(id);
        return task == null || task.done.await(waitMillis, TimeUnit.MILLISECONDS);
    }

    public boolean isActive(QueryId id) {
        return tasks.containsKey(id);
    }

    /** 1 for the next query to start, 2 for the one after...; empty if the query does not wait here. */
    public Optional<Integer> queuePosition(QueryId id) {
        int position = 0;
        for (Runnable queued : pool.getQueue()) {
            position++;
            if (queued instanceof Task && ((Task) queued).id.equals(id)) {
                return Optional.of(position);
            }
        }
        return Optional.empty();
    }

    /** The queries admitted here that have not finished. */
    public Set<QueryId> activeQueries() {
        return Collections.unmodifiableSet(new HashSet<>(tasks.keySet()));
    }

    @Override
    public void close() {
        for (Task task : tasks.values()) {
            task.token.cancel();
        }
        pool.shutdown();
        try {
            // Cancelled queries stop at their next row; this only bounds a shutdown stuck in a driver.
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    /** A reserved place: either {@link #start} a query in it or {@link #release} it. */
    public final class Admission {
        private final Task task;
        private boolean used;

        private Admission(Task task) {
            this.task = task;
        }

        public void start(Consumer<CancellationToken> work) {
            claim();
            task.work = work;
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                task.finished();
                throw new AsyncQueryException(ErrorCode.INTERNAL_ERROR, "The server is shutting down.", e);
            }
        }

        public void release() {
            claim();
            task.finished();
        }

        private void claim() {
            if (used) {
                throw new IllegalStateException("Admission already used");
            }
            used = true;
        }
    }

    /** One admitted query: QUEUED until a thread starts it or a cancel drops it, whichever comes first. */
    private final class Task implements Runnable {
        final QueryId id;
        final String owner;
        final CancellationToken token = new CancellationToken();
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile Consumer<CancellationToken> work;

        Task(QueryId id, String owner) {
            this.id = id;
            this.owner = owner;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, STARTED)) {
                return;
            }
            try {
                work.accept(token);
            } finally {
                finished();
            }
        }

        void finished() {
            places.release();
            releaseUser(owner);
            tasks.remove(id);
            done.countDown();
        }
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
