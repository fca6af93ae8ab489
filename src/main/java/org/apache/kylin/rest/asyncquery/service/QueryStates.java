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

/**
 * Tells a query's true state from the shared working directory, so every server gives the same answer. An
 * unfinished query whose server stopped (no heartbeat within the timeout, or it restarted, or it lost the query)
 * is FAILED, and that outcome is recorded so the answer never flips back.
 */
public final class QueryStates {
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

    /** The query's outcome if it has ended (including by its server's loss), or empty while it runs. */
    public Optional<QueryOutcome> outcome(QueryRecord record) {
        QueryId id = record.queryId();
        Optional<QueryOutcome> known = outcomes.unrecorded(id);
        if (known.isPresent()) {
            return known;
        }
        Optional<QueryOutcome> recorded = store.findOutcome(id);
        if (recorded.isPresent()) {
            return recorded;
        }
        Optional<String> lost = lostReason(record);
        if (!lost.isPresent()) {
            return Optional.empty();
        }
        // Look once more: the query may have ended between the first reads and the liveness check, with its
        // outcome written or, when the file system refused it, kept here.
        known = outcomes.unrecorded(id);
        if (known.isPresent()) {
            return known;
        }
        recorded = store.findOutcome(id);
        if (recorded.isPresent()) {
            return recorded;
        }
        QueryOutcome failed = new QueryOutcome(QueryStatus.FAILED, lost.get(), clock.millis());
        outcomes.record(id, failed);
        store.discardUnfinishedWrites(id);
        return Optional.of(store.findOutcome(id).orElse(failed));
    }

    /** Why the query can no longer finish, or empty if its server is alive and still has it. */
    private Optional<String> lostReason(QueryRecord record) {
        if (record.node().equals(nodeId)) {
            // Every query this process started is active until it records an outcome, so this one predates a restart.
            return executor.isActive(record.queryId()) ? Optional.empty()
                    : Optional.of(ClusterHeartbeat.restartedReason(nodeId));
        }
        OptionalLong lastBeat = heartbeats.lastBeat(record.node());
        long silentMillis = clock.millis() - (lastBeat.isPresent() ? lastBeat.getAsLong() : record.submittedAtMillis());
        if (silentMillis <= heartbeatTimeoutMillis) {
            return Optional.empty();
        }
        return Optional.of("The server '" + record.node() + "' running this query stopped responding: no heartbeat for "
                + silentMillis / 1000 + " s (limit " + heartbeatTimeoutMillis / 1000 + " s).");
    }
}
