package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first outcome stands; one the file system refused is kept, answered and retried until it lands or loses.
 * Over a real local store, with renames refused on demand (FAKE, see {@link RefusingLocalFileSystem}).
 */
class OutcomeRecorderTest {
    @TempDir
    Path temp;
    final FakeClock clock = new FakeClock();
    final RefusingLocalFileSystem fs = new RefusingLocalFileSystem();
    ResultStore store;
    OutcomeRecorder outcomes;
    QueryId id;

    @BeforeEach
    void setUp() throws IOException {
        store = new ResultStore(fs, new org.apache.hadoop.fs.Path(temp.toUri()));
        outcomes = new OutcomeRecorder(store);
        id = QueryId.random();
        store.create(new QueryRecord(id, "ANALYST", "learn_kylin", "select 1", clock.millis(), "here",
                FormatOptions.csvDefaults()));
    }

    @Test
    void theFirstOutcomeWinsAndALaterOneLosesTheRace() throws IOException {
        assertThat(outcomes.record(id, succeeded())).isTrue();
        clock.advanceMillis(1);

        assertThat(outcomes.record(id, cancelled())).isFalse();

        assertThat(store.findOutcome(id).map(QueryOutcome::status)).hasValue(QueryStatus.SUCCESSFUL);
        assertThat(outcomes.unrecorded(id)).isEmpty();
    }

    @Test
    void ofManyThreadsRecordingAtOnceExactlyOneWins() throws Exception {
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            QueryOutcome outcome = new QueryOutcome(QueryStatus.FAILED, "racer " + i, clock.millis());
            attempts.add(() -> {
                go.await();
                return outcomes.record(id, outcome);
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> attempt : attempts) {
                results.add(threads.submit(attempt));
            }
            go.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                if (results.get(i).get()) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(store.findOutcome(id).map(QueryOutcome::info)).hasValue("racer " + winners.get(0));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anOutcomeTheFileSystemRefusedIsKeptAnsweredAndWrittenOnARetryOnceItCan() throws IOException {
        fs.refuse(true);
        assertThat(outcomes.record(id, succeeded())).isTrue();
        assertThat(store.findOutcome(id)).isEmpty();
        assertThat(outcomes.unrecorded(id).map(QueryOutcome::status)).hasValue(QueryStatus.SUCCESSFUL);

        outcomes.retryUnrecorded();
        assertThat(store.findOutcome(id)).isEmpty();
        assertThat(outcomes.unrecorded(id)).isPresent();

        fs.refuse(false);
        outcomes.retryUnrecorded();
        assertThat(store.findOutcome(id).map(QueryOutcome::status)).hasValue(QueryStatus.SUCCESSFUL);
        assertThat(outcomes.unrecorded(id)).isEmpty();
    }

    @Test
    void aKeptOutcomeThatAnotherServerBeatsToTheFileIsDroppedOnItsRetry() throws IOException {
        fs.refuse(true);
        outcomes.record(id, succeeded());
        fs.refuse(false);
        clock.advanceMillis(1);
        OutcomeRecorder otherServer = new OutcomeRecorder(new ResultStore(fs,
                new org.apache.hadoop.fs.Path(temp.toUri())));
        assertThat(otherServer.record(id, cancelled())).isTrue();

        outcomes.retryUnrecorded();

        assertThat(outcomes.unrecorded(id)).isEmpty();
        assertThat(store.findOutcome(id).map(QueryOutcome::info)).hasValue("cancelled by ADMIN");
    }

    @Test
    void theOutcomeOfADeletedQueryDoesNotStandAndIsNotKept() throws IOException {
        store.delete(id);

        assertThat(outcomes.record(id, succeeded())).isFalse();

        assertThat(outcomes.unrecorded(id)).isEmpty();
        assertThat(store.findRecord(id)).isEmpty();
    }

    @Test
    void aKeptOutcomeOfAQueryDeletedMeanwhileIsDroppedOnItsRetry() throws IOException {
        fs.refuse(true);
        outcomes.record(id, succeeded());
        fs.refuse(false);
        store.delete(id);

        outcomes.retryUnrecorded();

        assertThat(outcomes.unrecorded(id)).isEmpty();
    }

    private QueryOutcome succeeded() {
        return new QueryOutcome(QueryStatus.SUCCESSFUL, "await fetching results", clock.millis(), 2L, 6L);
    }

    private QueryOutcome cancelled() {
        return new QueryOutcome(QueryStatus.FAILED, "cancelled by ADMIN", clock.millis());
    }
}
