package org.apache.kylin.rest.asyncquery.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link QueryEngine} over any JDBC source: the standalone server's embedded Calcite, or another database.
 * Rows stream from the {@link ResultSet} to the sink one at a time; nothing is buffered here.
 */
public final class JdbcQueryEngine implements QueryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcQueryEngine.class);

    private final ProjectConnections connections;
    private final int fetchSize;

    public JdbcQueryEngine(ProjectConnections connections, int fetchSize) {
        this.connections = requireNonNull(connections, "connections is null");
        this.fetchSize = fetchSize;
    }

    @Override
    public Optional<String> resolveProject(String requestedName) {
        List<String> projects = connections.projects();
        if (projects.contains(requestedName)) {
            return Optional.of(requestedName);
        }
        String wanted = requestedName.toUpperCase(Locale.ROOT);
        return projects.stream().filter(p -> p.toUpperCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    @Override
    public void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException {
        RowWindow window = RowWindow.of(spec, PagingClauses.of(spec.sql()));
        try (Connection connection = connections.open(spec.project());
                Statement statement = connection.createStatement()) {
            cancellation.onCancel(() -> cancelQuietly(statement));
            statement.setFetchSize(fetchSize);
            statement.setMaxRows(window.maxRowsHint());
            try (ResultSet rs = statement.executeQuery(window.sql())) {
                stream(rs, window, sink, cancellation);
            }
        } catch (SQLException e) {
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            throw new QueryExecutionException(SqlErrorMessages.describe(e), e);
        }
    }

    private static void stream(ResultSet rs, RowWindow window, RowSink sink, CancellationToken cancellation)
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
            if (skipped < window.offset()) {
                skipped++;
                continue;
            }
            if (window.limit() > 0 && kept >= window.limit()) {
                break;
            }
            for (int i = 0; i < readers.length; i++) {
                values[i] = readers[i].read(rs);
            }
            sink.row(values);
            kept++;
        }
    }

    private static List<ColumnMeta> columns(ResultSetMetaData meta) throws SQLException {
        List<ColumnMeta> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new ColumnMeta(meta.getColumnLabel(i), meta.getColumnTypeName(i), meta.getColumnType(i),
                    meta.getPrecision(i), meta.getScale(i)));
        }
        return Collections.unmodifiableList(columns);
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Statement.cancel() failed; the row loop still stops at the next row", e);
        }
    }
}
