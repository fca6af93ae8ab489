package org.apache.kylin.rest.asyncquery.engine;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalTime;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/**
 * Reads one column of the current row as a plain Java value of the column's declared type. Date and time columns
 * come out as {@code java.time} values so that writers never depend on the JVM's time zone; REAL stays a Float;
 * DECIMAL has its declared scale ({@link ColumnValues#decimal}).
 */
interface ColumnReader {
    Object read(ResultSet rs) throws SQLException;

    static ColumnReader forColumn(int index, ColumnMeta column) {
        switch (column.jdbcType()) {
            case Types.DECIMAL:
            case Types.NUMERIC:
                return rs -> ColumnValues.decimal(rs.getBigDecimal(index), column);
            case Types.REAL:
                return rs -> {
                    float value = rs.getFloat(index);
                    return rs.wasNull() ? null : value;
                };
            case Types.DATE:
                return rs -> {
                    Date value = rs.getDate(index);
                    return value == null ? null : value.toLocalDate();
                };
            case Types.TIMESTAMP:
                return rs -> {
                    Timestamp value = rs.getTimestamp(index);
                    return value == null ? null : value.toLocalDateTime();
                };
            case Types.TIME:
                return rs -> {
                    Time value = rs.getTime(index);
                    return value == null ? null : timeOfDay(value);
                };
            default:
                return rs -> rs.getObject(index);
        }
    }

    /** Time.toLocalTime() drops the milliseconds a TIME(3) holds. */
    static LocalTime timeOfDay(Time value) {
        int millis = (int) Math.floorMod(value.getTime(), 1000L);
        return value.toLocalTime().withNano(millis * 1_000_000);
    }
}
