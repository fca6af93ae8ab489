package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress on standard error: a query's rows and bytes while it runs (fed by the status call's
 * {@code rows_written} and {@code bytes_written}), then a download's bytes. One bar at a time, closed before the
 * next begins; nothing is written to standard output.
 */
final class ProgressReporter implements AutoCloseable {
    private static final int WIDTH_WITHOUT_TERMINAL = 80;
    private static final long LINE_EVERY_NANOS = 5_000_000_000L;
    private static final long KIBIBYTE = 1024;
    private static final long MEBIBYTE = 1024 * KIBIBYTE;

    private final ProgressMode mode;
    private final PrintStream err;
    private final boolean terminal;
    private ProgressBar bar;
    private String lastStatus;
    private long lastLineNanos;
    private long lastRows = -1;

    ProgressReporter(ProgressMode mode, CliIo io) {
        this.mode = requireNonNull(mode, "mode is null").resolve(io.stderrTerminal());
        this.err = io.err();
        this.terminal = io.stderrTerminal();
    }

    /** Whether a person is watching a bar (then the client polls more often). */
    boolean showsBar() {
        return mode == ProgressMode.bar;
    }

    void query(QueryState state) {
        if (mode == ProgressMode.lines) {
            queryLine(state);
        } else if (mode == ProgressMode.bar) {
            queryBar(state);
        }
    }

    private void queryLine(QueryState state) {
        long now = System.nanoTime();
        boolean changed = !state.status().equals(lastStatus);
        boolean moved = state.rows() != lastRows && now - lastLineNanos >= LINE_EVERY_NANOS;
        if (changed || moved) {
            err.println(state.line());
            err.flush();
            lastStatus = state.status();
            lastRows = state.rows();
            lastLineNanos = now;
        }
    }

    private void queryBar(QueryState state) {
        if (bar == null) {
            bar = newBar("Query", -1, " rows", 1);
        }
        if (state.rows() >= 0) {
            bar.stepTo(state.rows());
        }
        if (state.isRunning() && state.queuePosition() >= 0) {
            bar.setExtraMessage(" queued, position " + state.queuePosition());
        } else if (state.bytes() >= 0) {
            bar.setExtraMessage(" " + state.status() + ", " + humanBytes(state.bytes()));
        } else {
            bar.setExtraMessage(" " + state.status());
        }
        if (!state.isRunning()) {
            if (state.rows() >= 0) {
                bar.maxHint(state.rows());
            }
            closeBar();
        }
    }

    /** A download of {@code total} bytes starts at {@code done}. */
    void downloadStarted(long done, long total) {
        if (mode == ProgressMode.bar) {
            closeBar();
            boolean large = total >= 100 * MEBIBYTE;
            bar = newBar("Download", total, large ? " MiB" : " KiB", large ? MEBIBYTE : KIBIBYTE);
            bar.stepTo(done);
        }
    }

    void downloaded(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    private ProgressBar newBar(String task, long max, String unit, long unitSize) {
        ConsoleProgressBarConsumer consumer = terminal ? new ConsoleProgressBarConsumer(err)
                : new ConsoleProgressBarConsumer(err, WIDTH_WITHOUT_TERMINAL);
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, unitSize)
                .setUpdateIntervalMillis(250).showSpeed().setConsumer(consumer).build();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    @Override
    public void close() {
        closeBar();
    }
}
