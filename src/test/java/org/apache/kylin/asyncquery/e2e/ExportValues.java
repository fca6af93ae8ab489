package org.apache.kylin.asyncquery.e2e;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One value of a result, the same whichever way it was read: from DuckDB's JDBC driver, or back from a CSV, JSON,
 * XLSX or Parquet export. Each column type has one canonical Java type (integers BigInteger, DECIMAL BigDecimal,
 * REAL Float, DOUBLE Double, then Boolean, LocalDate, LocalTime, LocalDateTime, String), and one text form, written
 * here independently of the server's code from what the README states. Text that is not exactly that form reads
 * back as a {@link Mismatch}, so a wrong form fails the comparison and shows itself.
 */
final class ExportValues {
    private ExportValues() {
    }

    /** How values of a column compare. */
    enum Family { INTEGER, DECIMAL, REAL, DOUBLE, BOOLEAN, DATE, TIME, TIMESTAMP, CHAR, TEXT }

    /** A result column as the server declared it: its name, SQL type and, for DECIMAL, precision and scale. */
    record Column(String name, String type, int precision, int scale) {
        Family family() {
            return familyOf(type);
        }
    }

    /** A value read back in a form the README does not give; never equal to anything. */
    record Mismatch(String what) {
    }

    /** DuckDB's type names: its FLOAT is a REAL, its DOUBLE a DOUBLE. */
    static Family duckFamilyOf(String duckType) {
        String type = duckType.replaceAll("\\(.*", "").toUpperCase(Locale.ROOT);
        return type.equals("FLOAT") ? Family.REAL : familyOf(type);
    }

