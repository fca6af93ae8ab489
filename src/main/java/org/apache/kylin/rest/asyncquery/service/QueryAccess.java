package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/**
 * Where the one access rule ({@link AccessPolicy}) is applied: loads a query's record and refuses a requester who
 * may not see or change it. Every call about one query (reading it, stopping it, deleting it) comes through here,
 * so no endpoint can forget the check.
 */
public final class QueryAccess {
    private final ResultStore store;
    private final AccessPolicy policy;

    public QueryAccess(ResultStore store, AccessPolicy policy) {
        this.store = requireNonNull(store, "store is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    /**
     * The query's record, or empty when nothing is known of it.
     *
     * @throws AsyncQueryException ACCESS_DENIED when the query is someone else's and the requester no administrator
     */
    public Optional<QueryRecord> find(Requester requester, QueryId id) {
        Optional<QueryRecord> record = store.findRecord(id);
        if (record.isPresent()) {
            check(requester, record.get());
        }
        return record;
    }

    /**
     * The query's record.
     *
     * @throws AsyncQueryException QUERY_NOT_FOUND when nothing is known of it, ACCESS_DENIED as {@link #find}
     */
    public QueryRecord require(Requester requester, QueryId id) {
        return find(requester, id).orElseThrow(
                () -> new AsyncQueryException(ErrorCode.QUERY_NOT_FOUND, "No query with ID " + id + " is known."));
    }

    /** Whether the requester may see or change this query; for lists, which skip what they may not. */
    public boolean mayAccess(Requester requester, QueryRecord record) {
        return policy.mayAccess(requester, record);
    }

    /** Refuses a download the export switches forbid (ACCESS_DENIED); the record already passed {@link #require}. */
    public void checkDownload(Requester requester, QueryRecord record) {
        Optional<String> refusal = policy.downloadRefusal(requester, record);
        if (refusal.isPresent()) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, refusal.get());
        }
    }

    private void check(Requester requester, QueryRecord record) {
        if (!policy.mayAccess(requester, record)) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, "User '" + requester.name()
                    + "' may not access query " + record.queryId()
                    + ": only its submitter or an administrator may.");
        }
    }
}
