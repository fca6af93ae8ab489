package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * Stops a running query without deleting it: it ends FAILED, "cancelled by" the requester. The server running it,
 * this one or another, stops its work at once or at its next heartbeat.
 */
public final class QueryStopper {
    /** Most work stops at its next row; waiting a moment makes the answer after a stop usually final. */
    private static final long STOP_WAIT_MILLIS = 3_000;

    private final QueryAccess access;
    private final QueryStates states;
    private final OutcomeRecorder outcomes;
    private final QueryExecutor executor;
    private final Clock clock;

    public QueryStopper(QueryAccess access, QueryStates states, OutcomeRecorder outcomes, QueryExecutor executor,
            Clock clock) {
        this.access = requireNonNull(access, "access is null");
        this.states = requireNonNull(states, "states is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Records the query FAILED, "cancelled by" the requester, and stops its work.
     *
     * @throws AsyncQueryException QUERY_NOT_RUNNING when it had finished first, however close the race
     */
    public void stop(Requester requester, QueryId id) {
        QueryRecord record = access.require(requester, id);
        Optional<QueryOutcome> outcome = states.outcome(record);
        if (outcome.isPresent()) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_RUNNING, "Query " + id + " has already finished ("
                    + outcome.get().status() + "); there is nothing to stop.");
        }
        if (!outcomes.record(id, new QueryOutcome(QueryStatus.FAILED, "cancelled by " + requester.name(),
                clock.millis()))) {
            // The query finished (or was stopped by someone else) between the look above and this write.
            QueryOutcome first = states.outcome(record).orElse(null);
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_RUNNING, "Query " + id + " has already finished"
                    + (first == null ? "" : " (" + first.status() + ")") + "; there is nothing to stop.");
        }
        try {
            executor.cancel(id, STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