    static Family familyOf(String sqlType) {
        String type = sqlType.toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return Family.DECIMAL;
        }
        switch (type) {
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "BIGINT":
            case "HUGEINT":
            case "UTINYINT":
            case "USMALLINT":
            case "UINTEGER":
            case "UBIGINT":
                return Family.INTEGER;
            case "REAL":
            case "FLOAT4":
                return Family.REAL;
            case "FLOAT":
            case "DOUBLE":
                return Family.DOUBLE;
            case "BOOLEAN":
                return Family.BOOLEAN;
            case "DATE":
                return Family.DATE;
            case "TIME":
                return Family.TIME;
            case "TIMESTAMP":
                return Family.TIMESTAMP;
            case "CHAR":
                return Family.CHAR;
            default:
                return Family.TEXT;
        }
    }

    /** DuckDB's value as the server's column type: a DECIMAL rounded half-up to the declared scale, as CAST does. */
    static Object expected(Object value, Column column) {
        if (value == null) {
            return null;
        }
        switch (column.family()) {
            case INTEGER:
                if (value instanceof BigInteger) {
                    return value;
                }
                if (value instanceof BigDecimal) {
                    return ((BigDecimal) value).toBigIntegerExact();
                }
                if (value instanceof Double || value instanceof Float) {
                    return new Mismatch("DuckDB's " + value + " for an integer column");
                }
                return BigInteger.valueOf(((Number) value).longValue());
            case DECIMAL:
                BigDecimal decimal = value instanceof BigDecimal ? (BigDecimal) value
                        : value instanceof Double || value instanceof Float ? new BigDecimal(value.toString())
                        : new BigDecimal(value.toString());
                return column.precision() > 0 ? decimal.setScale(column.scale(), RoundingMode.HALF_UP) : decimal;
            case REAL:
                return ((Number) value).floatValue();
            case DOUBLE:
                return ((Number) value).doubleValue();
            case DATE:
                return value instanceof java.sql.Date ? ((java.sql.Date) value).toLocalDate() : value;
            case TIME:
                return value instanceof java.sql.Time ? ((java.sql.Time) value).toLocalTime() : value;
            case TIMESTAMP:
                return value instanceof Timestamp ? ((Timestamp) value).toLocalDateTime()
                        : value instanceof LocalDate ? ((LocalDate) value).atStartOfDay() : value;
            case CHAR:
                return rtrim(value.toString());
            default:
                return value;
        }
    }

    /** The README's text form of a canonical value: what CSV holds, and the strings of the other formats. */
    static String text(Object value, Column column) {
        switch (column.family()) {
            case DECIMAL:
                return ((BigDecimal) value).toPlainString();
            case REAL:
                return plain(Float.toString((Float) value));
            case DOUBLE:
                return plain(Double.toString((Double) value));
            case DATE:
                return date((LocalDate) value);
            case TIME:
                return time((LocalTime) value);
            case TIMESTAMP:
                LocalDateTime timestamp = (LocalDateTime) value;
                return date(timestamp.toLocalDate()) + " " + time(timestamp.toLocalTime());
            default:
                return value.toString();
        }
    }

    /** A value from its text form; text in any other form (say "00:00" for a TIME) is a {@link Mismatch}. */
    static Object fromText(String text, Column column) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Object value;
        try {
            value = parse(text, column);
        } catch (RuntimeException e) {
            return new Mismatch("unreadable " + column.type() + " text '" + text + "'");
        }
        if (column.family() == Family.CHAR || column.family() == Family.TEXT) {
            return value;
        }
        if (column.family() == Family.DOUBLE) {
            // Sums of doubles may differ in the last digit between engines; the form must still be plain digits.
            return text.matches("-?\\d+(\\.\\d+)?|NaN|-?Infinity") ? value
                    : new Mismatch("DOUBLE text '" + text + "' not in plain notation");
        }
        return text.equals(text(value, column)) ? value
                : new Mismatch(column.type() + " text '" + text + "', expected the form '" + text(value, column) + "'");
    }

    private static Object parse(String text, Column column) {
        switch (column.family()) {
            case INTEGER:
                return new BigInteger(text);
            case DECIMAL:
                return new BigDecimal(text);
            case REAL:
                return Float.parseFloat(text);
            case DOUBLE:
                return Double.parseDouble(text);
            case BOOLEAN:
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException(text);
                }
                return Boolean.valueOf(text);
            case DATE:
                return LocalDate.parse(text);
            case TIME:
                return LocalTime.parse(text);
            case TIMESTAMP:
                return LocalDateTime.parse(text.replace(' ', 'T'));
            case CHAR:
                return rtrim(text);
            default:
                return text;
        }
    }

    /** A JSON value: numbers are JSON numbers (DECIMAL with its scale), the rest strings in their text form. */
    static Object fromJson(JsonNode node, Column column) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (column.family()) {
            case INTEGER:
                return node.isIntegralNumber() ? node.bigIntegerValue() : new Mismatch("JSON " + node + " for an integer");
            case DECIMAL:
                return node.isNumber() ? new BigDecimal(node.toString()) : new Mismatch("JSON " + node + " for a DECIMAL");
            case REAL:
                return node.isNumber() || node.isTextual() ? Float.parseFloat(node.asText())
                        : new Mismatch("JSON " + node + " for a REAL");
            case DOUBLE:
                return node.isNumber() || node.isTextual() ? Double.parseDouble(node.asText())
                        : new Mismatch("JSON " + node + " for a DOUBLE");
            case BOOLEAN:
                return node.isBoolean() ? node.booleanValue() : new Mismatch("JSON " + node + " for a BOOLEAN");
            default:
                return node.isTextual() ? fromText(node.textValue(), column) : new Mismatch("JSON " + node);
        }
    }

    /**
     * An XLSX cell: numbers Excel holds exactly are numeric cells, dates from 1900 on date cells; the rest is text in
     * its text form.
     */
    static Object fromXlsx(Cell cell, Column column) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        if (cell.getCellType() == CellType.STRING) {
            return fromText(cell.getStringCellValue(), column);
        }
        if (cell.getCellType() == CellType.BOOLEAN) {
            return column.family() == Family.BOOLEAN ? cell.getBooleanCellValue()
                    : new Mismatch("a boolean cell for " + column.type());
        }
        if (cell.getCellType() != CellType.NUMERIC) {
            return new Mismatch("a " + cell.getCellType() + " cell");
        }
        double number = cell.getNumericCellValue();
        switch (column.family()) {
            case INTEGER:
                return BigDecimal.valueOf(number).toBigIntegerExact();
            case DECIMAL:
                try {
                    return BigDecimal.valueOf(number).setScale(column.scale(), RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    return new Mismatch("the number " + number + " for a DECIMAL of scale " + column.scale());
                }
            case REAL:
                return Float.parseFloat(Double.toString(number));
            case DOUBLE:
                return number;
            case DATE:
                return DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate()
                        : new Mismatch("an unformatted number for a DATE");
            case TIMESTAMP:
                return DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue()
                        : new Mismatch("an unformatted number for a TIMESTAMP");
            default:
                return new Mismatch("a numeric cell for " + column.type());
        }
    }

    /** A Parquet value, by the field's physical and logical type. */
    static Object fromParquet(Group row, int field, Column column) {
        if (row.getFieldRepetitionCount(field) == 0) {
            return null;
        }
        PrimitiveType type = row.getType().getType(field).asPrimitiveType();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
            BigInteger unscaled;
            switch (type.getPrimitiveTypeName()) {
                case INT32:
                    unscaled = BigInteger.valueOf(row.getInteger(field, 0));
                    break;
                case INT64:
                    unscaled = BigInteger.valueOf(row.getLong(field, 0));
                    break;
                default:
                    unscaled = new BigInteger(row.getBinary(field, 0).getBytes());
            }
            return new BigDecimal(unscaled, scale);
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(row.getInteger(field, 0));
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
            long micros = row.getLong(field, 0);
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
        switch (type.getPrimitiveTypeName()) {
            case INT32:
                return BigInteger.valueOf(row.getInteger(field, 0));
            case INT64:
                return BigInteger.valueOf(row.getLong(field, 0));
            case FLOAT:
                return row.getFloat(field, 0);
            case DOUBLE:
                return row.getDouble(field, 0);
            case BOOLEAN:
                return row.getBoolean(field, 0);
            default:
                return fromText(row.getString(field, 0), column);
        }
    }

    /**
     * Whether two canonical values are the same. Doubles may differ in the last places: a SUM or AVG of doubles
     * depends on the order of the additions, which no two engines share. A DECIMAL read from a format that keeps
     * its scale (CSV, JSON, Parquet) must have the declared scale too.
     */
    static boolean same(Object expected, Object actual, Column column, boolean scaleKept) {
        if ((column.family() == Family.TEXT || column.family() == Family.CHAR) && ("".equals(expected)
                || "".equals(actual))) {
            // CSV and XLSX cannot tell an empty text from NULL (the README says so); Calcite's CSV reader never
            // reads an empty text cell as NULL, DuckDB's view reads it as the empty string too.
            return (expected == null || "".equals(expected)) && (actual == null || "".equals(actual));
        }
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Mismatch || actual instanceof Mismatch) {
            return false;
        }
        switch (column.family()) {
            case DOUBLE:
                double a = (Double) expected;
                double b = (Double) actual;
                return Double.compare(a, b) == 0 || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
            case DECIMAL:
                BigDecimal x = (BigDecimal) expected;
                BigDecimal y = (BigDecimal) actual;
                return x.compareTo(y) == 0 && (!scaleKept || x.scale() == y.scale());
            default:
                return expected.equals(actual);
        }
    }

    /** A key that sorts rows the same whichever way they were read. */
    static String sortKey(Object value) {
        if (value == null) {
            return "\uFFFF";
        }
        if (value instanceof Double) {
            return String.format(Locale.ROOT, "%.9e", (Double) value);
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static String plain(String shortest) {
        return shortest.indexOf('E') < 0 ? shortest : new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }

    private static String date(LocalDate date) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static String time(LocalTime time) {
        String text = String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        if (time.getNano() == 0) {
            return text;
        }
        return text + "." + String.format(Locale.ROOT, "%09d", time.getNano()).replaceAll("0+$", "");
    }

    private static String rtrim(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }
}
