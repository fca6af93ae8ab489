package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a query ended: SUCCESSFUL or FAILED, with the text shown as the status's {@code info}. Written once; the
 * first outcome committed for a query is the one that stands.
 */
public final class QueryOutcome {
    private final QueryStatus status;
    private final String info;
    private final long finishedAtMillis;

    @JsonCreator
    public QueryOutcome(@JsonProperty("status") QueryStatus status, @JsonProperty("info") String info,
            @JsonProperty("finished_at") long finishedAtMillis) {
        if (!requireNonNull(status, "status is null").isTerminal()) {
            throw new IllegalArgumentException("An outcome is SUCCESSFUL or FAILED, not " + status);
        }
        this.status = status;
        this.info = requireNonNull(info, "info is null");
        this.finishedAtMillis = finishedAtMillis;
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
}
