package org.apache.kylin.rest.asyncquery.kylin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kylin.rest.asyncquery.engine.ColumnValues;
import org.apache.kylin.rest.asyncquery.engine.EngineFailures;
import org.apache.kylin.rest.asyncquery.engine.ExportRoute;
import org.apache.kylin.rest.asyncquery.engine.PartsDestination;
import org.apache.kylin.rest.asyncquery.engine.PagingClauses;
import org.apache.kylin.rest.asyncquery.engine.ProjectAccessDeniedException;
import org.apache.kylin.rest.asyncquery.engine.QueryCancelledException;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryExecutionException;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.ResultSetStreamer;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.engine.SqlErrorMessages;
import org.apache.kylin.rest.asyncquery.engine.TrackedSink;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.spark.SparkExport;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.springframework.security.access.AccessDeniedException;

/**
 * Runs async queries through the Kylin 4 host's own query path. It makes Kylin's project permission check, applies
 * Kylin's SQL massaging (including the request's limit and offset) and executes on Kylin's query connection,
 * streaming rows from the result set to the writer instead of building Kylin's in-memory response. Only when that
 * fails and Kylin pushes queries down does it fall back to Kylin's full query service, whose result is in memory.
 */
public final class KylinQueryEngine implements QueryEngine {
    private final KylinHost host;
    private final SparkExport spark;

