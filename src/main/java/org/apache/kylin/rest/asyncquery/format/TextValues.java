package org.apache.kylin.rest.asyncquery.format;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The one text form of each value type used by the text formats (CSV, and the strings of JSON, XLSX and Parquet):
 * DECIMAL with exactly its scale and never in scientific notation; REAL as the shortest decimal that reads back as
 * the same float, DOUBLE as the shortest that reads back as the same double, both in plain notation (NaN,
 * Infinity and -Infinity as such); DATE {@code yyyy-MM-dd}; TIME {@code HH:mm:ss} and TIMESTAMP
 * {@code yyyy-MM-dd HH:mm:ss}, each with fractional seconds only when there are some; BOOLEAN {@code true} or
 * {@code false}; integers in plain digits.
 */
public final class TextValues {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private TextValues() {
    }

    /** The text of a non-null value. */
    public static String format(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Double) {
            return plain(Double.toString((Double) value));
        }
        if (value instanceof Float) {
            // Widening to double first would print 0.1f as 0.10000000149011612.
            return plain(Float.toString((Float) value));
        }
        if (value instanceof LocalDateTime) {
            return formatTimestamp((LocalDateTime) value);
        }
        if (value instanceof LocalTime) {
            return formatTime((LocalTime) value);
        }
        return String.valueOf(value);
    }

    /**
     * The same text as the TIMESTAMP formatter, built digit by digit: DateTimeFormatter took a sixth of the CSV
     * writer's time on timestamp columns. Years outside 1-9999 take the formatter's path ("yyyy" is the year of era).
     */
    static String formatTimestamp(LocalDateTime t) {
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            return TIMESTAMP.format(t);
        }
        char[] text = new char[29];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, t.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, t.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, t.getHour(), 2);
        text[13] = ':';
        digits(text, 14, t.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, t.getSecond(), 2);
        return withFraction(text, 19, t.getNano());
    }

    /** {@code HH:mm:ss}, with the fraction of a second only when there is one: LocalTime.toString drops ":00". */
    static String formatTime(LocalTime t) {
        char[] text = new char[18];
        digits(text, 0, t.getHour(), 2);
        text[2] = ':';
        digits(text, 3, t.getMinute(), 2);
        text[5] = ':';
        digits(text, 6, t.getSecond(), 2);
        return withFraction(text, 8, t.getNano());
    }

    /** The first {@code at} characters of {@code text}, then ".fraction" without trailing zeros if nano is not 0. */
    private static String withFraction(char[] text, int at, int nano) {
        if (nano == 0) {
            return new String(text, 0, at);
        }
        text[at] = '.';
        digits(text, at + 1, nano, 9);
        int end = at + 10;
        while (text[end - 1] == '0') {
            end--;
        }
        return new String(text, 0, end);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Float.toString or Double.toString's shortest digits, in plain notation. */
    private static String plain(String shortest) {
        // toString switches to "1.0E7" style outside [1e-3, 1e7); spreadsheets and databases want digits.
        if (shortest.indexOf('E') < 0) {
            return shortest;
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }
}
