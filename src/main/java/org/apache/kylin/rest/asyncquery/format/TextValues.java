package org.apache.kylin.rest.asyncquery.format;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The one text form of each value type used by the text formats. DECIMAL keeps its scale and is never in
 * scientific notation; timestamps are {@code yyyy-MM-dd HH:mm:ss} with fractional seconds only when present.
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
        if (value instanceof Double || value instanceof Float) {
            return formatFloating(((Number) value).doubleValue());
        }
        if (value instanceof LocalDateTime) {
            return formatTimestamp((LocalDateTime) value);
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
        int nano = t.getNano();
        if (nano == 0) {
            return new String(text, 0, 19);
        }
        text[19] = '.';
        digits(text, 20, nano, 9);
        int end = 29;
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

    private static String formatFloating(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        String text = Double.toString(d);
        // Double.toString switches to "1.0E7" style outside [1e-3, 1e7); spreadsheets and databases want digits.
        return text.indexOf('E') < 0 ? text : new BigDecimal(text).stripTrailingZeros().toPlainString();
    }
}
