package org.apache.kylin.rest.asyncquery.api;

import org.apache.kylin.rest.asyncquery.service.QuerySummary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One row of the listing. Times are epoch milliseconds, as elsewhere in Kylin; absent values are null. */
@JsonPropertyOrder({"queryID", "project", "owner", "status", "info", "submit_time", "finish_time", "file_size"})
public final class QuerySummaryResponse {
    private final QuerySummary summary;

    private QuerySummaryResponse(QuerySummary summary) {
        this.summary = summary;
    }

    public static QuerySummaryResponse of(QuerySummary summary) {
        return new QuerySummaryResponse(summary);
    }

    @JsonProperty("queryID")
    public String getQueryId() {
        return summary.record().queryId().toString();
    }

    @JsonProperty("project")
    public String getProject() {
        return summary.record().project();
    }

    @JsonProperty("owner")
    public String getOwner() {
        return summary.record().owner();
    }

    @JsonProperty("status")
    public String getStatus() {
        return summary.status().name();
    }

    @JsonProperty("info")
    public String getInfo() {
        return summary.info();
    }

    @JsonProperty("submit_time")
    public long getSubmitTime() {
        return summary.record().submittedAtMillis();
    }

    @JsonProperty("finish_time")
    public Long getFinishTime() {
        return summary.finishedAtMillis();
    }

    @JsonProperty("file_size")
    public Long getFileSize() {
        return summary.resultBytes();
    }
}
