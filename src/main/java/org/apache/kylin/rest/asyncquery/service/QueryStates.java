package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a query's true state from the shared working directory, so every server gives the same answer. This is
 * the one place of the orphan rule: an unfinished query whose server stopped (no heartbeat within the timeout, or
 * it restarted, or it lost the query) is FAILED, and that outcome is recorded so the answer never flips back.
 *
 * <p>Thread-safe: it keeps no state of its own.
 */
public final class QueryStates {
    private static final Logger LOG = LoggerFactory.getLogger(QueryStates.class);

    private final ResultStore store;
    private final NodeHeartbeats heartbeats;
    private final QueryExecutor executor;
    private final OutcomeRecorder outcomes;
    private final String nodeId;
    private final long heartbeatTimeoutMillis;
    private final Clock clock;

    public QueryStates(ResultStore store, NodeHeartbeats heartbeats, QueryExecutor executor, OutcomeRecorder outcomes,
            String nodeId, long heartbeatTimeoutMillis, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
        this.clock = requireNonNull(clock, "clock is null");
    }

    static String restartedReason(String nodeId) {
        return "The server '" + nodeId + "' restarted while the query was running.";
    }

    /** The query's outcome if it has ended (including by its server's loss), or empty while it runs. */
    public Optional<QueryOutcome> outcome(QueryRecord record) {
        QueryId id = record.queryId();
        Optional<QueryOutcome> known = knownOutcome(id);
        if (known.isPresent()) {
            return known;
        }
        Optional<String> lost = lostReason(record);
        if (!lost.isPresent()) {
            return Optional.empty();
        }
        // Look once more: the query may have ended between the first reads and the liveness check, with its
        // outcome written or, when the file system refused it, kept here.
        known = knownOutcome(id);
        if (known.isPresent()) {
            return known;
        }
        return Optional.of(failLost(id, lost.get()));
    }

    /**
     * Applies the rule at start-up to every query recorded under this server's name, so that those it ran before
     * a restart are FAILED at once rather than when someone asks.
     */
    public void failOwnOrphans() {
        for (QueryId id : store.listQueryIds()) {
            try {
                Optional<QueryRecord> record = store.findRecord(id);
                if (record.isPresent() && record.get().node().equals(nodeId)) {
                    outcome(record.get());
                }
            } catch (RuntimeException e) {
                // Deleted while we looked, or unreadable: the next look at it applies the rule again.
                LOG.debug("Could not check query {} for a restart", id, e);
            }
        }
    }

    /** An outcome this server knows but could not write yet, else the one in the working directory. */
    private Optional<QueryOutcome> knownOutcome(QueryId id) {
        Optional<QueryOutcome> unrecorded = outcomes.unrecorded(id);
        return unrecorded.isPresent() ? unrecorded : store.findOutcome(id);
    }

    /** Why the query can no longer finish, or empty if its server is alive and still has it. */
    private Optional<String> lostReason(QueryRecord record) {
        if (record.node().equals(nodeId)) {
            // Every query this process started is active until it records an outcome, so this one predates a restart.
            return executor.isActive(record.queryId()) ? Optional.empty() : Optional.of(restartedReason(nodeId));
        }
        OptionalLong lastBeat = heartbeats.lastBeat(record.node());
        long silentMillis = clock.millis() - (lastBeat.isPresent() ? lastBeat.getAsLong() : record.submittedAtMillis());
        if (silentMillis <= heartbeatTimeoutMillis) {
            return Optional.empty();
        }
        return Optional.of("The server '" + record.node() + "' running this query stopped responding: no heartbeat for "
                + silentMillis / 1000 + " s (limit " + heartbeatTimeoutMillis / 1000 + " s).");
    }

    /** Records the loss (unless another outcome got there first) and clears what the lost writer left behind. */
    private QueryOutcome failLost(QueryId id, String reason) {
        QueryOutcome failed = new QueryOutcome(QueryStatus.FAILED, reason, clock.millis());
        if (outcomes.record(id, failed)) {
            LOG.info("Marked query {} FAILED: {}", id, reason);
        }
        store.discardUnfinishedWrites(id);
        return store.findOutcome(id).orElse(failed);
    }
}
