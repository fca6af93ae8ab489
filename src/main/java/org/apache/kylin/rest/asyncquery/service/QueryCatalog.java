package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.store.QueryFolderGoneException;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/** Every query in the shared working directory, newest first, with its true state: for listing and cleaning. */
public final class QueryCatalog {
    private final ResultStore store;
    private final QueryStates states;

    public QueryCatalog(ResultStore store, QueryStates states) {
        this.store = requireNonNull(store, "store is null");
        this.states = requireNonNull(states, "states is null");
    }

    public List<QuerySummary> all() {
        List<QuerySummary> summaries = new ArrayList<>();
        for (QueryId id : store.listQueryIds()) {
            try {
                Optional<QueryRecord> record = store.findRecord(id);
                if (record.isPresent()) {
                    summaries.add(summarize(record.get()));
                }
            } catch (QueryFolderGoneException e) {
                // Deleted while we looked: it is simply no longer there.
            }
        }
        summaries.sort(Comparator.comparingLong((QuerySummary s) -> s.record().submittedAtMillis()).reversed());
        return summaries;
    }

    private QuerySummary summarize(QueryRecord record) {
        Optional<QueryOutcome> outcome = states.outcome(record);
        if (!outcome.isPresent()) {
            return new QuerySummary(record, QueryStatus.RUNNING, QueryState.RUNNING_INFO, null, null);
        }
        QueryOutcome done = outcome.get();
        // The outcome's byte count, so listing every query lists no folder (older outcomes lack it: listed then);
        // before any compression at rest, as filestatus counts it.
        Long bytes = done.status() != QueryStatus.SUCCESSFUL ? null
                : done.bytes() != null ? done.uncompressedBytes() : store.result(record.queryId(), done).size();
        return new QuerySummary(record, done.status(), done.info(), done.finishedAtMillis(), bytes);
    }
}
