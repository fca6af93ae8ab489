package org.apache.kylin.rest.asyncquery.spark;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A table of every column type the Spark route carries, filled with awkward values: hand-picked edge cases first
 * (separators, quotes, line breaks, leading and trailing blanks, control characters, formula starts, supplementary
 * characters, decimals that Spark prints in E-notation, the extremes of each number type, NaN and the infinities,
 * -0.0, years 1 and 9999, 0 to 6 fractional digits), then seeded random rows, with NULLs sprinkled everywhere.
 * Each row exists twice: as Spark's input, and as the values the writers receive on the JDBC route (the expected
 * values): a TIME arrives in Spark as its text, a TIMESTAMP as an instant read in the UTC session.
 */
final class AwkwardTable {
    private static final String[] ALPHABET = {",", ";", "\t", "|", "\"", "'", "\r", "\n", " ", "#", "!", "\u0000",
        "\u0001", "\u001f", "\u007f", "=", "+", "-", "@", "\\", "/", "a", "Z", "0", "é", "中", "😀", "\u2028",
        "\u00a0", "\ufeff", "$", "E", "{", "}", ":"};
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    /** One column: its metadata, the Spark type carrying it, its edge cases and a random value (Spark inputs). */
    private record Column(ColumnMeta meta, DataType sparkType, List<Object> edges, Function<Random, Object> random) {
    }

    private final List<Column> columns;

    private AwkwardTable(List<Column> columns) {
        this.columns = columns;
    }

