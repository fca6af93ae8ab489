package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.QueryCancelledException;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryExecutionException;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.engine.TrackedSink;
import org.apache.kylin.rest.asyncquery.security.SparkSqlGrammar;
import org.apache.kylin.rest.asyncquery.spark.SparkExport;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * The standalone server's optional engine: Apache Spark over the sample projects. Each project has a Spark
 * session of its own ({@code newSession()}) in which its tables are temporary views, so a query sees its project's
 * tables and nothing else: no other session's views, no global temporary views (none are made), no files named
 * in SQL ({@code spark.sql.runSQLOnFiles=false}) and no Java methods ({@code reflect}, {@code java_method} and
 * the functions that name the server's files are dropped from each session, and a plan that still calls a method
 * is refused). Only queries are planned: Spark runs a command as it plans it, so each statement is parsed and
 * checked ({@link SparkSqlGrammar}) before Spark sees it. Results go through {@link SparkExport}: Spark's executors
 * write them into the query's folder, or the rows come through the server.
 */
final class SparkQueryEngine implements QueryEngine, AutoCloseable {
    /** Functions that call Java methods or reveal the server's files; refused in every project. */
    static final List<String> REFUSED_FUNCTIONS = Collections.unmodifiableList(java.util.Arrays.asList(
            "reflect", "java_method", "try_reflect", "input_file_name", "input_file_block_start",
            "input_file_block_length"));

    private final Map<String, SparkSession> sessions;
    private final SparkExport export;
    private boolean closed;

    private SparkQueryEngine(Map<String, SparkSession> sessions, SparkExport export) {
        this.sessions = sessions;
        this.export = export;
    }

    /** Starts Spark (or joins the JVM's running SparkContext) and registers every project's tables. */
    static SparkQueryEngine start(StandaloneOptions options, AsyncQueryConfig config) throws IOException {
        requireNonNull(options, "options is null");
        SparkProjectTables tables = SparkProjectTables.fromModel(options.testDataDir().resolve("model.json"));
        SparkSession root = SharedSparkSession.acquire(options.sparkMaster());
        try {
            Map<String, SparkSession> sessions = new LinkedHashMap<>();
            for (String project : tables.projectNames()) {
                SparkSession session = root.newSession();
                session.conf().set("spark.sql.runSQLOnFiles", "false");
                session.conf().set("spark.sql.session.timeZone", "UTC");
                // Errors as Calcite (and standard SQL) has them: a division by zero or an overflow fails the query
                // instead of giving NULL.
                session.conf().set("spark.sql.ansi.enabled", "true");
                FunctionRegistry functions = session.sessionState().functionRegistry();
                for (String name : REFUSED_FUNCTIONS) {
                    functions.dropFunction(FunctionIdentifier.apply(name));
                }
                tables.register(session, project);
                sessions.put(project, session);
            }
            return new SparkQueryEngine(Collections.unmodifiableMap(sessions), SparkExport.configuredBy(config));
        } catch (IOException | RuntimeException e) {
            SharedSparkSession.release();
            throw e;
        }
    }

    @Override
    public List<String> projects() {
        return new ArrayList<>(sessions.keySet());
    }

