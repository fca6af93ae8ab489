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
            return TIMESTAMP.format((LocalDateTime) value);
        }
        return String.valueOf(value);
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
