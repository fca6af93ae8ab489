package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/** A query's status as the API reports it, with the documented {@code info} texts. Immutable. */
public final class QueryState {
    static final String RUNNING_INFO = "still running";
    static final String SUCCESSFUL_INFO = "await fetching results";
    static final String STILL_STOPPING_INFO = "(It is still stopping: the engine has not yet given back its thread, "
            + "so the query still counts against the server's threads and the user's limits.)";
    static final String MISSING_INFO = "no query with this ID is known";

    private final String queryId;
    private final QueryStatus status;
    private final String info;
    private final Long rows;
    private final Long bytes;
    private final Long storedBytes;
    private final Long submittedAtMillis;
    private final QueryProgress progress;

    QueryState(String queryId, QueryStatus status, String info) {
        this(queryId, status, info, null, null);
    }

    QueryState(String queryId, QueryStatus status, String info, Long rows, Long bytes) {
        this(queryId, status, info, rows, bytes, null, null, null);
    }

    /** An ended query; {@code storedBytes} only for a result stored compressed, whose {@code bytes} are its text's. */
    QueryState(String queryId, QueryStatus status, String info, Long rows, Long bytes, Long storedBytes) {
        this(queryId, status, info, rows, bytes, storedBytes, null, null);
    }

    private QueryState(String queryId, QueryStatus status, String info, Long rows, Long bytes, Long storedBytes,
            Long submittedAtMillis, QueryProgress progress) {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.status = requireNonNull(status, "status is null");
        this.info = requireNonNull(info, "info is null");
        this.rows = rows;
        this.bytes = bytes;
        this.storedBytes = storedBytes;
        this.submittedAtMillis = submittedAtMillis;
        this.progress = progress;
    }

    /** A RUNNING query with what is known of its progress (null when nothing is yet). */
    static QueryState running(QueryId id, long submittedAtMillis, QueryProgress progress) {
        return new QueryState(id.toString(), QueryStatus.RUNNING, RUNNING_INFO, null, null, null, submittedAtMillis,
                progress);
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

    /** When it was submitted, for a RUNNING query; null otherwise. */
    public Long submittedAtMillis() {
        return submittedAtMillis;
    }

    /** Its progress, for a RUNNING query whose server has reported some; null otherwise. */
    public QueryProgress progress() {
        return progress;
    }

    /** The result's row count, for a SUCCESSFUL query; null otherwise. */
    public Long rows() {
        return rows;
    }

    /** The result's byte count (what {@code filestatus} answers), for a SUCCESSFUL query; null otherwise. */
    public Long bytes() {
        return bytes;
    }

    /** For a result stored compressed, its bytes as stored (fewer than {@link #bytes}); null otherwise. */
    public Long storedBytes() {
        return storedBytes;
    }
}
