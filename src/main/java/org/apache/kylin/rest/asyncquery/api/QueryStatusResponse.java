package org.apache.kylin.rest.asyncquery.api;

import org.apache.kylin.rest.asyncquery.service.QueryState;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code data} of submit and status answers: {@code {"queryID","status","info"}}, spelled as Kylin does, plus the result's size once SUCCESSFUL. */
@JsonPropertyOrder({"queryID", "status", "info", "result_rows", "result_bytes", "submit_time", "queue_position",
    "start_time", "rows_written", "bytes_written"})
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

    /** Added to Kylin's shape, only while RUNNING: when it was submitted (epoch milliseconds). */
    @JsonProperty("submit_time")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long getSubmitTime() {
        return state.submittedAtMillis();
    }

    /** Added, only while the query waits for a thread: 1 for the next to start. */
    @JsonProperty("queue_position")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Integer getQueuePosition() {
        return state.progress() == null ? null : state.progress().queuePosition();
    }

    /** Added, only once the query runs: when it started (epoch milliseconds). */
    @JsonProperty("start_time")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long getStartTime() {
        return state.progress() == null ? null : state.progress().startedAtMillis();
    }

    /** Added, only while the query runs: rows written so far. */
    @JsonProperty("rows_written")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long getRowsWritten() {
        return state.progress() == null || state.progress().startedAtMillis() == null ? null
                : state.progress().rowsWritten();
    }

    /** Added, only while the query runs: bytes of the result file written so far. */
    @JsonProperty("bytes_written")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long getBytesWritten() {
        return state.progress() == null || state.progress().startedAtMillis() == null ? null
                : state.progress().bytesWritten();
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

    /** Added, only for a SUCCESSFUL result stored compressed: its bytes as stored, fewer than result_bytes. */
    @JsonProperty("result_stored_bytes")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long getResultStoredBytes() {
        return state.storedBytes();
    }
}