    @Override
    public Optional<String> resolveProject(String requestedName) {
        if (sessions.containsKey(requestedName)) {
            return Optional.of(requestedName);
        }
        String wanted = requestedName.toUpperCase(Locale.ROOT);
        return sessions.keySet().stream().filter(p -> p.toUpperCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    @Override
    public void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException {
        SparkSession session = sessions.get(spec.project());
        if (session == null) {
            throw new QueryExecutionException("Project '" + spec.project() + "' does not exist.", null);
        }
        TrackedSink tracked = new TrackedSink(sink);
        // The parser reads the settings of the thread's active session (ANSI mode makes a division by zero fail).
        SparkSession.setActiveSession(session);
        try {
            LogicalPlan parsed = session.sessionState().sqlParser().parsePlan(spec.sql());
            // The read-only check ran before; again here, on the very plan Spark gets, as a command runs at once.
            String refusal = SparkSqlGrammar.refusal(parsed);
            if (refusal != null) {
                throw new QueryExecutionException(refusal, null);
            }
            long skipRows = 0;
            if (spec.offset() > 0 && !spec.paging().ownOffset()) {
                if (spec.paging().ownLimit()) {
                    // As Kylin does: the request's offset applies before the statement's own LIMIT.
                    parsed = offsetUnderLimit(parsed, spec.offset());
                } else {
                    skipRows = spec.offset();
                }
            }
            Dataset<Row> planned = Dataset.ofRows(session, parsed);
            refuseMethodCalls(planned.queryExecution().analyzed());
            if (spec.limit() > 0 && !spec.paging().ownLimit()) {
                planned = planned.limit((int) Math.min(Integer.MAX_VALUE, skipRows + spec.limit()));
            }
            List<ColumnMeta> columns = columns(planned);
            export.deliver(planned, columns, skipRows, tracked, cancellation);
        } catch (Exception | Error e) {
            // Exception, not RuntimeException: Spark (Scala) throws checked ones undeclared (SparkException,
            // AnalysisException) from anywhere in planning and running.
            if (tracked.threw(e) || e instanceof QueryCancelledException) {
                // The sink's own failures (a limit, a full disk) and a cancellation pass untouched.
                rethrow(e);
            }
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            throw SparkFailures.translate(e);
        } finally {
            SparkSession.clearActiveSession();
        }
    }

    private static void rethrow(Throwable e) throws IOException {
        if (e instanceof IOException) {
            throw (IOException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        throw (RuntimeException) e;
    }

    /** {@code LIMIT n} of the statement over {@code OFFSET offset} of what it limits. */
    private static LogicalPlan offsetUnderLimit(LogicalPlan parsed, long offset) {
        LogicalPlan top = SparkSqlGrammar.unwrapWith(parsed);
        if (!(top instanceof GlobalLimit) || !(((GlobalLimit) top).child() instanceof LocalLimit)) {
            throw new QueryExecutionException("The request's offset cannot be applied to this statement's LIMIT; "
                    + "write the OFFSET into the SQL.", null);
        }
        GlobalLimit global = (GlobalLimit) top;
        LocalLimit local = (LocalLimit) global.child();
        Expression skip = Literal.create((int) Math.min(Integer.MAX_VALUE, offset), DataTypes.IntegerType);
        LogicalPlan limited = new GlobalLimit(global.limitExpr(),
                new LocalLimit(local.limitExpr(), new Offset(skip, local.child())));
        return replaceTop(parsed, limited);
    }

    private static LogicalPlan replaceTop(LogicalPlan plan, LogicalPlan newTop) {
        if (plan == SparkSqlGrammar.unwrapWith(plan)) {
            return newTop;
        }
        LogicalPlan child = replaceTop(plan.children().head(), newTop);
        return plan.withNewChildren(scala.collection.JavaConverters
                .asScalaBuffer(Collections.singletonList(child)).toSeq());
    }

    private static void refuseMethodCalls(LogicalPlan analyzed) {
        String refusal = SparkSqlGrammar.refusal(analyzed);
        if (refusal != null) {
            throw new QueryExecutionException(refusal, null);
        }
        if (containsReflection(analyzed)) {
            throw new QueryExecutionException("Calling Java methods from SQL is not allowed.", null);
        }
    }

    private static boolean containsReflection(LogicalPlan plan) {
        for (Expression expression : scala.collection.JavaConverters.seqAsJavaList(plan.expressions())) {
            if (expression.exists(new scala.runtime.AbstractFunction1<Expression, Object>() {
                @Override
                public Object apply(Expression e) {
                    return e instanceof CallMethodViaReflection;
                }
            })) {
                return true;
            }
        }
        for (LogicalPlan child : scala.collection.JavaConverters.seqAsJavaList(plan.children())) {
            if (containsReflection(child)) {
                return true;
            }
        }
        for (Object subquery : scala.collection.JavaConverters.seqAsJavaList(plan.subqueries())) {
            if (containsReflection((LogicalPlan) subquery)) {
                return true;
            }
        }
        return false;
    }

    /** The result's columns as JDBC metadata would describe them. */
    static List<ColumnMeta> columns(Dataset<Row> planned) {
        List<ColumnMeta> columns = new ArrayList<>();
        for (StructField field : planned.schema().fields()) {
            columns.add(column(field.name(), field.dataType()));
        }
        return columns;
    }

    static ColumnMeta column(String name, DataType type) {
        if (type instanceof DecimalType) {
            DecimalType decimal = (DecimalType) type;
            return new ColumnMeta(name, "DECIMAL", Types.DECIMAL, decimal.precision(), decimal.scale());
        }
        if (type.equals(DataTypes.IntegerType)) {
            return new ColumnMeta(name, "INTEGER", Types.INTEGER, 10, 0);
        }
        if (type.equals(DataTypes.LongType)) {
            return new ColumnMeta(name, "BIGINT", Types.BIGINT, 19, 0);
        }
        if (type.equals(DataTypes.ShortType)) {
            return new ColumnMeta(name, "SMALLINT", Types.SMALLINT, 5, 0);
        }
        if (type.equals(DataTypes.ByteType)) {
            return new ColumnMeta(name, "TINYINT", Types.TINYINT, 3, 0);
        }
        if (type.equals(DataTypes.DoubleType)) {
            return new ColumnMeta(name, "DOUBLE", Types.DOUBLE, 15, 0);
        }
        if (type.equals(DataTypes.FloatType)) {
            return new ColumnMeta(name, "REAL", Types.REAL, 7, 0);
        }
        if (type.equals(DataTypes.BooleanType)) {
            return new ColumnMeta(name, "BOOLEAN", Types.BOOLEAN, 1, 0);
        }
        if (type.equals(DataTypes.DateType)) {
            return new ColumnMeta(name, "DATE", Types.DATE, 10, 0);
        }
        if (type.equals(DataTypes.TimestampType)) {
            return new ColumnMeta(name, "TIMESTAMP", Types.TIMESTAMP, 26, 6);
        }
        // Strings and everything Spark has that JDBC lacks (arrays, maps, intervals) as text.
        return new ColumnMeta(name, "VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, 0);
    }

    /** Lets go of Spark; the last engine in the JVM to close stops it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            SharedSparkSession.release();
        }
    }
}
