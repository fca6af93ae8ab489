package org.apache.kylin.rest.asyncquery.spark;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.kylin.rest.asyncquery.engine.ColumnValues;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * The driver-side twin of {@link SparkTextLines}: turns each Row of an aligned Dataset, iterated on the driver, into
 * the values the project's writers receive on the JDBC route: String, Byte/Short/Integer/Long, BigDecimal with the
 * column's scale, Float for REAL, Double, Boolean, LocalDate, LocalTime (from TIME's text) and LocalDateTime (the
 * wall time in the Spark session's time zone). Not thread-safe: {@link #values} reuses one array.
 *
 * <p>With Spark's default java.sql types, the ten dates the Julian-Gregorian calendar skips (1582-10-05 to 14)
 * reach the driver as 1582-10-15, moved by Spark; with spark.sql.datetime.java8API.enabled they arrive exactly.
 * Spark's lines ({@link SparkTextLines}) show them as they are either way.
 */
public final class SparkRowValues {
    private static final String SESSION_TIME_ZONE = "spark.sql.session.timeZone";

    private final List<ColumnMeta> columns;
    private final SparkColumnKind[] kinds;
    private final ZoneId sessionZone;
    private final Object[] values;

    /**
     * @param columns the result's columns
     * @param rows the aligned Dataset whose rows will be read (for its schema and its session's time zone)
     * @throws IllegalArgumentException {@code rows} is not aligned to the columns
     */
    public SparkRowValues(List<ColumnMeta> columns, Dataset<Row> rows) {
        this(columns, requireNonNull(rows, "rows is null").schema().fields(),
                ZoneId.of(rows.sparkSession().conf().get(SESSION_TIME_ZONE), ZoneId.SHORT_IDS));
    }

    SparkRowValues(List<ColumnMeta> columns, StructField[] fields, ZoneId sessionZone) {
        requireNonNull(columns, "columns is null");
        this.sessionZone = requireNonNull(sessionZone, "sessionZone is null");
        if (fields.length != columns.size()) {
            throw new IllegalArgumentException("The rows have " + fields.length + " columns, the result "
                    + columns.size());
        }
        this.columns = columns;
        this.kinds = new SparkColumnKind[fields.length];
        for (int i = 0; i < fields.length; i++) {
            kinds[i] = SparkColumnKind.of(columns.get(i), fields[i].dataType());
        }
        this.values = new Object[fields.length];
    }

    /** The values of {@code row}, in an array that the next call overwrites. */
    public Object[] values(Row row) {
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i) ? null : value(row.get(i), i);
        }
        return values;
    }

    private Object value(Object value, int i) {
        switch (kinds[i]) {
            case TIME:
                return LocalTime.parse((String) value);
            case DECIMAL:
                return ColumnValues.decimal((BigDecimal) value, columns.get(i));
            case DATE:
                // java.sql.Date by default, LocalDate with spark.sql.datetime.java8API.enabled.
                return value instanceof Date ? ((Date) value).toLocalDate() : (LocalDate) value;
            case TIMESTAMP:
                return value instanceof Timestamp ? wallTime((Timestamp) value)
                        : LocalDateTime.ofInstant((Instant) value, sessionZone);
            default:
                // TEXT, INTEGER, REAL, DOUBLE and BOOLEAN arrive as String, Byte..Long, Float, Double, Boolean.
                return value;
        }
    }

    /**
     * The wall time of {@code timestamp} in the session's time zone. Spark hands a timestamp over so that its wall
     * time in the JVM's zone is right, also before the Gregorian switch, where it shifts the instant to make it so
     * (Timestamp's calendar is Julian there); elsewhere the instant is exact.
     */
    private LocalDateTime wallTime(Timestamp timestamp) {
        LocalDateTime jvmWallTime = timestamp.toLocalDateTime();
        ZoneId jvmZone = ZoneId.systemDefault();
        if (jvmZone.equals(sessionZone)) {
            return jvmWallTime;
        }
        Instant instant = jvmWallTime.getYear() < 1583 ? jvmWallTime.atZone(jvmZone).toInstant()
                : timestamp.toInstant();
        return LocalDateTime.ofInstant(instant, sessionZone);
    }
}
