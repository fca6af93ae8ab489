package org.apache.kylin.rest.asyncquery.spark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kylin.rest.asyncquery.engine.EngineFailures;
import org.apache.kylin.rest.asyncquery.engine.ExportRoute;
import org.apache.kylin.rest.asyncquery.engine.PartsDestination;
import org.apache.kylin.rest.asyncquery.engine.QueryCancelledException;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.format.ParquetSchemas;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a query's planned Spark Dataset without collecting it into the server. When the sink accepts parts,
 * Spark's executors write the result straight into the query's folder, one part file per partition, each line
 * built by Spark's built-in functions ({@link SparkTextLines}) so the bytes are those of the server's own writers;
 * otherwise (XLSX, GBK, an offset the plan lacks) the rows come to the server one partition at a time
 * ({@code toLocalIterator}) and go through the sink as a JDBC result's would. Either way the jobs run in a job group
 * of their own, which a stop cancels, and in the export's fair-scheduler pool. Used alike in a Kylin host (on
 * Sparder) and in the standalone server's Spark engine.
 */
public final class SparkExport {
    private static final Logger LOG = LoggerFactory.getLogger(SparkExport.class);
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");
    private static final String POOL_PROPERTY = "spark.scheduler.pool";
    private static final long TASKS_END_TIMEOUT_MILLIS = 60_000;
    private static final String TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";

    private final String pool;
    private final boolean executorsWrite;

    /**
     * @param pool the fair-scheduler pool the exports' jobs run in
     * @param executorsWrite whether executors may write results in parts; false pulls every result to the server
     */
    public SparkExport(String pool, boolean executorsWrite) {
        this.pool = requireNonNull(pool, "pool is null");
        this.executorsWrite = executorsWrite;
    }

    /** The export the configuration asks for. */
    public static SparkExport configuredBy(org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig config) {
        return new SparkExport(config.sparkPool(), config.sparkRoute());
    }

