package org.apache.kylin.rest.asyncquery.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;


/**
 * A {@link QueryEngine} over any JDBC source: the standalone server's embedded Calcite, or another database.
 * Rows stream from the {@link ResultSet} to the sink one at a time; nothing is buffered here.
 */
public final class JdbcQueryEngine implements QueryEngine {
    private final ProjectConnections connections;
    private final int fetchSize;

    public JdbcQueryEngine(ProjectConnections connections, int fetchSize) {
        this.connections = requireNonNull(connections, "connections is null");
        this.fetchSize = fetchSize;
    }

    @Override
    public List<String> projects() {
        return connections.projects();
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
        RowWindow window = RowWindow.of(spec);
        TrackedSink tracked = new TrackedSink(sink);
        try (Connection connection = connections.open(spec.project());
                Statement statement = connection.createStatement()) {
            cancellation.onCancel(() -> ResultSetStreamer.cancelQuietly(statement));
            statement.setFetchSize(fetchSize);
            statement.setMaxRows(window.maxRowsHint());
            try (ResultSet rs = statement.executeQuery(window.sql())) {
                ResultSetStreamer.stream(rs, window.offset(), window.limit(), tracked, cancellation);
            }
        } catch (SQLException e) {
            throw failure(e, cancellation);
        } catch (RuntimeException | Error e) {
            // A driver may throw the query's own errors raw (Calcite does, from its generated code).
            if (tracked.threw(e) || e instanceof QueryCancelledException) {
                throw e;
            }
            throw failure(e, cancellation);
        }
    }

    private static RuntimeException failure(Throwable error, CancellationToken cancellation) {
        if (error instanceof VirtualMachineError) {
            throw (VirtualMachineError) error;
        }
        if (cancellation.isCancelled()) {
            return new QueryCancelledException();
        }
        return EngineFailures.translate(error);
    }
}
