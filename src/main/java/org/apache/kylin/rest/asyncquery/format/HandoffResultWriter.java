package org.apache.kylin.rest.asyncquery.format;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs another writer on a thread of its own: rows are copied into batches that the writer thread formats and
 * writes while the caller reads the next ones from the engine. On a machine with a spare core an export then
 * takes about as long as reading the result alone, not reading plus writing.
 *
 * <p>Memory stays bounded: a fixed handful of batches, each of a fixed number of cells, circulate between the
 * two threads. A failure on the writer thread is thrown to the caller at its next hand-off or at {@link #finish}.
 */
final class HandoffResultWriter implements ResultWriter {
    private static final int CELLS_PER_BATCH = 16_384;
    private static final int MAX_ROWS_PER_BATCH = 2_048;
    private static final int BATCHES = 4;
    private static final long WAIT_SLICE_MILLIS = 100;
    private static final long ABANDON_WAIT_SECONDS = 30;

    private final ResultWriter target;
    private final BlockingQueue<Batch> filled = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private final Thread writerThread;
    private volatile Throwable failure;
    private Batch filling;
    private boolean finished;

    HandoffResultWriter(ResultWriter target, int columns, String threadName) {
        this.target = requireNonNull(target, "target is null");
        int rowsPerBatch = Math.max(1, Math.min(MAX_ROWS_PER_BATCH, CELLS_PER_BATCH / Math.max(1, columns)));
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(rowsPerBatch, columns));
        }
        this.filling = free.poll();
        this.writerThread = new Thread(this::writeBatches, threadName);
        writerThread.setDaemon(true);
        writerThread.start();
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        filling.add(values);
        if (filling.isFull()) {
            handOff(filling);
            filling = take(free);
        }
    }

    @Override
    public void finish() throws IOException {
        if (filling.size > 0) {
            handOff(filling);
        }
        handOff(Batch.END);
        awaitWriter(Long.MAX_VALUE);
        finished = true;
        rethrowFailure();
    }

    @Override
    public void abandon() {
        if (finished) {
            return;
        }
        finished = true;
        writerThread.interrupt();
        try {
            // The file is deleted next; the writer thread must not be writing to it any more by then.
            awaitWriter(TimeUnit.SECONDS.toMillis(ABANDON_WAIT_SECONDS));
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        }
        target.abandon();
    }

    /** The target's count, read after {@link #finish} has waited for the writer thread. */
    @Override
    public OptionalLong uncompressedBytes() {
        return target.uncompressedBytes();
    }

    private void writeBatches() {
        try {
            while (true) {
                Batch batch = filled.take();
                if (batch == Batch.END) {
                    break;
                }
                for (int i = 0; i < batch.size; i++) {
                    target.writeRow(batch.rows[i]);
                }
                batch.clear();
                free.put(batch);
            }
            target.finish();
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("The export was stopped");
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } finally {
            writerDone.countDown();
        }
    }

    private void handOff(Batch batch) throws IOException {
        try {
            while (!filled.offer(batch, WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while handing rows to the writer");
        }
        rethrowFailure();
    }

    private Batch take(BlockingQueue<Batch> queue) throws IOException {
        try {
            Batch batch;
            while ((batch = queue.poll(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                rethrowFailure();
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the writer");
        }
    }

    private void awaitWriter(long millis) throws InterruptedIOException {
        try {
            writerDone.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the writer");
        }
    }

    /** Throws what the writer thread failed with, as itself, so callers handle it as if thrown here. */
    private void rethrowFailure() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException) {
            throw (IOException) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        throw (Error) t;
    }

    /** Rows copied out of the caller's reused array; the values themselves are immutable and shared. */
    private static final class Batch {
        static final Batch END = new Batch(0, 0);

        final Object[][] rows;
        int size;

        Batch(int rows, int columns) {
            this.rows = new Object[rows][columns];
        }

        void add(Object[] values) {
            System.arraycopy(values, 0, rows[size++], 0, values.length);
        }

        boolean isFull() {
            return size == rows.length;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                Arrays.fill(rows[i], null);
            }
            size = 0;
        }
    }
}
