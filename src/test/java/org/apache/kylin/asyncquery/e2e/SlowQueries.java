package org.apache.kylin.asyncquery.e2e;

/** Queries that run long enough on the sample data to be caught RUNNING, queued, or cancelled. */
final class SlowQueries {
    /** 10,000 x 10,000 rows streamed one by one: minutes of work, so it is still running when a test acts. */
    static final String STREAMING_CROSS_JOIN = "{\"sql\":\"select a.TRANS_ID, b.TRANS_ID from KYLIN_SALES a "
            + "cross join KYLIN_SALES b\",\"project\":\"learn_kylin\"}";

    private SlowQueries() {
    }
}
