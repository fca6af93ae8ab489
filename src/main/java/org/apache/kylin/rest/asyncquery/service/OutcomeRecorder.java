package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kylin.rest.asyncquery.store.QueryFolderGoneException;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how queries ended. When the working directory cannot take an outcome (it failed in the middle of the
 * query), the outcome is kept here, answered by this server, and written again on every heartbeat until it lands.
 *
 * <p>Thread-safe: the outcomes not yet written are in a concurrent map. It is apart from the executor's record of
 * each local query because it outlives it, and because it also holds outcomes of queries that ran elsewhere (a stop
 * sent here, a lost server's query failed here).
 */
public final class OutcomeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final ResultStore store;
    private final Map<QueryId, QueryOutcome> unrecorded = new ConcurrentHashMap<>();

    public OutcomeRecorder(ResultStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Records the outcome unless one is there already; returns whether this one stands. */
    public boolean record(QueryId id, QueryOutcome outcome) {
        try {
            boolean recorded = store.recordOutcome(id, outcome);
            unrecorded.remove(id);
            return recorded;
        } catch (QueryFolderGoneException e) {
            unrecorded.remove(id);
            return false;
        } catch (RuntimeException e) {
            LOG.warn("Could not record outcome {} of query {}; will retry: {}", outcome.status(), id, e.toString());
            unrecorded.put(id, outcome);
            return true;
        }
    }

    /** An outcome this server knows but could not write yet. */
    public Optional<QueryOutcome> unrecorded(QueryId id) {
        return Optional.ofNullable(unrecorded.get(id));
    }

    /** Tries again to write every outcome that did not land. */
    public void retryUnrecorded() {
        for (Map.Entry<QueryId, QueryOutcome> entry : unrecorded.entrySet()) {
            record(entry.getKey(), entry.getValue());
        }
    }
}
