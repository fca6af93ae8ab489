package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps old results from filling the cluster: on a schedule it deletes finished queries older than the retention
 * period, then the oldest finished ones while the number kept or their total size is over its cap. A query that is
 * still running on a live server is never touched; one whose server died counts as finished (FAILED).
 *
 * <p>Thread-safe: it keeps no state of its own; its passes run on its own single thread.
 */
public final class ResultCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultCleaner.class);

    private final QueryCatalog catalog;
    private final QueryRemover remover;
    private final LongSupplier untrackedBytes;
    private final RetentionPolicy policy;
    private final long intervalMillis;
    private final Clock clock;
    private final AsyncQueryMetrics metrics;
    private final Runnable indexSweep;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("async-query-cleaner-"));

    /**
     * @param untrackedBytes bytes the working directory holds outside any query (names pinned for a download of
     *        a since-deleted result), counted against the byte cap before any query
     */
    public ResultCleaner(QueryCatalog catalog, QueryRemover remover, LongSupplier untrackedBytes,
            RetentionPolicy policy, long intervalMillis, Clock clock, AsyncQueryMetrics metrics) {
        this(catalog, remover, untrackedBytes, policy, intervalMillis, clock, metrics, () -> { });
    }

    /**
     * @param indexSweep removes index entries (client request IDs, reuse) whose query is gone, after each pass;
     *        submits also remove such entries when they meet them, so this only keeps the indexes from growing
     */
    public ResultCleaner(QueryCatalog catalog, QueryRemover remover, LongSupplier untrackedBytes,
            RetentionPolicy policy, long intervalMillis, Clock clock, AsyncQueryMetrics metrics,
            Runnable indexSweep) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.untrackedBytes = requireNonNull(untrackedBytes, "untrackedBytes is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.intervalMillis = intervalMillis;
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.indexSweep = requireNonNull(indexSweep, "indexSweep is null");
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::cleanQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** One cleaning pass; returns how many queries it deleted. */
    public int clean() {
        List<QuerySummary> doomed = policy.toDelete(finishedNewestFirst(), untrackedBytes.getAsLong(),
                clock.millis());
        for (QuerySummary summary : doomed) {
            remover.remove(summary.record().queryId());
            metrics.resultCleaned();
        }
        if (!doomed.isEmpty()) {
            LOG.info("Result cleaner deleted {} queries", doomed.size());
        }
        try {
            indexSweep.run();
        } catch (RuntimeException e) {
            LOG.warn("Sweeping the client request and reuse indexes failed; will try again: {}", e.toString());
        }
        return doomed.size();
    }

    private List<QuerySummary> finishedNewestFirst() {
        List<QuerySummary> finished = new ArrayList<>();
        for (QuerySummary summary : catalog.all()) {
            if (summary.status() != QueryStatus.RUNNING) {
                finished.add(summary);
            }
        }
        return finished;
    }

    private void cleanQuietly() {
        try {
            clean();
        } catch (RuntimeException e) {
            LOG.warn("Result cleaning failed; will try again: {}", e.toString());
        }
    }
}
