package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats in a real local working directory. They hold the time each node gives them, which here comes from a
 * fake clock, so a test can say exactly when a node last beat.
 */
class NodeHeartbeatsTest {
    @TempDir
    Path temp;
    final FakeClock clock = new FakeClock();
    FileSystem fs;
    org.apache.hadoop.fs.Path workingDir;
    NodeHeartbeats heartbeats;

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        workingDir = new org.apache.hadoop.fs.Path(temp.resolve("work").toUri());
        heartbeats = new NodeHeartbeats(fs, workingDir);
    }

    @Test
    void aNodeThatNeverBeatHasNoHeartbeatEvenBeforeTheWorkingDirectoryExists() throws IOException {
        assertThat(heartbeats.lastBeat("node-a")).isEmpty();
        assertThat(temp.resolve("work")).doesNotExist();
    }

    @Test
    void theFirstBeatCreatesItsFileAndIsNoQuery() throws IOException {
        heartbeats.beat("node-a", clock.millis());

        assertThat(heartbeats.lastBeat("node-a")).hasValue(FakeClock.START_MILLIS);
        assertThat(new ResultStore(fs, workingDir).listQueryIds()).isEmpty();
    }

    @Test
    void eachBeatMovesTheTimeOnToTheClocksTime() throws IOException {
        heartbeats.beat("node-a", clock.millis());
        clock.advance(Duration.ofSeconds(5));
        assertThat(heartbeats.lastBeat("node-a")).hasValue(FakeClock.START_MILLIS);

        heartbeats.beat("node-a", clock.millis());

        assertThat(heartbeats.lastBeat("node-a")).hasValue(FakeClock.START_MILLIS + 5_000);
    }

    @Test
    void eachNodeHasAHeartbeatOfItsOwn() throws IOException {
        heartbeats.beat("node-a", clock.millis());
        clock.advanceMillis(1);
        heartbeats.beat("node-b", clock.millis());

        assertThat(heartbeats.lastBeat("node-a")).hasValue(FakeClock.START_MILLIS);
        assertThat(heartbeats.lastBeat("node-b")).hasValue(FakeClock.START_MILLIS + 1);
        assertThat(heartbeats.lastBeat("node-c")).isEmpty();
    }

    @Test
    void everyServerSharingTheDirectoryReadsTheSameHeartbeat() throws IOException {
        heartbeats.beat("host-a:7070", clock.millis());

        assertThat(new NodeHeartbeats(fs, workingDir).lastBeat("host-a:7070")).hasValue(FakeClock.START_MILLIS);
    }

    @Test
    void aHeartbeatFileRemovedIsCreatedAgainByTheNextBeat() throws IOException {
        heartbeats.beat("node-a", clock.millis());
        try (var files = Files.list(temp.resolve("work").resolve("async_query_result").resolve("_nodes"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        assertThat(heartbeats.lastBeat("node-a")).isEmpty();
        clock.advanceMillis(1_000);

        heartbeats.beat("node-a", clock.millis());

        assertThat(heartbeats.lastBeat("node-a")).hasValue(FakeClock.START_MILLIS + 1_000);
    }
}
