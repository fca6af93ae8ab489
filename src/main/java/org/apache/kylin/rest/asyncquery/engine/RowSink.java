package org.apache.kylin.rest.asyncquery.engine;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/**
 * Receives a query's result as it streams out of the engine: {@link #start} once with the columns, then
 * {@link #row} once per row. The values array may be reused between calls, so a sink must not keep it. An engine
 * that holds the result as a distributed table first offers it with {@link #acceptParts}.
 */
public interface RowSink {
    /**
     * Offers a result the engine's executors can write in parallel. A sink that accepts returns where to write it,
     * and then gets neither {@link #start} nor {@link #row}; one that declines (a format or option that needs one
     * stream, or one {@code executorsCanWrite} refuses) returns empty, and the engine streams the rows as usual.
     * Called at most once, before anything else.
     */
    default Optional<PartsDestination> acceptParts(List<ColumnMeta> columns,
            Predicate<FormatOptions> executorsCanWrite) throws IOException {
        return Optional.empty();
    }

    /** Which way the result is being delivered, for the record; an engine says so before it delivers. */
    default void route(ExportRoute route) {
        // A sink that keeps no record ignores it.
    }

    void start(List<ColumnMeta> columns) throws IOException;

    void row(Object[] values) throws IOException;
}
