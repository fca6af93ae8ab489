package org.apache.kylin.rest.asyncquery.api;

import org.apache.kylin.rest.asyncquery.service.QueryState;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code data} of submit and status answers: {@code {"queryID","status","info"}}, spelled as Kylin does. */
@JsonPropertyOrder({"queryID", "status", "info"})
public final class QueryStatusResponse {
    private final String queryId;
    private final String status;
    private final String info;

    private QueryStatusResponse(String queryId, String status, String info) {
        this.queryId = queryId;
        this.status = status;
        this.info = info;
    }

    public static QueryStatusResponse of(QueryState state) {
        return new QueryStatusResponse(state.queryId(), state.status().name(), state.info());
    }

    @JsonProperty("queryID")
    public String getQueryId() {
        return queryId;
    }

    @JsonProperty("status")
    public String getStatus() {
        return status;
    }

    @JsonProperty("info")
    public String getInfo() {
        return info;
    }
}
