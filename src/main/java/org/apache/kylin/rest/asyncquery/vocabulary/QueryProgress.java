package org.apache.kylin.rest.asyncquery.vocabulary;

/**
 * How far an unfinished query has got: its place in the queue while it waits, or the rows and bytes written since it
 * started. Kept in the working directory by the server running it, so any server can report it.
 */
public final class QueryProgress {
    private final Integer queuePosition;
    private final Long startedAtMillis;
    private final long rowsWritten;
    private final long bytesWritten;

    public QueryProgress(Integer queuePosition,
            Long startedAtMillis, long rowsWritten,
            long bytesWritten) {
        this.queuePosition = queuePosition;
        this.startedAtMillis = startedAtMillis;
        this.rowsWritten = rowsWritten;
        this.bytesWritten = bytesWritten;
    }

    public static QueryProgress queued(int position) {
        return new QueryProgress(position, null, 0, 0);
    }

    /** 1 for the next query to start; null once it runs. */
    public Integer queuePosition() {
        return queuePosition;
    }

    /** When it started running; null while it waits. */
    public Long startedAtMillis() {
        return startedAtMillis;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public long bytesWritten() {
        return bytesWritten;
    }
}
