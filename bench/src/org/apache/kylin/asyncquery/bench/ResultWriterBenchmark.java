package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.rest.asyncquery.format.ResultWriter;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each format's writer alone: the rows of {@link BenchRows} as the engine hands them over, written to a stream
 * that discards the bytes. The score is rows per second (one operation = one row).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ResultWriterBenchmark {
    static final int ROWS = 100_000;

    @Param({"csv", "json", "xlsx", "parquet"})
    public String format;

    private List<ColumnMeta> columns;
    private Object[][] rows;
    private FormatOptions options;
    private final ResultWriterFactory writers = new ResultWriterFactory(false);

    @Setup
    public void setUp() {
        columns = columns();
        rows = rows();
        options = FormatOptions.builder().format(ResultFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)))
                .includeHeader(true).build();
    }

    /** The eight columns of the export benchmark's rows. */
    static List<ColumnMeta> columns() {
        return Arrays.asList(
                new ColumnMeta("ORDER_ID", "BIGINT", Types.BIGINT, 19, 0),
                new ColumnMeta("CUSTOMER_KEY", "INTEGER", Types.INTEGER, 10, 0),
                new ColumnMeta("AMOUNT", "DECIMAL", Types.DECIMAL, 12, 2),
                new ColumnMeta("CUSTOMER_NAME", "VARCHAR", Types.VARCHAR, 0, 0),
                new ColumnMeta("ORDER_DATE", "DATE", Types.DATE, 0, 0),
                new ColumnMeta("ORDER_TIME", "TIMESTAMP", Types.TIMESTAMP, 0, 0),
                new ColumnMeta("FLAGGED", "BOOLEAN", Types.BOOLEAN, 0, 0),
                new ColumnMeta("RATIO", "DOUBLE", Types.DOUBLE, 0, 0));
    }

    /** {@link #ROWS} rows of {@link #columns}, as the engine hands them over. */
    static Object[][] rows() {
        Object[][] rows = new Object[ROWS][];
        LocalDate day = LocalDate.of(2020, 1, 1);
        LocalDateTime time = day.atStartOfDay();
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new Object[] {(long) i, i % 100_000, BigDecimal.valueOf(i % 1_000_003, 2),
                    "customer-" + (i % 100_000), day.plusDays(i % 3650), time.plusSeconds(i),
                    i % 7 == 0, (i % 10_007) / 7.0};
        }
        return rows;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long writeRows() throws IOException {
        CountingNullStream out = new CountingNullStream();
        ResultWriter writer = writers.open(out, columns, options);
        for (Object[] row : rows) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.bytes;
    }

    /** Counts and drops what is written, so the benchmark measures the writer, not a disk. */
    static final class CountingNullStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
