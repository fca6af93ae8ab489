package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServerParts.HEARTBEAT_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.store.PendingResult;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cleaning pass deletes, on a fake clock, over a real local working directory. */
class ResultCleanerTest {
    private static final long RETAIN_MILLIS = 60 * 60 * 1000;

    @TempDir
    Path temp;
    final FakeClock clock = new FakeClock();
    final AtomicLong untrackedBytes = new AtomicLong();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ServerParts here;
    QueryCatalog catalog;

    @BeforeEach
    void setUp() throws IOException {
        here = new ServerParts(FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(temp.toUri()), "here", clock);
        catalog = new QueryCatalog(here.store, here.states);
    }

    @AfterEach
    void tearDown() {
        here.close();
    }

    @Test
    void aResultIsKeptForExactlyTheRetentionPeriodAndDeletedOneMillisecondLater() throws IOException {
        ResultCleaner cleaner = cleaner(0, 0);
        QueryRecord record = finishedWithResult(3);

        clock.advanceMillis(RETAIN_MILLIS);
        assertThat(cleaner.clean()).isZero();
        assertThat(here.store.exists(record.queryId())).isTrue();

        clock.advanceMillis(1);
        assertThat(cleaner.clean()).isEqualTo(1);
        assertThat(here.store.exists(record.queryId())).isFalse();
    }

    @Test
    void retentionCountsFromTheFinishNotTheSubmission() throws IOException {
        ResultCleaner cleaner = cleaner(0, 0);
        QueryRecord record = here.submittedTo("there");
        clock.advanceMillis(RETAIN_MILLIS);
        here.store.recordOutcome(record.queryId(), new QueryOutcome(QueryStatus.FAILED, "Table 'NOPE' not found",
                clock.millis()));

        clock.advanceMillis(RETAIN_MILLIS);
        assertThat(cleaner.clean()).isZero();
        clock.advanceMillis(1);
        assertThat(cleaner.clean()).isEqualTo(1);
    }

    @Test
    void aQueryRunningOnALiveServerIsNeverDeletedHoweverOld() throws IOException {
        ResultCleaner cleaner = cleaner(1, 1);
        QueryRecord runningHere = here.admittedHere();
        QueryRecord runningThere = here.submittedTo("there");
        finishedWithResult(5);
        clock.advanceMillis(10 * RETAIN_MILLIS);
        here.heartbeats.beat("there", clock.millis());

        assertThat(cleaner.clean()).isEqualTo(1);

        assertThat(here.store.exists(runningHere.queryId())).isTrue();
        assertThat(here.store.exists(runningThere.queryId())).isTrue();
    }

    @Test
    void aQueryWhoseServerDiedCountsAsFailedWhenFoundAndIsDeletedARetentionPeriodLater() throws IOException {
        ResultCleaner cleaner = cleaner(0, 0);
        QueryRecord lost = here.submittedTo("there");
        clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS + 1);

        assertThat(cleaner.clean()).isZero();
        QueryOutcome failed = here.store.findOutcome(lost.queryId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(failed.finishedAtMillis()).isEqualTo(clock.millis());

        clock.advanceMillis(RETAIN_MILLIS + 1);
        assertThat(cleaner.clean()).isEqualTo(1);
        assertThat(here.store.exists(lost.queryId())).isFalse();
    }

    @Test
    void theCountCapEvictsTheOldestFirst() throws IOException {
        ResultCleaner cleaner = cleaner(2, 0);
        QueryRecord oldest = finishedWithResult(1);
        clock.advanceMillis(1);
        QueryRecord middle = finishedWithResult(1);
        clock.advanceMillis(1);
        QueryRecord newest = finishedWithResult(1);

        assertThat(cleaner.clean()).isEqualTo(1);

        assertThat(here.store.exists(oldest.queryId())).isFalse();
        assertThat(here.store.exists(middle.queryId())).isTrue();
        assertThat(here.store.exists(newest.queryId())).isTrue();
    }

    @Test
    void eachDeletionIsCounted() throws IOException {
        ResultCleaner cleaner = cleaner(1, 0);
        finishedWithResult(1);
        clock.advanceMillis(1);
        finishedWithResult(1);
        clock.advanceMillis(1);
        finishedWithResult(1);

        assertThat(cleaner.clean()).isEqualTo(2);
        assertThat(cleaner.clean()).isZero();
        assertThat(meters.get(AsyncQueryMetrics.CLEANER_DELETIONS).counter().count()).isEqualTo(2);
    }

    @Test
    void theByteCapCountsBytesHeldOutsideAnyQueryFirst() throws IOException {
        ResultCleaner cleaner = cleaner(0, 10);
        QueryRecord older = finishedWithResult(4);
        clock.advanceMillis(1);
        QueryRecord newer = finishedWithResult(4);
        assertThat(cleaner.clean()).isZero();

        untrackedBytes.set(3);
        assertThat(cleaner.clean()).isEqualTo(1);

        assertThat(here.store.exists(older.queryId())).isFalse();
        assertThat(here.store.exists(newer.queryId())).isTrue();
    }

    private ResultCleaner cleaner(int maxResults, long maxTotalBytes) {
        return new ResultCleaner(catalog, new QueryRemover(here.store, here.executor), untrackedBytes::get,
                new RetentionPolicy(RETAIN_MILLIS, maxResults, maxTotalBytes), 60_000, clock,
                new AsyncQueryMetrics(meters));
    }

    /** A query submitted and finished now, with a result of {@code bytes} bytes. */
    private QueryRecord finishedWithResult(int bytes) throws IOException {
        QueryRecord record = here.submittedTo("there");
        try (PendingResult pending = here.store.beginResult(record.queryId(), record.formatOptions())) {
            pending.stream().write(new byte[bytes]);
            pending.commit();
        }
        here.store.recordOutcome(record.queryId(), new QueryOutcome(QueryStatus.SUCCESSFUL,
                "await fetching results", clock.millis(), 1L, (long) bytes));
        return record;
    }
}
