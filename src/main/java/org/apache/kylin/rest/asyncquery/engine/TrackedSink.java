package org.apache.kylin.rest.asyncquery.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/**
 * A sink that remembers what it threw, so that an engine which catches everything its driver throws can tell the
 * sink's own failures (a result limit, an unwritable value, a full disk) apart and pass them on untouched.
 */
public final class TrackedSink implements RowSink {
    private final RowSink delegate;
    // Written by the engine's thread, or by Spark's listener thread when a destination's progress refuses.
    private volatile Throwable thrown;

    public TrackedSink(RowSink delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public void start(List<ColumnMeta> columns) throws IOException {
        try {
            delegate.start(columns);
        } catch (IOException | RuntimeException | Error e) {
            thrown = e;
            throw e;
        }
    }

    @Override
    public void row(Object[] values) throws IOException {
        try {
            delegate.row(values);
        } catch (IOException | RuntimeException | Error e) {
            thrown = e;
            throw e;
        }
    }

    @Override
    public Optional<PartsDestination> acceptParts(List<ColumnMeta> columns,
            Predicate<FormatOptions> executorsCanWrite) throws IOException {
        Optional<PartsDestination> destination;
        try {
            destination = delegate.acceptParts(columns, executorsCanWrite);
        } catch (IOException | RuntimeException | Error e) {
            thrown = e;
            throw e;
        }
        return destination.map(Tracked::new);
    }

    @Override
    public void route(ExportRoute route) {
        delegate.route(route);
    }

    /** Whether {@code error} is the very failure the sink threw. */
    public boolean threw(Throwable error) {
        return error != null && error == thrown;
    }

    /** The destination, remembering what its progress and commit threw, as the sink's own failures. */
    private final class Tracked implements PartsDestination {
        private final PartsDestination destination;

        Tracked(PartsDestination destination) {
            this.destination = destination;
        }

        @Override
        public String folder() {
            return destination.folder();
        }

        @Override
        public FormatOptions options() {
            return destination.options();
        }

        @Override
        public boolean escapeFormulas() {
            return destination.escapeFormulas();
        }

        @Override
        public void progress(long rows, long bytes) {
            try {
                destination.progress(rows, bytes);
            } catch (RuntimeException | Error e) {
                thrown = e;
                throw e;
            }
        }

        @Override
        public void commit(long rows) throws IOException {
            try {
                destination.commit(rows);
            } catch (IOException | RuntimeException | Error e) {
                thrown = e;
                throw e;
            }
        }
    }
}
