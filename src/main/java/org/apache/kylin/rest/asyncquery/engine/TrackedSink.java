package org.apache.kylin.rest.asyncquery.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/**
 * A sink that remembers what it threw, so that an engine which catches everything its driver throws can tell the
 * sink's own failures (a result limit, an unwritable value, a full disk) apart and pass them on untouched.
 */
public final class TrackedSink implements RowSink {
    private final RowSink delegate;
    private Throwable thrown;

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

    /** Whether {@code error} is the very failure the sink threw. */
    public boolean threw(Throwable error) {
        return error != null && error == thrown;
    }
}
