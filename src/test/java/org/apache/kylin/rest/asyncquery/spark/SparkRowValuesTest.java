package org.apache.kylin.rest.asyncquery.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.kylin.rest.asyncquery.format.ResultWriter;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How {@link SparkRowValues} reads the rows of an aligned Dataset on the driver (toLocalIterator). */
class SparkRowValuesTest {
    private static final List<ColumnMeta> TIMES = List.of(
            new ColumnMeta("DAY", "DATE", Types.DATE, 0, 0),
            new ColumnMeta("TS", "TIMESTAMP", Types.TIMESTAMP, 0, 0),
            new ColumnMeta("CLOCK", "TIME", Types.TIME, 0, 0));
    private static final StructType TIMES_SCHEMA = new StructType().add("DAY", DataTypes.DateType)
            .add("TS", DataTypes.TimestampType).add("CLOCK", DataTypes.StringType);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void fillsOneArrayRowAfterRow() {
        List<ColumnMeta> columns = List.of(new ColumnMeta("N", "DECIMAL", Types.DECIMAL, 10, 2),
                new ColumnMeta("R", "REAL", Types.REAL, 7, 0));
        Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(new BigDecimal("1.50"), 0.1f),
                RowFactory.create(null, null)), new StructType().add("N", DataTypes.createDecimalType(10, 2))
                .add("R", DataTypes.FloatType));
        SparkRowValues values = new SparkRowValues(columns, rows);

        Iterator<Row> it = rows.toLocalIterator();
        Object[] first = values.values(it.next());
        assertThat(first).containsExactly(new BigDecimal("1.50"), 0.1f);
        assertThat(values.values(it.next())).isSameAs(first).containsExactly(null, null);
    }

    /** Timestamps in a zone with summer time, before and after it, and before the Gregorian switch. */
    @Test
    void readsTimestampsInTheSessionsTimeZoneAsSparksLinesShowThem() throws IOException {
        String zone = "America/Los_Angeles";
        List<Instant> instants = List.of(Instant.parse("2021-11-07T08:30:00Z"), Instant.parse("2021-11-07T09:30:00Z"),
                Instant.parse("2021-03-14T10:00:00.000001Z"), Instant.parse("1000-06-30T12:00:00.5Z"),
                Instant.parse("1582-10-15T00:00:00Z"), Instant.parse("1883-11-18T20:00:00Z"));
        spark.conf().set("spark.sql.session.timeZone", zone);
        try {
            List<Row> input = new ArrayList<>();
            List<Object[]> expected = new ArrayList<>();
            for (Instant instant : instants) {
                input.add(RowFactory.create(AwkwardTable.javaSql(LocalDate.of(2000, 1, 2)),
                        AwkwardTable.javaSql(instant), "01:02:03.40"));
                expected.add(new Object[] {LocalDate.of(2000, 1, 2),
                    LocalDateTime.ofInstant(instant, ZoneId.of(zone)), LocalTime.of(1, 2, 3, 400_000_000)});
            }
            Dataset<Row> rows = spark.createDataFrame(input, TIMES_SCHEMA);
            List<Object[]> read = readAll(TIMES, rows);

            assertThat(read).containsExactlyElementsOf(expected);
            assertThat(read.get(0)[1]).as("both 1:30 of the night summer time ends").isEqualTo(read.get(1)[1]);
            SparkTextLines lines = new SparkTextLines(TIMES, FormatOptions.csvDefaults(), false);
            assertThat(String.join("", lines.of(rows).collectAsList().stream()
                    .map(row -> row.getString(0) + lines.lineSeparator()).toList()))
                    .isEqualTo(written(TIMES, read));
        } finally {
            spark.conf().set("spark.sql.session.timeZone", "UTC");
        }
    }

    /**
     * With java.sql types (Spark's default) the ten days the Julian-Gregorian calendar skips, 1582-10-05 to 14,
     * arrive as 1582-10-15: Spark moves them so. With spark.sql.datetime.java8API.enabled they arrive as they are.
     */
    @Test
    void readsJavaTimeValuesWhenTheSessionHandsThemOver() {
        List<Row> input = List.of(
                RowFactory.create(LocalDate.of(1582, 10, 10), Instant.parse("1582-10-10T12:00:00Z"), "23:59"),
                RowFactory.create(LocalDate.of(1, 1, 1), Instant.parse("0001-01-01T00:00:00.000001Z"), "00:00:00"));
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        Dataset<Row> rows;
        List<Object[]> read;
        try {
            rows = spark.createDataFrame(input, TIMES_SCHEMA);
            read = readAll(TIMES, rows);
        } finally {
            spark.conf().unset("spark.sql.datetime.java8API.enabled");
        }
        assertThat(read).containsExactly(
                new Object[] {LocalDate.of(1582, 10, 10), LocalDateTime.of(1582, 10, 10, 12, 0), LocalTime.of(23, 59)},
                new Object[] {LocalDate.of(1, 1, 1), LocalDateTime.of(1, 1, 1, 0, 0, 0, 1000), LocalTime.MIDNIGHT});
        // A Dataset made now reads the same rows as java.sql values.
        assertThat(readAll(TIMES, rows.toDF())).containsExactly(
                new Object[] {LocalDate.of(1582, 10, 15), LocalDateTime.of(1582, 10, 15, 12, 0), LocalTime.of(23, 59)},
                new Object[] {LocalDate.of(1, 1, 1), LocalDateTime.of(1, 1, 1, 0, 0, 0, 1000), LocalTime.MIDNIGHT});
    }

    @Test
    void refusesADatasetNotAlignedToTheColumns() {
        Dataset<Row> timeAsTimestamp = spark.createDataFrame(List.<Row>of(),
                new StructType().add("CLOCK", DataTypes.TimestampType));
        Dataset<Row> realAsDouble = spark.createDataFrame(List.<Row>of(),
                new StructType().add("R", DataTypes.DoubleType));

        assertThatThrownBy(() -> new SparkRowValues(List.of(TIMES.get(2)), timeAsTimestamp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLOCK");
        assertThatThrownBy(() -> new SparkRowValues(List.of(new ColumnMeta("R", "REAL", Types.REAL, 7, 0)),
                realAsDouble)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparkRowValues(TIMES, realAsDouble))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparkRowValues(List.of(new ColumnMeta("B", "BINARY", Types.BINARY, 0, 0)),
                timeAsTimestamp)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Spark route");
    }

    private static List<Object[]> readAll(List<ColumnMeta> columns, Dataset<Row> rows) {
        SparkRowValues values = new SparkRowValues(columns, rows);
        List<Object[]> read = new ArrayList<>();
        rows.toLocalIterator().forEachRemaining(row -> read.add(values.values(row).clone()));
        return read;
    }

    private static String written(List<ColumnMeta> columns, List<Object[]> values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false).open(out, columns, FormatOptions.csvDefaults());
        for (Object[] row : values) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }
}
