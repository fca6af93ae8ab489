package org.apache.kylin.rest.asyncquery.engine;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * Reads one column of the current row as a plain Java value. Date and time columns come out as
 * {@code java.time} values so that writers never depend on the JVM's time zone.
 */
interface ColumnReader {
    Object read(ResultSet rs) throws SQLException;

    static ColumnReader forColumn(int index, ColumnMeta column) {
        switch (column.jdbcType()) {
            case Types.DECIMAL:
            case Types.NUMERIC:
                int scale = column.scale();
                return rs -> {
                    BigDecimal value = rs.getBigDecimal(index);
                    // Some drivers (Calcite among them) drop trailing zeros; the column's declared scale is the truth.
                    return value != null && scale > value.scale() ? value.setScale(scale) : value;
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
                    return value == null ? null : value.toLocalTime();
                };
            default:
                return rs -> rs.getObject(index);
        }
    }
}
