package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's part in sharing a working directory. At start it fails the queries it owned before a restart (by
 * the orphan rule of {@link QueryStates}); then, every interval, it renews its heartbeat, stops local queries that
 * another server deleted or stopped, publishes the progress of the others, and retries outcomes the file system
 * refused.
 *
 * <p>Thread-safe: its work runs on its own single thread, and what it reads is thread-safe.
 */
public final class ClusterHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHeartbeat.class);

    private final ResultStore store;
    private final NodeHeartbeats heartbeats;
    private final QueryExecutor executor;
    private final OutcomeRecorder outcomes;
    private final QueryStates states;
    private final String nodeId;
    private final long intervalMillis;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("async-query-heartbeat-"));

    public ClusterHeartbeat(ResultStore store, NodeHeartbeats heartbeats, QueryExecutor executor,
            OutcomeRecorder outcomes, QueryStates states, String nodeId, long intervalMillis, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.states = requireNonNull(states, "states is null");
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
        } catch (RuntimeException e) {
            LOG.debug("Could not sweep the names pinned for downloads", e);
        }
    }

    private void beat() {
        try {
            heartbeats.beat(nodeId, clock.millis());
        } catch (RuntimeException e) {
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
            } catch (RuntimeException e) {
                LOG.debug("Could not check query {}", id, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Unfinished queries recorded under this node's name that this process does not run were lost in a restart. */
    void failOwnOrphans() {
        try {
            states.failOwnOrphans();
        } catch (RuntimeException e) {
            LOG.warn("Could not check for queries left over from before a restart: {}", e.toString());
        }
    }
}
