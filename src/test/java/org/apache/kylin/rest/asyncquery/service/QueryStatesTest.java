package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServerParts.HEARTBEAT_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.store.PendingResult;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orphan rule, on a fake clock, over a real local working directory shared by two servers: "here" (the one
 * asked) and "there" (the one that runs the queries it is asked about).
 */
class QueryStatesTest {
    @TempDir
    Path temp;
    final FakeClock clock = new FakeClock();
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
        here.close();
        there.close();
    }

    @Test
    void aQueryOfAServerThatBeatsIsRunning() throws IOException {
        QueryRecord record = there.admittedHere();
        there.heartbeats.beat("there", clock.millis());
        clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS / 2);

        assertThat(here.states.outcome(record)).isEmpty();
        assertThat(there.states.outcome(record)).isEmpty();
    }

    @Test
    void aHeartbeatExactlyAtTheLimitIsStillAlive() throws IOException {
        QueryRecord record = there.admittedHere();
        there.heartbeats.beat("there", clock.millis());
        clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS);

        assertThat(here.states.outcome(record)).isEmpty();
        assertThat(here.store.findOutcome(record.queryId())).isEmpty();
    }

    @Test
    void aHeartbeatOneMillisecondPastTheLimitFailsTheQueryForEveryServerAndForGood() throws IOException {
        QueryRecord record = there.admittedHere();
        there.heartbeats.beat("there", clock.millis());
        clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS + 1);

        QueryOutcome lost = here.states.outcome(record).orElseThrow();
        assertThat(lost.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(lost.info()).isEqualTo("The server 'there' running this query stopped responding: "
                + "no heartbeat for 10 s (limit 10 s).");
        assertThat(lost.finishedAtMillis()).isEqualTo(clock.millis());
        // Recorded, so every server answers the same, and a late heartbeat cannot bring the query back.
        assertThat(here.store.findOutcome(record.queryId())).hasValueSatisfying(
                recorded -> assertThat(recorded.info()).isEqualTo(lost.info()));
        there.heartbeats.beat("there", clock.millis());
        assertThat(there.states.outcome(record).orElseThrow().info()).isEqualTo(lost.info());
    }

    @Test
    void aServerThatNeverBeatIsTimedFromTheSubmission() throws IOException {
        QueryRecord record = here.submittedTo("silent");
        clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS);
        assertThat(here.states.outcome(record)).isEmpty();

        clock.advanceMillis(1);
        assertThat(here.states.outcome(record).orElseThrow().info()).contains("'silent'")
                .contains("no heartbeat for 10 s");
    }

    @Test
    void aQueryRecordedUnderThisNodeThatItDoesNotRunWasLostInARestartWhateverItsHeartbeat() throws IOException {
        QueryRecord orphan = here.submittedTo("here");
        here.heartbeats.beat("here", clock.millis());

        QueryOutcome lost = here.states.outcome(orphan).orElseThrow();

        assertThat(lost.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(lost.info()).isEqualTo("The server 'here' restarted while the query was running.");
    }

    @Test
    void theSameQueryIsNoOrphanForAnotherServerWhileItsOwnServerBeats() throws IOException {
        // Not active on "there" either (it restarted): only "there" may conclude so, or the heartbeat rule later.
        QueryRecord record = here.submittedTo("there");
        there.heartbeats.beat("there", clock.millis());

        assertThat(here.states.outcome(record)).isEmpty();
        assertThat(there.states.outcome(record).orElseThrow().info())
                .isEqualTo("The server 'there' restarted while the query was running.");
    }

    @Test
    void aQueryThisServerRunsIsNoOrphanHoweverLongItsHeartbeatIsSilent() throws IOException {
        QueryRecord running = here.admittedHere();
        clock.advanceMillis(100 * HEARTBEAT_TIMEOUT_MILLIS);

        assertThat(here.states.outcome(running)).isEmpty();
    }

    @Test
    void aRecordedOutcomeIsTheAnswerEvenWhenTheServerIsLost() throws IOException {
        QueryRecord record = here.submittedTo("there");
        QueryOutcome succeeded = new QueryOutcome(QueryStatus.SUCCESSFUL, "await fetching results", clock.millis(),
                2L, 6L);
        there.store.recordOutcome(record.queryId(), succeeded);
        clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS + 1);

        assertThat(here.states.outcome(record)).hasValueSatisfying(
                outcome -> assertThat(outcome.status()).isEqualTo(QueryStatus.SUCCESSFUL));
    }

    @Test
    void aLostQueryLeavesNoHalfWrittenResultBehind() throws IOException {
        QueryRecord record = here.submittedTo("there");
        try (PendingResult pending = there.store.beginResult(record.queryId(), record.formatOptions())) {
            OutputStream out = pending.stream();
            out.write("1\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(fileNames(record)).anyMatch(name -> name.startsWith("_writing"));
            clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS + 1);

            assertThat(here.states.outcome(record)).isPresent();

            assertThat(fileNames(record)).noneMatch(name -> name.startsWith("_writing"))
                    .noneMatch(name -> name.equals("result.csv"));
        }
    }

    @Test
    void aRestartedServerFailsOnlyItsOwnUnfinishedQueriesThatItDoesNotRun() throws IOException {
        QueryRecord orphan = here.submittedTo("here");
        QueryRecord finished = here.submittedTo("here");
        QueryOutcome succeeded = new QueryOutcome(QueryStatus.SUCCESSFUL, "await fetching results", clock.millis(),
                1L, 3L);
        here.store.recordOutcome(finished.queryId(), succeeded);
        QueryRecord runningHere = here.admittedHere();
        QueryRecord othersSilent = here.submittedTo("there");
        clock.advanceMillis(HEARTBEAT_TIMEOUT_MILLIS + 1);

        here.states.failOwnOrphans();

        assertThat(here.store.findOutcome(orphan.queryId()).map(QueryOutcome::info))
                .hasValue("The server 'here' restarted while the query was running.");
        assertThat(here.store.findOutcome(finished.queryId()).map(QueryOutcome::status))
                .hasValue(QueryStatus.SUCCESSFUL);
        assertThat(here.store.findOutcome(runningHere.queryId())).isEmpty();
        // Another server's query is judged when someone asks about it, not by this server's start-up sweep.
        assertThat(here.store.findOutcome(othersSilent.queryId())).isEmpty();
    }

    @Test
    void theStartUpSweepGoesOnPastAQueryDeletedMidway() throws IOException {
        QueryRecord deleted = here.submittedTo("here");
        QueryRecord orphan = here.submittedTo("here");
        here.store.delete(deleted.queryId());

        here.states.failOwnOrphans();

        assertThat(here.store.findOutcome(orphan.queryId())).isPresent();
        assertThat(here.store.findRecord(deleted.queryId())).isEmpty();
    }

    private Stream<String> fileNames(QueryRecord record) throws IOException {
        try (Stream<Path> files = Files.list(temp.resolve("async_query_result").resolve(record.queryId().toString()))) {
            return files.map(path -> path.getFileName().toString()).toList().stream();
        }
    }
}
