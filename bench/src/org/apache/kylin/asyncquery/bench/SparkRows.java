package org.apache.kylin.asyncquery.bench;

import java.nio.file.Path;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark benchmarks' rows: the eight columns of {@link BenchRows} (BIGINT, INTEGER, DECIMAL(12,2), VARCHAR, DATE,
 * TIMESTAMP, BOOLEAN, DOUBLE), computed from {@code spark.range(n)} with Spark's built-in functions in a fixed number
 * of partitions, so that what is measured is the export and not a scan. Every other timestamp has a fraction of a
 * second, so the text of both timestamp forms is checked.
 */
final class SparkRows {
    private static final Pattern RANGE = Pattern.compile("SPARK_ROWS\\((\\d+)\\)");

    /** The columns as a JDBC source would declare them, which the Spark route aligns the Dataset to. */
    static final List<ColumnMeta> COLUMNS = Collections.unmodifiableList(Arrays.asList(
            new ColumnMeta("ORDER_ID", "BIGINT", Types.BIGINT, 19, 0),
            new ColumnMeta("CUSTOMER_KEY", "INTEGER", Types.INTEGER, 10, 0),
            new ColumnMeta("AMOUNT", "DECIMAL", Types.DECIMAL, 12, 2),
            new ColumnMeta("CUSTOMER_NAME", "VARCHAR", Types.VARCHAR, 0, 0),
            new ColumnMeta("ORDER_DATE", "DATE", Types.DATE, 10, 0),
            new ColumnMeta("ORDER_TIME", "TIMESTAMP", Types.TIMESTAMP, 26, 6),
            new ColumnMeta("FLAGGED", "BOOLEAN", Types.BOOLEAN, 1, 0),
            new ColumnMeta("RATIO", "DOUBLE", Types.DOUBLE, 17, 0)));

    private SparkRows() {
    }

    /** {@code rows} rows in {@code partitions} partitions, in ORDER_ID order across the partitions. */
    static Dataset<Row> of(SparkSession spark, long rows, int partitions) {
        return spark.range(0, rows, 1, partitions).selectExpr(
                "id AS ORDER_ID",
                "CAST(id % 100000 AS INT) AS CUSTOMER_KEY",
                "CAST((id % 1000003) / 100.0 AS DECIMAL(12,2)) AS AMOUNT",
                "concat('customer-', CAST(id % 100000 AS STRING)) AS CUSTOMER_NAME",
                "date_add(DATE '2020-01-01', CAST(id % 3650 AS INT)) AS ORDER_DATE",
                "timestamp_micros(1577836800000000 + (id % 315360000) * 1000000 + (id % 2) * (id % 1000) * 1000)"
                        + " AS ORDER_TIME",
                "id % 7 = 0 AS FLAGGED",
                "CAST(id % 10007 AS DOUBLE) / 7 AS RATIO");
    }

    /**
     * A local Spark with {@code cores} task threads in this JVM, as Sparder runs in a Kylin server's JVM in local
     * mode; no UI, its scratch space under {@code scratch}.
     */
    static SparkSession session(int cores, Path scratch) {
        return SparkSession.builder()
                .master("local[" + cores + "]")
                .appName("async-query-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.local.dir", scratch.toAbsolutePath().toString())
                .config("spark.sql.shuffle.partitions", String.valueOf(cores))
                .getOrCreate();
    }

    /**
     * The SQL a benchmark submits for {@code rows} rows; {@link BenchSparkEngine} reads the count back with
     * {@link #rowsOf}. It only has to pass the server's read-only check.
     */
    static String sql(long rows) {
        return "SELECT * FROM TABLE(SPARK_ROWS(" + rows + "))";
    }

    static long rowsOf(String sql) {
        Matcher matcher = RANGE.matcher(sql);
        if (!matcher.find()) {
            throw new IllegalArgumentException("No SPARK_ROWS(n) in " + sql);
        }
        return Long.parseLong(matcher.group(1));
    }
}