    /**
     * Delivers {@code planned}, whose columns are {@code columns} in order, into {@code sink}, leaving out the first
     * {@code skipRows} rows (an offset the plan does not apply); returns the route it took.
     *
     * @throws QueryCancelledException {@code cancellation} was cancelled; the Spark jobs were cancelled with it
     */
    public ExportRoute deliver(Dataset<Row> planned, List<ColumnMeta> columns, long skipRows, RowSink sink,
            CancellationToken cancellation) throws IOException {
        Dataset<Row> aligned = SparkColumns.align(planned, columns);
        SparkContext context = aligned.sparkSession().sparkContext();
        String group = "async-query-" + UUID.randomUUID();
        Optional<PartsDestination> parts = executorsWrite && skipRows == 0
                ? sink.acceptParts(columns, options -> executorsCanWrite(options, context.version()))
                : Optional.empty();
        ExportRoute route = parts.isPresent() ? ExportRoute.SPARK_EXECUTORS : ExportRoute.SPARK_DRIVER_ITERATOR;
        sink.route(route);
        String poolBefore = context.getLocalProperty(POOL_PROPERTY);
        context.setJobGroup(group, "async query export (" + route + ")", true);
        context.setLocalProperty(POOL_PROPERTY, pool);
        cancellation.onCancel(() -> context.cancelJobGroup(group));
        LOG.info("Exporting through Spark by route {} in job group {}, pool {}", route, group, pool);
        try {
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            if (parts.isPresent()) {
                writeParts(aligned, columns, parts.get(), context, group, cancellation);
            } else {
                iterate(aligned, columns, skipRows, sink, cancellation);
            }
            return route;
        } catch (Exception e) {
            // Spark throws its checked exceptions (SparkException) undeclared, so this catches Exception.
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            if (e instanceof IOException) {
                throw (IOException) e;
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            // A failed job: its innermost error is the query's own (a task's), the outer ones name stages.
            throw EngineFailures.translate(innermost(e));
        } finally {
            context.clearJobGroup();
            context.setLocalProperty(POOL_PROPERTY, poolBefore);
        }
    }

    /**
     * Whether this Spark's executors can write a result of these options. Spark before 3.2 (Kylin 4's 3.1, with
     * Parquet 1.10) compresses Parquet's zstd through Hadoop's native library, which a host often lacks ("native
     * zStandard library not available"); the server's own writer, whose codecs are pure Java, writes it instead.
     */
    static boolean executorsCanWrite(FormatOptions options, String sparkVersion) {
        return !(options.format() == ResultFormat.PARQUET && options.compression() == Compression.ZSTD
                && olderThan(sparkVersion, 3, 2));
    }

    private static boolean olderThan(String version, int major, int minor) {
        Matcher numbers = MAJOR_MINOR.matcher(version);
        if (!numbers.find()) {
            return true;
        }
        int actualMajor = Integer.parseInt(numbers.group(1));
        return actualMajor < major || (actualMajor == major && Integer.parseInt(numbers.group(2)) < minor);
    }

    /**
     * A cancelled job ends before its tasks do, and a task still running would write into the part folder after
     * the server removed it; so the folder is given up only once they have ended (or after a minute, logged).
     */
    private static void awaitTasksEnded(ExportJobs.Watch watch, SparkContext context) {
        try {
            if (!watch.awaitTasksEnded(TASKS_END_TIMEOUT_MILLIS)) {
                LOG.warn("Tasks of a cancelled export were still running after {} ms; its part folder may reappear",
                        TASKS_END_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Could not wait for a cancelled export's tasks", e);
        }
    }

    private static Throwable innermost(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static void writeParts(Dataset<Row> aligned, List<ColumnMeta> columns, PartsDestination destination,
            SparkContext context, String group, CancellationToken cancellation) throws IOException {
        FormatOptions options = destination.options();
        try (ExportJobs.Watch watch = ExportJobs.on(context).watch(context, group, destination::progress)) {
            try {
                if (options.format() == ResultFormat.PARQUET) {
                    // INT96, Spark's default, is deprecated in Parquet; the server's own writer writes microseconds.
                    // The session may be shared (Sparder's), so the setting is put back afterwards.
                    org.apache.spark.sql.RuntimeConfig conf = aligned.sparkSession().conf();
                    String before = conf.get(TIMESTAMP_TYPE, null);
                    conf.set(TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
                    try {
                        // Spark's Parquet takes the submit's names (snappy, zstd, gzip, none) as they are.
                        aligned.toDF(ParquetSchemas.fieldNames(columns)).write().mode(SaveMode.ErrorIfExists)
                                .option("compression", options.compression().requestName())
                                .parquet(destination.folder());
                    } finally {
                        if (before == null) {
                            conf.unset(TIMESTAMP_TYPE);
                        } else {
                            conf.set(TIMESTAMP_TYPE, before);
                        }
                    }
                } else {
                    SparkTextLines lines = new SparkTextLines(columns, options, destination.escapeFormulas());
                    lines.of(aligned).write().mode(SaveMode.ErrorIfExists).option("lineSep", lines.lineSeparator())
                            .text(destination.folder());
                }
            } catch (Exception e) {
                awaitTasksEnded(watch, context);
                // The progress check cancelled the jobs (a limit): its reason, not Spark's "cancelled", is the story.
                if (watch.stopReason() != null) {
                    throw watch.stopReason();
                }
                throw e;
            }
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            try {
                watch.settle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryCancelledException();
            }
            if (watch.stopReason() != null) {
                throw watch.stopReason();
            }
            destination.commit(watch.rows());
        }
    }

    private static void iterate(Dataset<Row> aligned, List<ColumnMeta> columns, long skipRows, RowSink sink,
            CancellationToken cancellation) throws IOException {
        sink.start(columns);
        SparkRowValues values = new SparkRowValues(columns, aligned);
        Iterator<Row> rows = aligned.toLocalIterator();
        long skipped = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (cancellation.isCancelled()) {
                throw new QueryCancelledException();
            }
            if (skipped < skipRows) {
                skipped++;
                continue;
            }
            sink.row(values.values(row));
        }
    }
}
