package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import org.apache.kylin.rest.asyncquery.store.QueryId;
import org.apache.kylin.rest.asyncquery.store.QueryStatus;

/** A query's status as the API reports it, with the documented {@code info} texts. */
public final class QueryState {
    static final String RUNNING_INFO = "still running";
    static final String SUCCESSFUL_INFO = "await fetching results";
    static final String MISSING_INFO = "no query with this ID is known";

    private final String queryId;
    private final QueryStatus status;
    private final String info;
    private final Long rows;
    private final Long bytes;

    QueryState(String queryId, QueryStatus status, String info) {
        this(queryId, status, info, null, null);
    }

    QueryState(String queryId, QueryStatus status, String info, Long rows, Long bytes) {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.status = requireNonNull(status, "status is null");
        this.info = requireNonNull(info, "info is null");
        this.rows = rows;
        this.bytes = bytes;
    }

    static QueryState running(QueryId id) {
        return new QueryState(id.toString(), QueryStatus.RUNNING, RUNNING_INFO);
    }

    static QueryState missing(String queryId) {
        return new QueryState(queryId, QueryStatus.MISSING, MISSING_INFO);
    }

    public String queryId() {
        return queryId;
    }

    public QueryStatus status() {
        return status;
    }

    public String info() {
        return info;
    }

    /** The result's row count, for a SUCCESSFUL query; null otherwise. */
    public Long rows() {
        return rows;
    }

    /** The result's byte count (what {@code filestatus} answers), for a SUCCESSFUL query; null otherwise. */
    public Long bytes() {
        return bytes;
    }
}
