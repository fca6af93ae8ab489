package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class HandoffResultWriterTest {
    private static final String THREAD = "handoff-test-writer";

    @Test
    void everyRowArrivesInOrderThoughTheCallerReusesItsArray() throws IOException {
        Recording target = new Recording();
        HandoffResultWriter writer = new HandoffResultWriter(target, 3, THREAD);
        Object[] reused = new Object[3];
        for (int i = 0; i < 50_000; i++) {
            reused[0] = i;
            reused[1] = "row " + i;
            reused[2] = i % 2 == 0 ? null : (long) i;
            writer.writeRow(reused);
        }
        writer.finish();

        assertThat(target.finished).isTrue();
        assertThat(target.rows).hasSize(50_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(target.rows.get(i)).containsExactly(i, "row " + i, i % 2 == 0 ? null : (long) i);
        }
        assertThat(target.threads).containsExactly(THREAD);
    }

    @Test
    void aFailureOnTheWriterThreadReachesTheCallerAsItself() {
        Recording target = new Recording();
        target.failAtRow = 10_000;
        HandoffResultWriter writer = new HandoffResultWriter(target, 1, THREAD);

        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000_000; i++) {
                writer.writeRow(new Object[] {i});
            }
            writer.finish();
        }).isInstanceOf(ValueNotWritableException.class).hasMessage("row 10000 cannot be written");
        writer.abandon();
        assertThat(target.finished).isFalse();
    }

    @Test
    void aFailingFinishIsThrownFromFinish() throws IOException {
        Recording target = new Recording();
        target.failFinish = true;
        HandoffResultWriter writer = new HandoffResultWriter(target, 1, THREAD);
        writer.writeRow(new Object[] {1});

        assertThatThrownBy(writer::finish).isInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void abandonStopsAWriterThatIsStuckAndWaitsForIt() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        Recording target = new Recording() {
            @Override
            public void writeRow(Object[] values) throws IOException {
                writing.countDown();
                try {
                    // FAKE stuck write: the sleep is the thing under test, which abandon must interrupt.
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("stopped");
                }
            }
        };
        HandoffResultWriter writer = new HandoffResultWriter(target, 1, THREAD);
        for (int i = 0; i < 3_000; i++) {
            writer.writeRow(new Object[] {i});
        }
        writing.await();

        writer.abandon();

        assertThat(target.abandoned).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(THREAD) && t.isAlive());
    }

    private static class Recording implements ResultWriter {
        final List<Object[]> rows = new ArrayList<>();
        final Set<String> threads = new java.util.HashSet<>();
        long failAtRow = -1;
        boolean failFinish;
        volatile boolean finished;
        volatile boolean abandoned;

        @Override
        public void writeRow(Object[] values) throws IOException {
            threads.add(Thread.currentThread().getName());
            if (rows.size() == failAtRow) {
                throw new ValueNotWritableException("row " + failAtRow + " cannot be written");
            }
            rows.add(values.clone());
        }

        @Override
        public void finish() throws IOException {
            if (failFinish) {
                throw new IOException("disk full");
            }
            finished = true;
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }
}
