package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's part in sharing a working directory. At start it fails the queries it owned before a restart;
 * then, every interval, it renews its heartbeat, stops local queries that another server deleted or stopped, and
 * retries outcomes the file system refused.
 */
public final class ClusterHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHeartbeat.class);

    private final ResultStore store;
    private final NodeHeartbeats heartbeats;
    private final QueryExecutor executor;
    private final OutcomeRecorder outcomes;
    private final String nodeId;
    private final long intervalMillis;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "async-query-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterHeartbeat(ResultStore store, NodeHeartbeats heartbeats, QueryExecutor executor,
            OutcomeRecorder outcomes, String nodeId, long intervalMillis, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.intervalMillis = intervalMillis;
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void start() {
        beat();
        sweepPins();
        scheduler.execute(this::failOwnOrphans);
        scheduler.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    void tick() {
        beat();
        sweepPins();
        stopQueriesEndedElsewhere();
        outcomes.retryUnrecorded();
    }

    /** Names pinned for a download are swept a minute after, so a deleted result's bytes do not linger. */
    private void sweepPins() {
        try {
            store.sweepPins(clock.millis());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not sweep the names pinned for downloads", e);
        }
    }

    private void beat() {
        try {
            heartbeats.beat(nodeId, clock.millis());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not renew the heartbeat of server '{}': {}", nodeId, e.toString());
        }
    }

    /**
     * A query deleted or stopped through another server has lost its folder or gained an outcome: stop it. Any
     * other has its progress written, so every server can report it.
     */
    private void stopQueriesEndedElsewhere() {
        for (QueryId id : executor.activeQueries()) {
            try {
                if (!store.exists(id) || store.findOutcome(id).isPresent()) {
                    executor.cancel(id, 0);
                } else {
                    Optional<QueryProgress> current = executor.progress(id);
                    if (current.isPresent()) {
                        store.writeProgress(id, current.get());
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not check query {}", id, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String restartedReason(String nodeId) {
        return "The server '" + nodeId + "' restarted while the query was running.";
    }

    /** Unfinished queries recorded under this node's name that this process does not run were lost in a restart. */
    void failOwnOrphans() {
        try {
            for (QueryId id : store.listQueryIds()) {
                Optional<QueryRecord> record = store.findRecord(id);
                if (record.isPresent() && record.get().node().equals(nodeId) && !executor.isActive(id)
                        && !store.findOutcome(id).isPresent()) {
                    outcomes.record(id, new QueryOutcome(QueryStatus.FAILED, restartedReason(nodeId), clock.millis()));
                    store.discardUnfinishedWrites(id);
                    LOG.info("Marked query {} FAILED: it was running when server '{}' stopped", id, nodeId);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not check for queries left over from before a restart: {}", e.toString());
        }
    }
}
