package org.apache.kylin.asyncquery.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.spark.SparkExport;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark route as a Kylin host takes it, with the planning stubbed: each query's "plan" is {@link SparkRows} of
 * the row count its SQL names, handed with its declared columns to the real {@link SparkExport}, which delivers it
 * into the real service's sink (executors write parts, or rows come through the server's writer). FAKE planner
 * only: the SQL is not parsed beyond its {@code SPARK_ROWS(n)}.
 */
final class BenchSparkEngine implements QueryEngine {
    private final SparkSession spark;
    private final SparkExport export;
    private final int partitions;
    // Static: the benchmark's child JVM runs one server, and its harness reads this beside the server.
    private static volatile double lastDeliverSeconds;

    BenchSparkEngine(SparkSession spark, SparkExport export, int partitions) {
        this.spark = requireNonNull(spark, "spark is null");
        this.export = requireNonNull(export, "export is null");
        this.partitions = partitions;
    }

    @Override
    public Optional<String> resolveProject(String requestedName) {
        return BenchRows.PROJECT.equalsIgnoreCase(requestedName) ? Optional.of(BenchRows.PROJECT) : Optional.empty();
    }

    @Override
    public void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException {
        long start = System.nanoTime();
        export.deliver(SparkRows.of(spark, SparkRows.rowsOf(spec.sql()), partitions), SparkRows.COLUMNS, 0, sink,
                cancellation);
        lastDeliverSeconds = (System.nanoTime() - start) / 1e9;
    }

    /** How long the last {@link SparkExport#deliver} took: the export without the service's commit and HTTP. */
    static double lastDeliverSeconds() {
        return lastDeliverSeconds;
    }
}
