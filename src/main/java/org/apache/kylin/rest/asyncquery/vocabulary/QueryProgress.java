package org.apache.kylin.rest.asyncquery.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far an unfinished query has got: its place in the queue while it waits, or the rows and bytes written since it
 * started. Kept in the working directory by the server running it, so any server can report it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class QueryProgress {
    private final Integer queuePosition;
    private final Long startedAtMillis;
    private final long rowsWritten;
    private final long bytesWritten;

    @JsonCreator
    public QueryProgress(@JsonProperty("queue_position") Integer queuePosition,
            @JsonProperty("started_at") Long startedAtMillis, @JsonProperty("rows_written") long rowsWritten,
            @JsonProperty("bytes_written") long bytesWritten) {
        this.queuePosition = queuePosition;
        this.startedAtMillis = startedAtMillis;
        this.rowsWritten = rowsWritten;
        this.bytesWritten = bytesWritten;
    }

    public static QueryProgress queued(int position) {
        return new QueryProgress(position, null, 0, 0);
    }

    /** 1 for the next query to start; null once it runs. */
    @JsonProperty("queue_position")
    public Integer queuePosition() {
        return queuePosition;
    }

    /** When it started running; null while it waits. */
    @JsonProperty("started_at")
    public Long startedAtMillis() {
        return startedAtMillis;
    }

    @JsonProperty("rows_written")
    public long rowsWritten() {
        return rowsWritten;
    }

    @JsonProperty("bytes_written")
    public long bytesWritten() {
        return bytesWritten;
    }
}
