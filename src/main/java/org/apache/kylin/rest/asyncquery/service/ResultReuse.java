package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.store.IndexEntry;
import org.apache.kylin.rest.asyncquery.store.QueryIndex;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Result reuse, when configured ({@code kylin.query.async.reuse-minutes}): a submit equal to a SUCCESSFUL query of
 * the same user submitted within the window answers that query instead of running again. Each new query is
 * remembered in the store's {@link QueryIndex} under its user and what it asked, so a submit reads one small file
 * instead of every record; what the index says is checked against the query's own record and outcome.
 *
 * <p>Thread-safe: it keeps no state of its own.
 */
public final class ResultReuse {
    private static final Logger LOG = LoggerFactory.getLogger(ResultReuse.class);

    private final QueryIndex index;
    private final ResultStore store;
    private final QueryStates states;
    private final long windowMillis;
    private final Clock clock;

    /** @param windowMillis how old a reused query may be; 0 turns reuse off */
    public ResultReuse(QueryIndex index, ResultStore store, QueryStates states, long windowMillis, Clock clock) {
        this.index = requireNonNull(index, "index is null");
        this.store = requireNonNull(store, "store is null");
        this.states = requireNonNull(states, "states is null");
        this.windowMillis = windowMillis;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The record of a SUCCESSFUL query of {@code owner}'s that asked exactly this, submitted within the window. */
    Optional<QueryRecord> find(String owner, SubmitRequest request) {
        if (windowMillis <= 0) {
            return Optional.empty();
        }
        Optional<IndexEntry> entry = index.find(QueryIndex.Kind.REUSE, owner, SameRequest.fingerprint(request));
        if (!entry.isPresent()) {
            return Optional.empty();
        }
        Optional<QueryRecord> record = store.findRecord(entry.get().queryId());
        if (!record.isPresent() || !record.get().owner().equals(owner) || !SameRequest.matches(record.get(), request)
                || clock.millis() - record.get().submittedAtMillis() >= windowMillis) {
            return Optional.empty();
        }
        Optional<QueryOutcome> outcome = states.outcome(record.get());
        return outcome.isPresent() && outcome.get().status() == QueryStatus.SUCCESSFUL ? record : Optional.empty();
    }

    /**
     * Remembers a query just started as the newest for what it asks. Best effort: the query runs whether or not
     * the index takes it.
     */
    void remember(QueryRecord record) {
        if (windowMillis <= 0) {
            return;
        }
        try {
            index.put(QueryIndex.Kind.REUSE, record.owner(), SameRequest.fingerprint(record), record.queryId(),
                    clock.millis());
        } catch (RuntimeException e) {
            LOG.warn("Could not remember query {} for reuse: {}", record.queryId(), e.toString());
        }
    }

    /** Removes entries whose query is gone or past the window (all of them when reuse is off). For the cleaner. */
    public int sweep() {
        int removed = 0;
        long now = clock.millis();
        for (IndexEntry entry : index.list(QueryIndex.Kind.REUSE)) {
            boolean expired = windowMillis <= 0 || now - entry.createdAtMillis() >= windowMillis;
            if ((expired || !store.exists(entry.queryId())) && index.release(entry)) {
                removed++;
            }
        }
        return removed;
    }
}
