package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    private static final long DAY = 24 * 3600 * 1000L;
    private static final long NOW = 100 * DAY;

    @Test
    void deletesWhatFinishedBeforeTheRetentionPeriod() {
        QuerySummary fresh = finished("fresh", NOW - DAY, 10);
        QuerySummary old = finished("old", NOW - 8 * DAY, 10);
        assertThat(new RetentionPolicy(7 * DAY, 0, 0).toDelete(List.of(fresh, old), NOW)).containsExactly(old);
    }

    @Test
    void capsTheCountOldestFirst() {
        List<QuerySummary> newestFirst = List.of(finished("a", NOW - 1, 1), finished("b", NOW - 2, 1),
                finished("c", NOW - 3, 1), finished("d", NOW - 4, 1));
        assertThat(new RetentionPolicy(7 * DAY, 2, 0).toDelete(newestFirst, NOW))
                .containsExactly(newestFirst.get(2), newestFirst.get(3));
    }

    @Test
    void capsTheBytesStrictlyOldestFirst() {
        QuerySummary newest = finished("a", NOW - 1, 60);
        QuerySummary big = finished("b", NOW - 2, 50);
        QuerySummary smallButOlder = finished("c", NOW - 3, 1);
        assertThat(new RetentionPolicy(7 * DAY, 0, 100).toDelete(List.of(newest, big, smallButOlder), NOW))
                .containsExactly(big, smallButOlder);
    }

    @Test
    void failedQueriesCountAsEmpty() {
        QuerySummary failed = new QuerySummary(record("f", NOW - 1), QueryStatus.FAILED, "x", NOW - 1, null);
        assertThat(new RetentionPolicy(7 * DAY, 0, 1).toDelete(List.of(failed), NOW)).isEmpty();
    }

    private static QuerySummary finished(String owner, long finishedAt, long bytes) {
        return new QuerySummary(record(owner, finishedAt), QueryStatus.SUCCESSFUL, "done", finishedAt, bytes);
    }

    private static QueryRecord record(String owner, long submittedAt) {
        return new QueryRecord(QueryId.random(), owner, "DEFAULT", "select 1", submittedAt, "n",
                FormatOptions.csvDefaults());
    }
}
