package org.apache.kylin.rest.asyncquery.spark;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.kylin.rest.asyncquery.engine.ColumnValues;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.spark.sql.Row;

/**
 * The driver-side twin of {@link SparkTextLines}: one row of an aligned Dataset as the values a JDBC result set
 * gives the writers (LocalDate, LocalDateTime in the session's time zone, LocalTime, BigDecimal with its column's
 * scale, Float for REAL...), so rows pulled to the server are written as the JDBC route writes them. The array is
 * reused from row to row.
 */
final class SparkRowValues {
    private final List<ColumnMeta> columns;
    private final ZoneId zone;
    private final Object[] values;

    SparkRowValues(List<ColumnMeta> columns, String sessionTimeZone) {
        this.columns = columns;
        this.zone = ZoneId.of(sessionTimeZone);
        this.values = new Object[columns.size()];
    }

    Object[] of(Row row) {
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i) ? null : value(row.get(i), columns.get(i));
        }
        return values;
    }

    private Object value(Object value, ColumnMeta column) {
        switch (column.jdbcType()) {
            case Types.DECIMAL:
            case Types.NUMERIC:
                return ColumnValues.decimal((BigDecimal) value, column);
            case Types.TIME:
                return LocalTime.parse(value.toString());
            default:
                break;
        }
        if (value instanceof Timestamp) {
            // Spark hands out instants as java.sql.Timestamp; their wall-clock time is the session zone's.
            return LocalDateTime.ofInstant(((Timestamp) value).toInstant(), zone);
        }
        if (value instanceof Instant) {
            return LocalDateTime.ofInstant((Instant) value, zone);
        }
        if (value instanceof Date) {
            return ((Date) value).toLocalDate();
        }
        if (value instanceof LocalDate) {
            return value;
        }
        return value;
    }
}
