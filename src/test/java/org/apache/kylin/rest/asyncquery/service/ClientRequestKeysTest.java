package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.store.QueryIndex;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.Paging;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule of client request IDs over a real local working directory shared by two servers' parts. */
class ClientRequestKeysTest {
    @TempDir
    Path temp;
    final FakeClock clock = new FakeClock();
    ServerParts here;
    ClientRequestKeys keysHere;
    ClientRequestKeys keysThere;

    @BeforeEach
    void setUp() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path workingDir = new org.apache.hadoop.fs.Path(temp.toUri());
        here = new ServerParts(fs, workingDir, "here", clock);
        keysHere = new ClientRequestKeys(new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION),
                here.store, clock);
        keysThere = new ClientRequestKeys(new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION),
                new ResultStore(fs, workingDir), clock);
    }

    @AfterEach
    void tearDown() {
        here.close();
    }

    /**
     * Submits with one user's ID queue behind each other, but never behind another user's submit with the same ID:
     * another user cannot hold up a user's retries by choosing the same (or a colliding) ID.
     */
    @Test
    void onlyTheSameUsersSubmitsWithTheSameIdTakeTurns() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> holder = threads.submit(() -> keysHere.serialized("ANALYST", "k", () -> {
                holding.countDown();
                await(release);
                return "first";
            }));
            holding.await();
            // Another user, the same ID (and the same user with another ID): not held up.
            assertThat(keysHere.serialized("MODELER", "k", () -> "other user")).isEqualTo("other user");
            assertThat(keysHere.serialized("ANALYST", "k2", () -> "other id")).isEqualTo("other id");
            // The same user and ID waits for the first to finish.
            Future<String> second = threads.submit(() -> keysHere.serialized("ANALYST", "k",
                    () -> "second"));
            assertThat(second.isDone()).isFalse();
            release.countDown();
            assertThat(holder.get()).isEqualTo("first");
            assertThat(second.get()).isEqualTo("second");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anIdNamesItsQueryOnEveryServerAndADifferentRequestConflicts() {
        QueryRecord record = recorded("select 1", 0, 0);
        keysHere.claim("ANALYST", "k", record.queryId());

        assertThat(keysThere.existing("ANALYST", "k", request("select 1", 0, 0))).map(QueryRecord::queryId).hasValue(record.queryId());
        assertThat(keysThere.existing("MODELER", "k", request("select 1", 0, 0))).isEmpty();
        for (SubmitRequest other : new SubmitRequest[] {request("select 2", 0, 0), request("select 1", 1, 0),
            request("select 1", 0, 1)}) {
            assertThatThrownBy(() -> keysThere.existing("ANALYST", "k", other))
                    .isInstanceOfSatisfying(AsyncQueryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_CONFLICT));
        }
        assertThatThrownBy(() -> keysThere.claim("ANALYST", "k", QueryId.random()))
                .isInstanceOf(RequestKeyTakenException.class);
    }

    @Test
    void aDeletedQueryFreesItsIdLazilyOrInTheSweep() {
        QueryRecord first = recorded("select 1", 0, 0);
        keysHere.claim("ANALYST", "lazy", first.queryId());
        QueryRecord second = recorded("select 1", 0, 0);
        keysHere.claim("ANALYST", "swept", second.queryId());
        here.store.delete(first.queryId());
        here.store.delete(second.queryId());

        assertThat(keysThere.existing("ANALYST", "lazy", request("select 2", 0, 0))).isEmpty();
        assertThat(keysThere.sweep()).isEqualTo(1);
        QueryRecord third = recorded("select 1", 0, 0);
        keysThere.claim("ANALYST", "swept", third.queryId());
        assertThat(keysHere.existing("ANALYST", "swept", request("select 1", 0, 0))).map(QueryRecord::queryId).hasValue(third.queryId());
        assertThat(keysHere.sweep()).isZero();
    }

    @Test
    void aReleaseFreesTheIdOnlyForTheQueryItNames() {
        QueryRecord record = recorded("select 1", 0, 0);
        keysHere.claim("ANALYST", "k", record.queryId());
        keysHere.release("ANALYST", "k", QueryId.random());
        assertThat(keysThere.existing("ANALYST", "k", request("select 1", 0, 0))).map(QueryRecord::queryId).hasValue(record.queryId());
        keysHere.release("ANALYST", "k", record.queryId());
        assertThat(keysThere.existing("ANALYST", "k", request("select 1", 0, 0))).isEmpty();
    }

    /**
     * A server that died after claiming the ID, before the query's job started: the ID still names the query, and
     * the orphan rule answers it FAILED, so a retry gets that truth instead of a query that never runs.
     */
    @Test
    void anIdClaimedByAServerThatRestartedBeforeTheJobStartedAnswersFailed() {
        QueryRecord record = recorded("select 1", 0, 0);
        keysHere.claim("ANALYST", "k", record.queryId());

        QueryRecord found = keysThere.existing("ANALYST", "k", request("select 1", 0, 0)).orElseThrow();
        QueryOutcome outcome = here.states.outcome(found).orElseThrow();
        assertThat(outcome.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(outcome.info()).isEqualTo(QueryStates.restartedReason("here"));
    }

    /** A query recorded by this server, as a submit writes it before it claims the ID; no job runs it. */
    private QueryRecord recorded(String sql, long offset, long limit) {
        QueryRecord record = new QueryRecord(QueryId.random(), "ANALYST", "learn_kylin", sql, clock.millis(), "here",
                FormatOptions.csvDefaults(), Paging.of(offset, limit));
        here.store.create(record);
        return record;
    }

    private static SubmitRequest request(String sql, long offset, long limit) {
        return new SubmitRequest(sql, "LEARN_KYLIN", offset, limit, FormatOptions.csvDefaults(), "k", 0);
    }
}