    /** @param spark how a result Kylin plans with Spark is delivered without collecting it */
    public KylinQueryEngine(KylinHost host, SparkExport spark) {
        this.host = requireNonNull(host, "host is null");
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** Kylin's projects that pass Kylin's own query permission check for the current user. */
    @Override
    public List<String> projects() {
        List<String> allowed = new java.util.ArrayList<>();
        for (String project : host.projectNames()) {
            try {
                host.checkQueryPermission(project);
                allowed.add(project);
            } catch (AccessDeniedException e) {
                // not this user's
            }
        }
        return allowed;
    }

    @Override
    public Optional<String> resolveProject(String requestedName) {
        return host.project(requestedName);
    }

    @Override
    public void authorize(String user, String project) {
        try {
            host.checkQueryPermission(project);
        } catch (AccessDeniedException e) {
            throw new ProjectAccessDeniedException(
                    "User '" + user + "' may not query project '" + project + "' in Kylin.", e);
        }
    }

    @Override
    public void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException {
        Paged paged = Paged.of(spec);
        host.enterQueryContext(spec.user(), spec.project());
        TrackedSink sinkFailures = new TrackedSink(sink);
        StartTracking tracked = new StartTracking(sinkFailures);
        try (Connection connection = host.connect(spec.project());
                Statement statement = connection.createStatement()) {
            String sql = host.massageSql(paged.sql, spec.project(), paged.limit, paged.offset, connection.getSchema());
            cancellation.onCancel(() -> ResultSetStreamer.cancelQuietly(statement));
            if (paged.sqlSkipsRows) {
                // Kylin's Spark plan leaves a SQL OFFSET out (Kylin skips on the server): only its collect applies it.
                try (ResultSet rs = statement.executeQuery(sql)) {
                    ResultSetStreamer.stream(rs, 0, 0, tracked, cancellation);
                }
            } else {
                executePlanOnly(statement, sql, paged.offset, tracked, cancellation);
            }
        } catch (SQLException e) {
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            if (!host.pushDownEnabled() || tracked.started) {
                throw new QueryExecutionException(SqlErrorMessages.clean(host.describeFailure(e)), e);
            }
            streamInMemory(spec.project(), paged, sink, cancellation);
        } catch (RuntimeException | Error e) {
            // Kylin's Calcite throws a query's own errors (1/0, a bad cast) raw from its generated code.
            if (sinkFailures.threw(e) || e instanceof QueryCancelledException || e instanceof VirtualMachineError) {
                throw e;
            }
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            throw EngineFailures.translate(e);
        } finally {
            host.leaveQueryContext();
        }
    }

    /**
     * Has Kylin plan the query's Spark Dataset without collecting it, and delivers that through Spark (executors
     * write, or partitions come one at a time), skipping the request's offset, which the plan lacks. A query Kylin
     * answers without Spark streams its result set as before.
     */
    private void executePlanOnly(Statement statement, String sql, long skipRows, RowSink sink,
            CancellationToken cancellation) throws SQLException, IOException {
        host.beginPlanOnly();
        try (ResultSet rs = statement.executeQuery(sql)) {
            Optional<Dataset<Row>> planned = host.plannedDataset();
            if (planned.isPresent()) {
                spark.deliver(planned.get(), ResultSetStreamer.columns(rs.getMetaData()), skipRows, sink,
                        cancellation);
            } else {
                sink.route(ExportRoute.JDBC_STREAM);
                ResultSetStreamer.stream(rs, 0, 0, sink, cancellation);
            }
        } finally {
            host.endPlanOnly();
        }
    }

    /**
     * Kylin's complete query path, whose rows are strings: each value is read back as its column's declared type
     * before a writer sees it, so a number stays a number in every format.
     */
    private void streamInMemory(String project, Paged paged, RowSink sink, CancellationToken cancellation)
            throws IOException {
        HostQueryResult result = host.queryInMemory(project, paged.sql, paged.limit, paged.offset);
        if (result.isFailed()) {
            throw new QueryExecutionException(SqlErrorMessages.clean(result.failure()), null);
        }
        List<ColumnMeta> columns = result.columns();
        sink.start(columns);
        Object[] values = new Object[columns.size()];
        long rowNumber = 0;
        for (List<String> row : result.rows()) {
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            rowNumber++;
            try {
                for (int i = 0; i < values.length; i++) {
                    values[i] = ColumnValues.fromText(i < row.size() ? row.get(i) : null, columns.get(i));
                }
            } catch (QueryExecutionException e) {
                throw new QueryExecutionException("Row " + rowNumber + ": " + e.getMessage(), e);
            }
            sink.row(values);
        }
    }

    private static int toInt(long value) {
        return value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
    }

    /**
     * The SQL, limit and offset to hand to Kylin's massaging. Kylin appends the request's LIMIT and OFFSET to the
     * text; where the SQL already caps or skips rows that would make it invalid (a LIMIT after FETCH FIRST) or
     * double, so those are passed only where the SQL has none, and an offset for SQL with its own cap goes in
     * before that cap, as for LIMIT.
     */
    private static final class Paged {
        final String sql;
        final int limit;
        final int offset;
        /** Whether the SQL text itself skips rows (its own OFFSET, or the request's put in before its cap). */
        final boolean sqlSkipsRows;

        private Paged(String sql, int limit, int offset, boolean sqlSkipsRows) {
            this.sql = sql;
            this.limit = limit;
            this.offset = offset;
            this.sqlSkipsRows = sqlSkipsRows;
        }

        static Paged of(QuerySpec spec) {
            PagingClauses paging = spec.paging();
            int limit = paging.ownLimit() ? 0 : toInt(spec.limit());
            if (paging.ownOffset() || spec.offset() == 0) {
                return new Paged(spec.sql(), limit, 0, paging.ownOffset());
            }
            if (paging.ownLimit() && paging.offsetInsertionPoint() >= 0) {
                return new Paged(paging.withOffset(spec.sql(), spec.offset()), limit, 0, true);
            }
            return new Paged(spec.sql(), limit, toInt(spec.offset()), false);
        }
    }

    /** Remembers whether rows began to flow: after that, a failure cannot be retried another way. */
    private static final class StartTracking implements RowSink {
        private final RowSink delegate;
        private boolean started;

        StartTracking(RowSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(List<ColumnMeta> columns) throws IOException {
            started = true;
            delegate.start(columns);
        }

        @Override
        public void row(Object[] values) throws IOException {
            delegate.row(values);
        }

        @Override
        public Optional<PartsDestination> acceptParts(List<ColumnMeta> columns,
                Predicate<FormatOptions> executorsCanWrite) throws IOException {
            started = true;
            return delegate.acceptParts(columns, executorsCanWrite);
        }

        @Override
        public void route(ExportRoute route) {
            delegate.route(route);
        }
    }
}
