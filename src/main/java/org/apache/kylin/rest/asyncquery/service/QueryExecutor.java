package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.metrics.QueryEnding;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queries on a fixed number of threads with a bounded number waiting. A query is admitted before anything is
 * written for it, so a full server refuses cleanly instead of leaving files behind. Threads are shared fairly: the
 * next query to start is taken from the waiting users in turn, and no user runs more than their share at once. A
 * query that runs past the time limit is reported to the overrun listener and cancelled.
 *
 * <p>Thread-safe. Each admitted query is one {@link LocalQuery} in one concurrent map, from its admission until its
 * work has returned; the queue and the counts below are guarded by this executor's lock.
 *
 * <p>A query holds its place (its thread, and its count against the user) until its work has really returned,
 * whatever was asked of it: a cancelled query stuck inside the engine is still "stopping", never reported free.
 */
public final class QueryExecutor implements AutoCloseable {
    /** The names of the threads queries run on: this prefix and a count from 1. */
    public static final String THREAD_NAME_PREFIX = "async-query-";
    private static final Logger LOG = LoggerFactory.getLogger(QueryExecutor.class);

    private final int threads;
    private final int places;
    private final int maxPerUser;
    private final long maxRunMillis;
    private final Consumer<QueryId> overrun;
    private final AsyncQueryMetrics metrics;
    private final ExecutorService pool;
    private final ScheduledExecutorService watchdog;
    // The one record of each query admitted here; concurrent, so that status lookups take no lock.
    private final ConcurrentMap<QueryId, LocalQuery> queries = new ConcurrentHashMap<>();

    // Guarded by this: the waiting queries, the counts of admitted and running ones, and whether closed.
    private final FairQueue<LocalQuery> waiting;
    private final Map<String, Integer> admittedPerUser = new HashMap<>();
    private int admitted;
    private int running;
    private boolean closed;

    /** Without a run-time limit and with one user allowed every thread: for tests and tools. */
    public QueryExecutor(int threads, int queueSize, int maxPerUser) {
        this(threads, queueSize, maxPerUser, threads, 0, id -> { }, AsyncQueryMetrics.none(),
                DaemonThreads.named(THREAD_NAME_PREFIX));
    }