    /** All column types, text first and last, a repeated and an awkward name. */
    static AwkwardTable allTypes() {
        return new AwkwardTable(List.of(
                text("TEXT", "VARCHAR", Types.VARCHAR),
                new Column(meta("TINY", "TINYINT", Types.TINYINT, 3, 0), DataTypes.ByteType,
                        List.of(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0, (byte) -1), r -> (byte) r.nextInt()),
                new Column(meta("SMALL", "SMALLINT", Types.SMALLINT, 5, 0), DataTypes.ShortType,
                        List.of(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0), r -> (short) r.nextInt()),
                new Column(meta("INT", "INTEGER", Types.INTEGER, 10, 0), DataTypes.IntegerType,
                        List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1), Random::nextInt),
                new Column(meta("BIG", "BIGINT", Types.BIGINT, 19, 0), DataTypes.LongType,
                        List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L), Random::nextLong),
                decimal("DEC38_0", 38, 0, "99999999999999999999999999999999999999",
                        "-99999999999999999999999999999999999999", "0", "1", "-1", "10000000"),
                decimal("DEC38_10", 38, 10, "0.0000001000", "-0.0000001234", "0E-10", "0.0000000001",
                        "-0.0000000001", "0.0000009999", "0.0000010000", "9999999999999999999999999999.9999999999",
                        "12345.6789000000", "-0.0000000000"),
                decimal("DEC10_7", 10, 7, "0.0000001", "-0.0000001", "0.0000000", "999.9999999", "0.0000010"),
                decimal("DEC38_38", 38, 38, "0.00000000000000000000000000000000000001",
                        "0.99999999999999999999999999999999999999", "-0.00000000000000000000000000000000000000",
                        "-0.00000000000000000000000000000000001000"),
                decimal("DEC5_2", 5, 2, "0.00", "-999.99", "0.01", "-0.01"),
                // An engine that declares no precision: the value keeps Spark's scale.
                new Column(meta("DEC_UNDECLARED", "DECIMAL", Types.DECIMAL, 0, 0), DataTypes.createDecimalType(20, 9),
                        List.of(new BigDecimal("0.000000001"), new BigDecimal("-12.500000000")),
                        r -> randomDecimal(r, 20, 9)),
                new Column(meta("REAL", "REAL", Types.REAL, 7, 0), DataTypes.FloatType,
                        List.of(1e7f, 1.2345e-5f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL,
                                Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f, 0.1f, 1e-3f,
                                9.999e-4f, 9999999f, 1.0E10f, 123456.78f, 1.17549435E-38f, 16777216f, 1e-45f),
                        AwkwardTable::randomFloat),
                doubles("DOUBLE", Types.DOUBLE),
                doubles("FLOAT", Types.FLOAT),
                new Column(meta("BOOL", "BOOLEAN", Types.BOOLEAN, 1, 0), DataTypes.BooleanType,
                        List.of(true, false), Random::nextBoolean),
                new Column(meta("DAY", "DATE", Types.DATE, 0, 0), DataTypes.DateType,
                        List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1582, 10, 4),
                                LocalDate.of(1582, 10, 15), LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31),
                                LocalDate.of(1900, 2, 28), LocalDate.of(2000, 2, 29), LocalDate.of(1000, 3, 1), LocalDate.of(1600, 2, 29)),
                        r -> LocalDate.ofEpochDay(FIRST_DAY + (long) (r.nextDouble() * (LAST_DAY - FIRST_DAY)))),
                new Column(meta("TS", "TIMESTAMP", Types.TIMESTAMP, 0, 0), DataTypes.TimestampType,
                        timestamps("2020-01-02T03:04:05", "2020-01-02T03:04:05.1", "2020-01-02T03:04:05.123",
                                "2020-01-02T03:04:05.123456", "2020-01-02T03:04:05.000001",
                                "2020-01-02T03:04:05.100000", "0001-01-01T00:00", "9999-12-31T23:59:59.999999",
                                "1582-10-15T00:00", "1969-12-31T23:59:59.999999", "1970-01-01T00:00",
                                "1000-06-30T12:00:00.5"),
                        AwkwardTable::randomTimestamp),
                new Column(meta("CLOCK", "TIME", Types.TIME, 0, 0), DataTypes.StringType,
                        List.of("00:00:00", "23:59:59", "12:34:56.7", "12:34:56.120", "12:34:56.000",
                                "12:34:56.123456", "12:34", "01:02:03.100000000", "10:00:00.000000001"),
                        AwkwardTable::randomTime),
                text("CODE", "CHAR", Types.CHAR),
                text("TEXT", "VARCHAR", Types.VARCHAR),
                text("we\"ird\\ name\u0001\t中😀/", "VARCHAR", Types.VARCHAR)));
    }

    /** One text column alone: where an empty string and NULL differ only in the first field of a record. */
    static AwkwardTable oneText() {
        return new AwkwardTable(List.of(text("ONLY", "VARCHAR", Types.VARCHAR)));
    }

    List<ColumnMeta> columns() {
        return columns.stream().map(Column::meta).toList();
    }

    StructType schema() {
        StructType schema = new StructType();
        for (Column column : columns) {
            schema = schema.add(column.meta().name(), column.sparkType(), true);
        }
        return schema;
    }

    /** Spark's input: each column's edge cases (row by row, NULL after the last), then seeded random rows. */
    List<Object[]> inputs(long seed, int randomRows) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        int edgeRows = columns.stream().mapToInt(c -> c.edges().size()).max().orElse(0) + 1;
        for (int i = 0; i < edgeRows; i++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                List<Object> edges = columns.get(c).edges();
                row[c] = i < edges.size() ? edges.get(i) : i == edges.size() ? null : edges.get(i % edges.size());
            }
            rows.add(row);
        }
        for (int i = 0; i < randomRows; i++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                Column column = columns.get(c);
                int dice = random.nextInt(8);
                row[c] = dice == 0 ? null
                        : dice < 3 ? column.edges().get(random.nextInt(column.edges().size()))
                        : column.random().apply(random);
            }
            rows.add(row);
        }
        return rows;
    }

    Dataset<Row> dataset(SparkSession spark, List<Object[]> inputs) {
        List<Row> rows = new ArrayList<>();
        for (Object[] input : inputs) {
            rows.add(RowFactory.create(Arrays.stream(input).map(AwkwardTable::javaSql).toArray()));
        }
        return spark.createDataFrame(rows, schema());
    }

    /**
     * A date or an instant as the java.sql value Spark takes by default (Spark 3.1 takes java.time values only
     * with spark.sql.datetime.java8API.enabled): the same wall time, in the JVM's zone, as Spark reads it.
     */
    static Object javaSql(Object value) {
        if (value instanceof LocalDate date) {
            return java.sql.Date.valueOf(date);
        }
        if (value instanceof Instant instant) {
            return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()));
        }
        return value;
    }

    /** The values the writers receive for {@code input} on the JDBC route. */
    static Object[] expected(Object[] input) {
        Object[] values = Arrays.copyOf(input, input.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant instant) {
                values[i] = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
        }
        return values;
    }

    /** As {@link #expected(Object[])}, with each TIME's text read as the JDBC route reads a TIME. */
    List<Object[]> expected(List<Object[]> inputs) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] input : inputs) {
            Object[] values = expected(input);
            for (int i = 0; i < values.length; i++) {
                if (columns.get(i).meta().jdbcType() == Types.TIME && values[i] != null) {
                    values[i] = LocalTime.parse((String) values[i]);
                }
            }
            rows.add(values);
        }
        return rows;
    }

    private static ColumnMeta meta(String name, String typeName, int jdbcType, int precision, int scale) {
        return new ColumnMeta(name, typeName, jdbcType, precision, scale);
    }

    private static Column text(String name, String typeName, int jdbcType) {
        List<Object> edges = List.of("", " ", "a", ",", ";", "\t", "|", "\"", "a\"b", "\"\"", "\r", "\n", "\r\n",
                "a\r\nb", "a\nb", " lead", "trail ", "trail\t", "#x", "!x", "\"x", "$x", "\u0000", "\u0001x",
                "x\u001f", "\u007f", "=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'x", "é", "中文", "😀", "a😀b",
                "\u2028", "\\", "/", "x,y;z|w\tv", "null", "NaN", "{\"a\":1}", "\ufeffbom", "x".repeat(300),
                "=", "-", " =x", "a,", ",a");
        return new Column(meta(name, typeName, jdbcType, 255, 0), DataTypes.StringType, edges,
                AwkwardTable::randomText);
    }

    private static Column decimal(String name, int precision, int scale, String... edges) {
        List<Object> values = new ArrayList<>();
        for (String edge : edges) {
            values.add(new BigDecimal(edge).setScale(scale));
        }
        return new Column(meta(name, "DECIMAL", Types.DECIMAL, precision, scale),
                DataTypes.createDecimalType(precision, scale), values, r -> randomDecimal(r, precision, scale));
    }

    private static Column doubles(String name, int jdbcType) {
        return new Column(meta(name, name, jdbcType, 15, 0), DataTypes.DoubleType,
                List.of(1e7, 1.2345e-5, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL,
                        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 0.1, 1e-3,
                        9.999e-4, 1.2345678901234567E7, 1e22, 1e23, 123456789012.0, -1.5e300, 2.5e-300, 9999999.0,
                        1e-4, 100.0, (double) Long.MAX_VALUE),
                AwkwardTable::randomDouble);
    }

    private static List<Object> timestamps(String... texts) {
        List<Object> values = new ArrayList<>();
        for (String text : texts) {
            values.add(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        }
        return values;
    }

    private static String randomText(Random r) {
        StringBuilder text = new StringBuilder();
        int length = r.nextInt(7);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    private static BigDecimal randomDecimal(Random r, int precision, int scale) {
        int digits = 1 + r.nextInt(precision);
        StringBuilder unscaled = new StringBuilder(r.nextBoolean() ? "-" : "");
        for (int i = 0; i < digits; i++) {
            unscaled.append((char) ('0' + r.nextInt(10)));
        }
        return new BigDecimal(new BigInteger(unscaled.toString()), scale);
    }

    private static Object randomFloat(Random r) {
        return r.nextBoolean() ? Float.intBitsToFloat(r.nextInt())
                : (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(24) - 10));
    }

    private static Object randomDouble(Random r) {
        return r.nextBoolean() ? Double.longBitsToDouble(r.nextLong())
                : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(24) - 10);
    }

    private static Object randomTimestamp(Random r) {
        long second = FIRST_DAY * 86_400 + (long) (r.nextDouble() * (LAST_DAY - FIRST_DAY + 1) * 86_400);
        int[] units = {1_000_000_000, 100_000_000, 1_000_000, 1_000};
        int unit = units[r.nextInt(units.length)];
        return Instant.ofEpochSecond(second, (long) r.nextInt(1_000_000_000 / unit) * unit);
    }

    private static Object randomTime(Random r) {
        String time = String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
        int fraction = r.nextInt(10);
        StringBuilder text = new StringBuilder(time);
        if (fraction > 0) {
            text.append('.');
            for (int i = 0; i < fraction; i++) {
                text.append((char) ('0' + r.nextInt(10)));
            }
        }
        return text.toString();
    }
}
