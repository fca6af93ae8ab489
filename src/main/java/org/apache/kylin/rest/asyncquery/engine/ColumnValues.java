package org.apache.kylin.rest.asyncquery.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/**
 * Makes each value what its column declares, before any writer sees it: a DECIMAL has exactly its declared scale
 * (rounded half-up, as SQL's CAST rounds; engines such as Calcite return AVG and CAST results unrounded), and a
 * value too large for its declared precision fails the query rather than being written as a wrong number. Also
 * reads a value from its text, for engines that hand over rows as strings (Kylin's pushdown), into the same Java
 * type a JDBC read gives: Boolean, Byte, Short, Integer, Long, Float (REAL), Double, BigDecimal, LocalDate,
 * LocalTime, LocalDateTime or String.
 */
public final class ColumnValues {
    private ColumnValues() {
    }

    /**
     * {@code value} with its column's declared scale. A column whose precision or scale the engine does not tell
     * (precision 0, negative scale) keeps the value as it is.
     *
     * @throws QueryExecutionException the value has more integer digits than the declared type allows
     */
    public static BigDecimal decimal(BigDecimal value, ColumnMeta column) {
        int precision = column.precision();
        int scale = column.scale();
        if (value == null || precision <= 0 || scale < 0 || scale > precision) {
            return value;
        }
        BigDecimal scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) >= 0) {
            throw new QueryExecutionException("Column " + column.name() + " holds " + value.toPlainString()
                    + ", which does not fit its declared type DECIMAL(" + precision + "," + scale + ").", null);
        }
        return scaled;
    }

    /**
     * The value whose text is {@code text}, as the column's type; null for null, and for an empty or blank text
     * in a column that is not text.
     *
     * @throws QueryExecutionException the text is not a value of the column's type
     */
    public static Object fromText(String text, ColumnMeta column) {
        if (text == null) {
            return null;
        }
        if (isText(column.jdbcType())) {
            return text;
        }
        String value = text.trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return parse(value, column);
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw notOfType(text, column);
        }
    }

    private static Object parse(String value, ColumnMeta column) {
        switch (column.jdbcType()) {
            case Types.BOOLEAN:
            case Types.BIT:
                return bool(value, column);
            case Types.TINYINT:
                return new BigDecimal(value).byteValueExact();
            case Types.SMALLINT:
                return new BigDecimal(value).shortValueExact();
            case Types.INTEGER:
                return new BigDecimal(value).intValueExact();
            case Types.BIGINT:
                return new BigDecimal(value).longValueExact();
            case Types.REAL:
                return Float.valueOf(value);
            case Types.FLOAT:
            case Types.DOUBLE:
                return Double.valueOf(value);
            case Types.DECIMAL:
            case Types.NUMERIC:
                return decimal(new BigDecimal(value), column);
            case Types.DATE:
                return date(value);
            case Types.TIME:
                return LocalTime.parse(value);
            case Types.TIMESTAMP:
                return timestamp(value);
            default:
                return value;
        }
    }

    /** Whether values of this JDBC type are text. */
    public static boolean isText(int jdbcType) {
        switch (jdbcType) {
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return true;
            default:
                return false;
        }
    }

    private static Boolean bool(String value, ColumnMeta column) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
                return Boolean.TRUE;
            case "false":
            case "0":
                return Boolean.FALSE;
            default:
                throw notOfType(value, column);
        }
    }

    /** yyyy-MM-dd, also when followed by a midnight time (a date some engines print as a timestamp). */
    private static LocalDate date(String value) {
        if (value.length() > 10) {
            LocalDateTime timestamp = timestamp(value);
            if (!timestamp.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                throw new DateTimeParseException("not a date", value, 10);
            }
            return timestamp.toLocalDate();
        }
        return LocalDate.parse(value);
    }

    /** yyyy-MM-dd[ HH:mm[:ss[.fraction]]], with a space or a T between date and time. */
    private static LocalDateTime timestamp(String value) {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay();
        }
        return LocalDateTime.parse(value.length() > 10 && value.charAt(10) == ' '
                ? value.substring(0, 10) + 'T' + value.substring(11) : value);
    }

    private static QueryExecutionException notOfType(String text, ColumnMeta column) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return new QueryExecutionException("Column " + column.name() + " holds '" + shown
                + "', which is not a value of its type " + column.typeName() + ".", null);
    }
}
