package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServerParts.HEARTBEAT_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one heartbeat does, step by step on a fake clock (the tests call the scheduled steps themselves), for
 * servers "here" and "there" sharing a real local working directory.
 */
class ClusterHeartbeatTest {
    @TempDir
    Path temp;
    final FakeClock clock = new FakeClock();
    final CountDownLatch release = new CountDownLatch(1);
    ServerParts here;
    ServerParts there;

    @BeforeEach
    void setUp() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path workingDir = new org.apache.hadoop.fs.Path(temp.toUri());
        here = new ServerParts(fs, workingDir, "here", clock);
        there = new ServerParts(fs, workingDir, "there", clock);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        here.close();
        there.close();
    }

    @Test
    void eachTickRenewsTheHeartbeatAtTheClocksTime() throws IOException {
        assertThat(here.heartbeats.lastBeat("here")).isEmpty();

        here.heartbeat.tick();
        assertThat(here.heartbeats.lastBeat("here")).hasValue(FakeClock.START_MILLIS);

        clock.advanceMillis(ServerParts.HEARTBEAT_INTERVAL_MILLIS);
        here.heartbeat.tick();
        assertThat(here.heartbeats.lastBeat("here")).hasValue(FakeClock.START_MILLIS + 1_000);
    }

    @Test
    void whileItTicksItsQueriesLiveForTheOtherServerAndWhenItStopsTheyFailOneTimeoutAfterTheLastTick()
            throws IOException {
        QueryRecord record = here.admittedHere();
        for (int i = 0; i < 30; i++) {
            here.heartbeat.tick();
            clock.advanceMillis(ServerParts.HEARTBEAT_INTERVAL_MILLIS);
            assertThat(there.states.outcome(record)).isEmpty();
        }
        long lastTick = clock.millis() - ServerParts.HEARTBEAT_INTERVAL_MILLIS;

        clock.setMillis(lastTick + HEARTBEAT_TIMEOUT_MILLIS);
        assertThat(there.states.outcome(record)).isEmpty();
        clock.advanceMillis(1);
        assertThat(there.states.outcome(record).map(QueryOutcome::info)).hasValueSatisfying(
                info -> assertThat(info).startsWith("The server 'here' running this query stopped responding"));
    }

    @Test
    void aTickStopsALocalQueryThatAnotherServerDeleted() throws Exception {
        QueryRecord record = here.runningHere(query -> awaitQuietly(release));
        here.heartbeat.tick();
        assertThat(here.executor.isStopping(record.queryId())).isFalse();

        there.store.delete(record.queryId());
        here.heartbeat.tick();

        assertThat(here.executor.isStopping(record.queryId())).isTrue();
    }

    @Test
    void aTickStopsALocalQueryThatAnotherServerStopped() throws Exception {
        QueryRecord record = here.runningHere(query -> awaitQuietly(release));

        there.outcomes.record(record.queryId(), new QueryOutcome(QueryStatus.FAILED, "cancelled by ADMIN",
                clock.millis()));
        here.heartbeat.tick();

        assertThat(here.executor.isStopping(record.queryId())).isTrue();
    }

    @Test
    void aTickPublishesTheProgressOfARunningQueryAndThePlaceOfAWaitingOne() throws Exception {
        // One thread: the first query runs, the second waits behind it.
        CountDownLatch wrote = new CountDownLatch(1);
        long startedAt = clock.millis();
        QueryRecord running = here.runningHere(query -> {
            query.started(startedAt);
            query.rowWritten();
            query.rowWritten();
            wrote.countDown();
            awaitQuietly(release);
        });
        QueryRecord waiting = here.runningHere(query -> { });
        assertThat(wrote.await(30, TimeUnit.SECONDS)).isTrue();
        clock.advanceMillis(ServerParts.HEARTBEAT_INTERVAL_MILLIS);

        here.heartbeat.tick();

        QueryProgress progress = there.store.findProgress(running.queryId()).orElseThrow();
        assertThat(progress.startedAtMillis()).isEqualTo(startedAt);
        assertThat(progress.rowsWritten()).isEqualTo(2);
        assertThat(progress.queuePosition()).isNull();
        QueryProgress queued = there.store.findProgress(waiting.queryId()).orElseThrow();
        assertThat(queued.queuePosition()).isEqualTo(1);
        assertThat(queued.startedAtMillis()).isNull();
        // The other server reads it through its lookup: it does not run the query itself.
        assertThat(new ProgressLookup(there.executor, there.store).of(running.queryId()).map(QueryProgress::rowsWritten))
                .hasValue(2L);
    }

    @Test
    void aTickWritesTheOutcomesTheFileSystemRefusedOnceItCan() throws IOException {
        RefusingLocalFileSystem refusing = new RefusingLocalFileSystem();
        try (ServerParts flaky = new ServerParts(refusing, new org.apache.hadoop.fs.Path(temp.toUri()), "flaky",
                clock)) {
            QueryRecord record = flaky.submittedTo("flaky");
            refusing.refuse(true);
            flaky.outcomes.record(record.queryId(), new QueryOutcome(QueryStatus.FAILED, "cancelled by ADMIN",
                    clock.millis()));
            flaky.heartbeat.tick();
            assertThat(there.store.findOutcome(record.queryId())).isEmpty();
            // Meanwhile the server that keeps it answers with it, and does not take its own query for an orphan.
            assertThat(flaky.states.outcome(record).map(QueryOutcome::info)).hasValue("cancelled by ADMIN");

            refusing.refuse(false);
            flaky.heartbeat.tick();

            assertThat(there.store.findOutcome(record.queryId()).map(QueryOutcome::info))
                    .hasValue("cancelled by ADMIN");
        }
    }

    @Test
    void atStartUpARestartedServerFailsItsOwnQueriesThatItNoLongerRunsAndNoOneElses() throws IOException {
        QueryRecord orphan = here.submittedTo("here");
        QueryRecord runningHere = here.admittedHere();
        QueryRecord othersQuery = there.admittedHere();

        here.heartbeat.failOwnOrphans();

        assertThat(here.store.findOutcome(orphan.queryId()).map(QueryOutcome::info))
                .hasValue("The server 'here' restarted while the query was running.");
        assertThat(here.store.findOutcome(runningHere.queryId())).isEmpty();
        assertThat(here.store.findOutcome(othersQuery.queryId())).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
