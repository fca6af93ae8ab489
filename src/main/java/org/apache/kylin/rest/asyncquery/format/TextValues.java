package org.apache.kylin.rest.asyncquery.format;

import java.math.BigDecimal;
import java.time.LocalDate;
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
    /** The most characters a print method writes: a timestamp with nanoseconds, or Long.MIN_VALUE. */
    static final int LONGEST_PRINTED = 29;

    private static final char[] LONG_MIN = Long.toString(Long.MIN_VALUE).toCharArray();

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
        if (!printsTimestamp(t)) {
            return TIMESTAMP.format(t);
        }
        char[] text = new char[LONGEST_PRINTED];
        return new String(text, 0, printTimestamp(text, 0, t));
    }

    /** {@code HH:mm:ss}, with the fraction of a second only when there is one: LocalTime.toString drops ":00". */
    static String formatTime(LocalTime t) {
        char[] text = new char[LONGEST_PRINTED];
        return new String(text, 0, printTime(text, 0, t));
    }

    // The print methods below write a value's text form straight into a char array, so that the text writers need
    // no String per value; each writes at most LONGEST_PRINTED characters at `at` and returns the index after them.

    /** Long.toString's digits. */
    static int printLong(char[] text, int at, long value) {
        if (value == Long.MIN_VALUE) {
            System.arraycopy(LONG_MIN, 0, text, at, LONG_MIN.length);
            return at + LONG_MIN.length;
        }
        if (value < 0) {
            text[at++] = '-';
            value = -value;
        }
        int end = at + digitCount(value);
        for (int i = end - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    /**
     * Whether {@link #printWholeNumber} prints Double.toString's (and Float.toString's) text of the value: a whole
     * number under ten million, which both write as its digits and ".0". It is the one case of those methods that is
     * simple to get byte for byte right, and a common one (counts and sums kept as DOUBLE); -0.0 is left to them.
     */
    static boolean printsWholeNumber(double value) {
        return value == (long) value && Math.abs(value) < 1e7 && (value != 0 || 1 / value > 0);
    }

    /** Double.toString's text, for a value {@link #printsWholeNumber} accepts. */
    static int printWholeNumber(char[] text, int at, double value) {
        int end = printLong(text, at, (long) value);
        text[end] = '.';
        text[end + 1] = '0';
        return end + 2;
    }

    /** Whether {@link #printDecimal} can print it: at most 18 digits and a scale from 0 to 18, as DECIMAL(18,s) has. */
    static boolean printsDecimal(BigDecimal value) {
        return value.scale() >= 0 && value.scale() <= 18 && value.precision() <= 18;
    }

    /** BigDecimal.toPlainString's text, for a value {@link #printsDecimal} accepts. */
    static int printDecimal(char[] text, int at, BigDecimal value) {
        long unscaled = value.unscaledValue().longValue();
        int scale = value.scale();
        if (unscaled < 0) {
            text[at++] = '-';
            unscaled = -unscaled;
        }
        int digits = digitCount(unscaled);
        // toPlainString writes at least one digit before the point, and zeros between it and the digits.
        int integerDigits = Math.max(digits - scale, 1);
        int end = at + integerDigits + (scale == 0 ? 0 : 1 + scale);
        int i = end - 1;
        for (int s = 0; s < scale; s++) {
            text[i--] = (char) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        if (scale > 0) {
            text[i--] = '.';
        }
        for (; i >= at; i--) {
            text[i] = (char) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        return end;
    }

    /** Whether {@link #printDate} can print it: LocalDate.toString writes other years with a sign. */
    static boolean printsDate(LocalDate date) {
        return date.getYear() >= 0 && date.getYear() <= 9999;
    }

    /** LocalDate.toString's {@code yyyy-MM-dd}, for a date {@link #printsDate} accepts. */
    static int printDate(char[] text, int at, LocalDate date) {
        digits(text, at, date.getYear(), 4);
        text[at + 4] = '-';
        digits(text, at + 5, date.getMonthValue(), 2);
        text[at + 7] = '-';
        digits(text, at + 8, date.getDayOfMonth(), 2);
        return at + 10;
    }

    /** Whether {@link #printTimestamp} can print it: years outside 1-9999 take the formatter's year of era. */
    static boolean printsTimestamp(LocalDateTime t) {
        return t.getYear() >= 1 && t.getYear() <= 9999;
    }

    /** The TIMESTAMP text, for a timestamp {@link #printsTimestamp} accepts. */
    static int printTimestamp(char[] text, int at, LocalDateTime t) {
        printDate(text, at, t.toLocalDate()); // the date LocalDateTime holds, not a copy
        text[at + 10] = ' ';
        digits(text, at + 11, t.getHour(), 2);
        text[at + 13] = ':';
        digits(text, at + 14, t.getMinute(), 2);
        text[at + 16] = ':';
        digits(text, at + 17, t.getSecond(), 2);
        return withFraction(text, at + 19, t.getNano());
    }

    /** The TIME text. */
    static int printTime(char[] text, int at, LocalTime t) {
        digits(text, at, t.getHour(), 2);
        text[at + 2] = ':';
        digits(text, at + 3, t.getMinute(), 2);
        text[at + 5] = ':';
        digits(text, at + 6, t.getSecond(), 2);
        return withFraction(text, at + 8, t.getNano());
    }

    /** Writes ".fraction" without trailing zeros at {@code at} if nano is not 0; returns the index after it. */
    private static int withFraction(char[] text, int at, int nano) {
        if (nano == 0) {
            return at;
        }
        text[at] = '.';
        digits(text, at + 1, nano, 9);
        int end = at + 10;
        while (text[end - 1] == '0') {
            end--;
        }
        return end;
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The number of decimal digits of a value that is not negative. */
    private static int digitCount(long value) {
        int count = 1;
        for (long limit = 10; count < 19 && value >= limit; limit *= 10) {
            count++;
        }
        return count;
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
