package org.apache.kylin.rest.asyncquery.api;

import org.apache.kylin.rest.asyncquery.service.QueryState;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code data} of submit and status answers: {@code {"queryID","status","info"}}, spelled as Kylin does, plus the result's size once SUCCESSFUL. */
@JsonPropertyOrder({"queryID", "status", "info", "result_rows", "result_bytes"})
public final class QueryStatusResponse {
    private final QueryState state;

    private QueryStatusResponse(QueryState state) {
        this.state = state;
    }

    public static QueryStatusResponse of(QueryState state) {
        return new QueryStatusResponse(state);
    }

    @JsonProperty("queryID")
    public String getQueryId() {
        return state.queryId();
    }

    @JsonProperty("status")
    public String getStatus() {
        return state.status().name();
    }

    @JsonProperty("info")
    public String getInfo() {
        return state.info();
    }

    /** Added to Kylin's shape, and only for a SUCCESSFUL query: the result's row count. */
    @JsonProperty("result_rows")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long getResultRows() {
        return state.rows();
    }

    /** Added to Kylin's shape, and only for a SUCCESSFUL query: the result's bytes, as filestatus counts them. */
    @JsonProperty("result_bytes")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long getResultBytes() {
        return state.bytes();
    }
}
