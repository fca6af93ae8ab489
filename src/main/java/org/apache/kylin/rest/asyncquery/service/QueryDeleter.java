package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * Deletes queries a requester may change: one by its ID, all of them, or the finished ones older than a time. A
 * query still running is cancelled first; each deletion frees its owner's quota.
 */
public final class QueryDeleter {
    private final QueryAccess access;
    private final ResultStore store;
    private final QueryCatalog catalog;
    private final QueryRemover remover;
    private final UserQuotas quotas;

    public QueryDeleter(QueryAccess access, ResultStore store, QueryCatalog catalog, QueryRemover remover,
            UserQuotas quotas) {
        this.access = requireNonNull(access, "access is null");
        this.store = requireNonNull(store, "store is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** Cancels the query if it is still running, then deletes its files. */
    public void delete(Requester requester, QueryId id) {
        access.require(requester, id);
        remover.remove(id);
        quotas.invalidate();
    }

    /** Deletes every query's results for an administrator, and the requester's own for anyone else. */
    public void deleteAll(Requester requester) {
        List<QueryId> doomed = new ArrayList<>();
        for (QueryId id : store.listQueryIds()) {
            Optional<QueryRecord> record = store.findRecord(id);
            // An administrator also takes folders without a readable record.
            boolean mine = record.isPresent() && access.mayAccess(requester, record.get());
            if (mine || requester.isAdmin()) {
                doomed.add(id);
            }
        }
        remover.removeAll(doomed);
        quotas.invalidate();
    }

    /**
     * Deletes the finished queries submitted before {@code cutoffMillis} that the requester may access, and says
     * how many. Queries still running on a live server are kept.
     */
    public int deleteOlderThan(Requester requester, long cutoffMillis) {
        List<QueryId> doomed = new ArrayList<>();
        for (QuerySummary summary : catalog.all()) {
            QueryRecord record = summary.record();
            if (summary.status() != QueryStatus.RUNNING && record.submittedAtMillis() < cutoffMillis
                    && access.mayAccess(requester, record)) {
                doomed.add(record.queryId());
            }
        }
        remover.removeAll(doomed);
        quotas.invalidate();
        return doomed.size();
    }
}
