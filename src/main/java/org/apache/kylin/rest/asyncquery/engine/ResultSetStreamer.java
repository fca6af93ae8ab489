package org.apache.kylin.rest.asyncquery.engine;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a JDBC {@link ResultSet} into a {@link RowSink} one row at a time, skipping and capping rows as asked
 * and stopping at the next row once cancelled. Shared by every engine that ends in a JDBC result set.
 */
public final class ResultSetStreamer {
    private static final Logger LOG = LoggerFactory.getLogger(ResultSetStreamer.class);

    private ResultSetStreamer() {
    }

    /** Streams every row after the first {@code offset}, at most {@code limit} of them (0 = all). */
    public static void stream(ResultSet rs, long offset, long limit, RowSink sink, CancellationToken cancellation)
            throws SQLException, IOException {
        List<ColumnMeta> columns = columns(rs.getMetaData());
        ColumnReader[] readers = new ColumnReader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = ColumnReader.forColumn(i + 1, columns.get(i));
        }
        sink.start(columns);
        Object[] values = new Object[readers.length];
        long skipped = 0;
        long kept = 0;
        while (rs.next()) {
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            if (limit > 0 && kept >= limit) {
                break;
            }
            try {
                for (int i = 0; i < readers.length; i++) {
                    values[i] = readers[i].read(rs);
                }
            } catch (QueryExecutionException e) {
                throw new QueryExecutionException("Row " + (skipped + kept + 1) + ": " + e.getMessage(), e);
            }
            sink.row(values);
            kept++;
        }
    }

    /** For a cancellation callback: asks the driver to stop; the row loop stops at the next row regardless. */
    public static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Statement.cancel() failed; the row loop still stops at the next row", e);
        }
    }

    /** The result's columns as its metadata declares them. */
    public static List<ColumnMeta> columns(ResultSetMetaData meta) throws SQLException {
        List<ColumnMeta> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new ColumnMeta(meta.getColumnLabel(i), meta.getColumnTypeName(i), meta.getColumnType(i),
                    meta.getPrecision(i), meta.getScale(i)));
        }
        return Collections.unmodifiableList(columns);
    }
}
