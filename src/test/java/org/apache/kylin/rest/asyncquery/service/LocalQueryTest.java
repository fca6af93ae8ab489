package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.junit.jupiter.api.Test;

class LocalQueryTest {
    private final LocalQuery query = new LocalQuery(QueryId.random(), "ANALYST");

    @Test
    void itHasNoRunningProgressUntilItsJobStarts() {
        assertThat(query.runningProgress()).isEmpty();

        query.started(1_000);
        query.rowWritten();

        QueryProgress progress = query.runningProgress().orElseThrow();
        assertThat(progress.startedAtMillis()).isEqualTo(1_000);
        assertThat(progress.rowsWritten()).isEqualTo(1);
        assertThat(progress.queuePosition()).isNull();
    }

    @Test
    void eachRowIsCountedOnce() {
        assertThat(query.rowWritten()).isEqualTo(1);
        assertThat(query.rowWritten()).isEqualTo(2);
        assertThat(query.rowsWritten()).isEqualTo(2);
    }

    @Test
    void theCountingStreamPassesEveryByteOnAndCountsItWhateverTheThread() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        OutputStream counting = query.countingBytes(target);
        // As the hand-off writer does: the result is written on a thread other than the query's.
        Thread writer = new Thread(() -> {
            try {
                counting.write('a');
                counting.write("bc".getBytes(StandardCharsets.UTF_8));
                counting.write("xdefx".getBytes(StandardCharsets.UTF_8), 1, 3);
                counting.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        writer.join();

        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("abcdef");
        assertThat(query.bytesWritten()).isEqualTo(6);
        query.started(0);
        assertThat(query.runningProgress().orElseThrow().bytesWritten()).isEqualTo(6);
    }
}