    /**
     * @param maxRunningPerUser how many of one user's queries may run at once (the rest of theirs wait)
     * @param maxRunMillis how long a query may run before it is cancelled; 0 for no limit
     * @param overrun told the ID of a query that ran too long, before it is cancelled
     * @param metrics told how each query admitted here ended
     * @param exportThreads makes the threads queries run on, such as {@link LowPriorityThreads}
     */
    public QueryExecutor(int threads, int queueSize, int maxPerUser, int maxRunningPerUser, long maxRunMillis,
            Consumer<QueryId> overrun, AsyncQueryMetrics metrics, ThreadFactory exportThreads) {
        if (threads < 1 || queueSize < 0 || maxPerUser < 1 || maxRunningPerUser < 1 || maxRunMillis < 0) {
            throw new IllegalArgumentException("threads, maxPerUser and maxRunningPerUser must be positive, "
                    + "queueSize and maxRunMillis not negative");
        }
        this.threads = threads;
        this.places = threads + queueSize;
        this.maxPerUser = maxPerUser;
        this.maxRunMillis = maxRunMillis;
        this.overrun = requireNonNull(overrun, "overrun is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.waiting = new FairQueue<>(maxRunningPerUser);
        this.pool = Executors.newFixedThreadPool(threads, requireNonNull(exportThreads, "exportThreads is null"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("async-query-watchdog-"));
    }

    /** The FAILED reason of a query stopped for running past {@code maxRunMillis}. */
    public static String overrunReason(long maxRunMillis) {
        return "The query ran longer than " + ConfigKey.MAX_RUN_SECONDS.key() + " allows (" + maxRunMillis / 1000
                + " s) and was stopped.";
    }

    /**
     * A place for query {@code id}, or a USER_LIMIT or QUEUE_FULL refusal. From here until it is released or
     * finishes, the query counts as active on this server, so nothing mistakes it for an orphan while its files
     * are written.
     */
    public synchronized Admission admit(QueryId id, String owner) {
        int mine = admittedPerUser.getOrDefault(owner, 0);
        if (mine >= maxPerUser) {
            throw new AsyncQueryException(ErrorCode.USER_LIMIT, "User '" + owner + "' already has " + maxPerUser
                    + " async queries running or waiting here, the most allowed ("
                    + ConfigKey.MAX_QUERIES_PER_USER.key() + "); try again when one has finished.");
        }
        if (admitted >= places) {
            throw new AsyncQueryException(ErrorCode.QUEUE_FULL,
                    "The server is already running and queueing as many async queries as it allows; try again later.");
        }
        admittedPerUser.put(owner, mine + 1);
        admitted++;
        LocalQuery query = new LocalQuery(id, owner);
        queries.put(id, query);
        return new Admission(query);
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
        LocalQuery query = queries.get(id);
        if (query == null) {
            return false;
        }
        query.cancellation().cancel();
        boolean droppedFromQueue;
        synchronized (this) {
            droppedFromQueue = waiting.remove(query.owner(), query);
        }
        if (droppedFromQueue) {
            metrics.queryEnded(QueryEnding.CANCELLED);
            finished(query, false);
        }
        return true;
    }

    /** Waits up to {@code waitMillis} for the query to stop here; true once it is not (or no longer) active. */
    public boolean awaitStopped(QueryId id, long waitMillis) throws InterruptedException {
        LocalQuery query = queries.get(id);
        return query == null || query.awaitFinished(waitMillis);
    }

    public boolean isActive(QueryId id) {
        return queries.containsKey(id);
    }

    /** Whether the query was asked to stop but its work has not returned yet: it still holds its thread. */
    public boolean isStopping(QueryId id) {
        LocalQuery query = queries.get(id);
        return query != null && query.cancellation().isCancelled();
    }

    /**
     * How far the query has got here: its rows and bytes once it runs, its place in the queue while it waits;
     * empty if it is not active here, or for the moment between leaving the queue and starting to write.
     */
    public Optional<QueryProgress> progress(QueryId id) {
        LocalQuery query = queries.get(id);
        if (query == null) {
            return Optional.empty();
        }
        Optional<QueryProgress> running = query.runningProgress();
        return running.isPresent() ? running : queuePosition(id).map(QueryProgress::queued);
    }

    /** How many queries wait here for a thread now. */
    public synchronized int queuedCount() {
        return waiting.size();
    }

    /** How many queries run on a thread here now. */
    public synchronized int runningCount() {
        return running;
    }

    /** 1 for the next query to start, 2 for the one after...; empty if the query does not wait here. */
    public synchronized Optional<Integer> queuePosition(QueryId id) {
        List<LocalQuery> order = waiting.startOrder();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).id().equals(id)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    /**
     * The queries handed their work here that have not finished. One merely admitted is left out: its folder is
     * created only after admission, and a check in between would take the missing folder for a delete.
     */
    public Set<QueryId> activeQueries() {
        Set<QueryId> active = new HashSet<>();
        for (LocalQuery query : queries.values()) {
            if (query.hasJob()) {
                active.add(query.id());
            }
        }
        return Collections.unmodifiableSet(active);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (LocalQuery query : queries.values()) {
            query.cancellation().cancel();
        }
        watchdog.shutdownNow();
        pool.shutdown();
        try {
            // Cancelled queries stop at their next row; this only bounds a shutdown stuck in a driver.
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    /** Starts waiting queries while threads are free, each user in turn. */
    private void startWaiting() {
        while (true) {
            LocalQuery next;
            synchronized (this) {
                if (closed || running >= threads) {
                    return;
                }
                Optional<FairQueue.Started<LocalQuery>> started = waiting.startNext();
                if (!started.isPresent()) {
                    return;
                }
                next = started.get().item;
                running++;
            }
            try {
                pool.execute(() -> run(next));
            } catch (RejectedExecutionException e) {
                // The pool is shutting down: the query never runs.
                metrics.queryEnded(QueryEnding.CANCELLED);
                finished(next, true);
            }
        }
    }

    /** A reserved place: either {@link #start} a query in it or {@link #release} it. */
    public final class Admission {
        private final LocalQuery query;
        private boolean used;

        private Admission(LocalQuery query) {
            this.query = query;
        }

        /** The admitted query, for the job that will run it to report its progress to. */
        LocalQuery query() {
            return query;
        }

        /** Hands the query its work; call once its folder and record exist. */
        public void start(Consumer<CancellationToken> work) {
            claim();
            query.assignJob(work);
            synchronized (QueryExecutor.this) {
                if (closed) {
                    finished(query, false);
                    throw new AsyncQueryException(ErrorCode.INTERNAL_ERROR, "The server is shutting down.");
                }
                waiting.add(query.owner(), query);
            }
            startWaiting();
        }

        public void release() {
            claim();
            finished(query, false);
        }

        private void claim() {
            if (used) {
                throw new IllegalStateException("Admission already used");
            }
            used = true;
        }
    }

    /** Runs a query taken from the queue on a pool thread, under the time limit. */
    private void run(LocalQuery query) {
        ScheduledFuture<?> timeLimit = maxRunMillis > 0
                ? watchdog.schedule(() -> overran(query), maxRunMillis, TimeUnit.MILLISECONDS) : null;
        long startNanos = System.nanoTime();
        try {
            query.runJob();
        } catch (RuntimeException | Error e) {
            // The job reports its own failures; anything reaching here must not cost the pool its thread.
            LOG.error("Async query {} ended with an unexpected error", query.id(), e);
        } finally {
            if (timeLimit != null) {
                timeLimit.cancel(false);
            }
            metrics.exportEnded(query.ending(), System.nanoTime() - startNanos, query.rowsWritten(),
                    query.bytesWritten());
            finished(query, true);
        }
    }

    private void overran(LocalQuery query) {
        if (query.cancellation().isCancelled()) {
            return;
        }
        LOG.info("Async query {} of user '{}' ran past {} ms; stopping it", query.id(), query.owner(), maxRunMillis);
        query.overran();
        try {
            overrun.accept(query.id());
        } finally {
            query.cancellation().cancel();
        }
    }

    /** Gives back the query's place (and its thread, if it ran): it is no longer active here. */
    private void finished(LocalQuery query, boolean started) {
        synchronized (this) {
            if (started) {
                running--;
                waiting.finished(query.owner());
            }
            admitted--;
            admittedPerUser.computeIfPresent(query.owner(), (name, count) -> count == 1 ? null : count - 1);
        }
        queries.remove(query.id());
        query.finished();
        startWaiting();
    }

}
