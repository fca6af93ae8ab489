package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * How a query ended: SUCCESSFUL or FAILED, with the text shown as the status's {@code info}. Written once; the
 * first outcome committed for a query is the one that stands.
 */
public final class QueryOutcome {
    private final QueryStatus status;
    private final String info;
    private final long finishedAtMillis;
    private final Long rows;
    private final Long bytes;

    public QueryOutcome(QueryStatus status, String info, long finishedAtMillis) {
        this(status, info, finishedAtMillis, null, null);
    }

    /** An outcome with the result's row and byte counts, which a SUCCESSFUL query has and a FAILED one lacks. */
    @JsonCreator
    public QueryOutcome(@JsonProperty("status") QueryStatus status, @JsonProperty("info") String info,
            @JsonProperty("finished_at") long finishedAtMillis, @JsonProperty("rows") Long rows,
            @JsonProperty("bytes") Long bytes) {
        if (!requireNonNull(status, "status is null").isTerminal()) {
            throw new IllegalArgumentException("An outcome is SUCCESSFUL or FAILED, not " + status);
        }
        this.status = status;
        this.info = requireNonNull(info, "info is null");
        this.finishedAtMillis = finishedAtMillis;
        this.rows = rows;
        this.bytes = bytes;
    }

    @JsonProperty("status")
    public QueryStatus status() {
        return status;
    }

    @JsonProperty("info")
    public String info() {
        return info;
    }

    @JsonProperty("finished_at")
    public long finishedAtMillis() {
        return finishedAtMillis;
    }

    /** Rows in the result, for a SUCCESSFUL query; null otherwise. */
    @JsonProperty("rows")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long rows() {
        return rows;
    }

    /** Bytes in the result file, for a SUCCESSFUL query; null otherwise. */
    @JsonProperty("bytes")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long bytes() {
        return bytes;
    }
}
