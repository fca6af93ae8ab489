package org.apache.kylin.rest.asyncquery.engine;

import java.io.IOException;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/**
 * Receives a query's result as it streams out of the engine: {@link #start} once with the columns, then
 * {@link #row} once per row. The values array may be reused between calls, so a sink must not keep it.
 */
public interface RowSink {
    void start(List<ColumnMeta> columns) throws IOException;

    void row(Object[] values) throws IOException;
}
