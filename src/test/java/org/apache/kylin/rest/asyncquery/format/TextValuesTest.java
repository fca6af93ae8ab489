package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TextValuesTest {
    /** The pattern the fast path replaces, written out here independently of TextValues. */
    private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    @Test
    void timestampsReadAsTheFormatterWritesThem() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime t = LocalDateTime.of(random.nextInt(10_001) - 1, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos(random));
            assertThat(TextValues.format(t)).as(t.toString()).isEqualTo(REFERENCE.format(t));
        }
    }

    /** Every whole number the fast path takes, and its neighbours it must leave alone, against the JDK's own text. */
    @Test
    void wholeNumberDoublesPrintAsDoubleToStringAndFloatToString() {
        char[] text = new char[TextValues.LONGEST_PRINTED];
        for (int n = -10_000_000; n <= 10_000_000; n += 1 + (Math.abs(n) < 100_000 ? 0 : 37)) {
            double d = n;
            if (TextValues.printsWholeNumber(d)) {
                assertThat(new String(text, 0, TextValues.printWholeNumber(text, 0, d))).isEqualTo(Double.toString(d))
                        .isEqualTo(Float.toString((float) d));
            } else {
                assertThat(Math.abs(d)).isGreaterThanOrEqualTo(1e7);
            }
        }
        assertThat(TextValues.printsWholeNumber(9_999_999)).isTrue();
        assertThat(TextValues.printsWholeNumber(-9_999_999)).isTrue();
        assertThat(TextValues.printsWholeNumber(0.0)).isTrue();
        for (double other : new double[] {1e7, -1e7, 1e300, -0.0, 0.5, 1.0000000000000002, 9_999_998.999999998,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(TextValues.printsWholeNumber(other)).as(Double.toString(other)).isFalse();
        }
    }

    @Test
    void timestampsAtTheEdges() {
        assertThat(TextValues.format(LocalDateTime.of(2012, 1, 2, 3, 4, 5))).isEqualTo("2012-01-02 03:04:05");
        assertThat(TextValues.format(LocalDateTime.of(2012, 1, 2, 3, 4, 5, 120_000_000)))
                .isEqualTo("2012-01-02 03:04:05.12");
        assertThat(TextValues.format(LocalDateTime.of(1, 1, 1, 0, 0, 0, 1))).isEqualTo("0001-01-01 00:00:00.000000001");
        assertThat(TextValues.format(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999)))
                .isEqualTo("9999-12-31 23:59:59.999999999");
        LocalDateTime farFuture = LocalDateTime.of(12345, 6, 7, 8, 9, 10);
        assertThat(TextValues.format(farFuture)).isEqualTo(REFERENCE.format(farFuture));
    }

    /** LocalTime.toString() writes "00:00" and "12:00"; a TIME is always HH:mm:ss, like a timestamp's time. */
    @Test
    void timesAlwaysHaveSeconds() {
        assertThat(TextValues.format(LocalTime.MIDNIGHT)).isEqualTo("00:00:00");
        assertThat(TextValues.format(LocalTime.NOON)).isEqualTo("12:00:00");
        assertThat(TextValues.format(LocalTime.of(1, 30, 15))).isEqualTo("01:30:15");
        assertThat(TextValues.format(LocalTime.of(23, 59, 59, 500_000_000))).isEqualTo("23:59:59.5");
        assertThat(TextValues.format(LocalTime.of(0, 0, 0, 1))).isEqualTo("00:00:00.000000001");
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            LocalTime t = LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos(random));
            assertThat(TextValues.format(t)).isEqualTo(REFERENCE.format(t.atDate(java.time.LocalDate.EPOCH))
                    .substring(11));
        }
    }

    /** A REAL is printed from its float: through double, 0.1f would become 0.10000000149011612. */
    @Test
    void realsAreTheirFloatsShortestDigitsAndDoublesTheirs() {
        assertThat(TextValues.format(0.1f)).isEqualTo("0.1");
        assertThat(TextValues.format(1.0E10f)).isEqualTo("10000000000");
        assertThat(TextValues.format(1.0E-5f)).isEqualTo("0.00001");
        assertThat(TextValues.format(-0.0f)).isEqualTo("-0.0");
        assertThat(TextValues.format(Float.NaN)).isEqualTo("NaN");
        assertThat(TextValues.format(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(TextValues.format(0.1)).isEqualTo("0.1");
        assertThat(TextValues.format(1.0E7)).isEqualTo("10000000");
        assertThat(TextValues.format(123.456)).isEqualTo("123.456");
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(f) && !Float.isInfinite(f)) {
                assertThat(Float.parseFloat(TextValues.format(f))).isEqualTo(f);
            }
        }
    }

    /** The print methods write each value's text straight into a buffer: the same text as the String forms. */
    @Test
    void printedIntegersAreLongToString() {
        long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, Integer.MIN_VALUE,
            Integer.MAX_VALUE, 0, -1, 1, 9, 10, 99, 100, -9, -10, 999_999_999_999_999_999L,
            1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L};
        for (long value : edges) {
            assertThat(printed(value)).isEqualTo(Long.toString(value));
        }
        for (int power = 0; power < 19; power++) {
            long p = (long) Math.pow(10, power);
            for (long value : new long[] {p - 1, p, p + 1, -p + 1, -p, -p - 1}) {
                assertThat(printed(value)).isEqualTo(Long.toString(value));
            }
        }
        RandomValues values = new RandomValues(11);
        for (int i = 0; i < 200_000; i++) {
            long value = values.longValue();
            assertThat(printed(value)).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void printedDecimalsAreToPlainString() {
        assertThat(printed(new BigDecimal("0.00"))).isEqualTo("0.00");
        assertThat(printed(new BigDecimal("-0.05"))).isEqualTo("-0.05");
        assertThat(printed(new BigDecimal("-999999999999999999"))).isEqualTo("-999999999999999999");
        assertThat(printed(new BigDecimal("0.999999999999999999"))).isEqualTo("0.999999999999999999");
        assertThat(printed(new BigDecimal("-0.000000000000000001"))).isEqualTo("-0.000000000000000001");
        assertThat(printed(BigDecimal.valueOf(12345, 2))).isEqualTo("123.45");
        assertThat(TextValues.printsDecimal(new BigDecimal("1E+3"))).isFalse();
        assertThat(TextValues.printsDecimal(new BigDecimal("1234567890123456789"))).isFalse();
        assertThat(TextValues.printsDecimal(BigDecimal.valueOf(1, 19))).isFalse();
        RandomValues values = new RandomValues(12);
        int printedCount = 0;
        for (int i = 0; i < 200_000; i++) {
            BigDecimal value = values.decimal();
            if (TextValues.printsDecimal(value)) {
                assertThat(printed(value)).as(value.toString()).isEqualTo(value.toPlainString());
                printedCount++;
            }
        }
        assertThat(printedCount).isGreaterThan(100_000);
    }

    @Test
    void printedDatesAreLocalDateToString() {
        assertThat(printed(LocalDate.of(0, 1, 1))).isEqualTo("0000-01-01");
        assertThat(printed(LocalDate.of(1582, 10, 4))).isEqualTo("1582-10-04");
        assertThat(printed(LocalDate.of(1582, 10, 15))).isEqualTo("1582-10-15");
        assertThat(printed(LocalDate.of(1969, 12, 31))).isEqualTo("1969-12-31");
        assertThat(printed(LocalDate.of(9999, 12, 31))).isEqualTo("9999-12-31");
        assertThat(TextValues.printsDate(LocalDate.of(-1, 1, 1))).isFalse();
        assertThat(TextValues.printsDate(LocalDate.of(10_000, 1, 1))).isFalse();
        RandomValues values = new RandomValues(13);
        for (int i = 0; i < 200_000; i++) {
            LocalDate date = values.date();
            if (TextValues.printsDate(date)) {
                assertThat(printed(date)).isEqualTo(date.toString()).isEqualTo(TextValues.format(date));
            }
        }
    }

    @Test
    void printedTimestampsAndTimesAreTheirTextForms() {
        assertThat(printed(LocalDateTime.of(1, 1, 1, 0, 0, 0, 1))).isEqualTo("0001-01-01 00:00:00.000000001");
        assertThat(printed(LocalDateTime.of(1582, 10, 4, 23, 59, 59))).isEqualTo("1582-10-04 23:59:59");
        assertThat(printed(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999)))
                .isEqualTo("1969-12-31 23:59:59.999999999");
        assertThat(TextValues.printsTimestamp(LocalDateTime.of(0, 1, 1, 0, 0))).isFalse();
        assertThat(TextValues.printsTimestamp(LocalDateTime.of(10_000, 1, 1, 0, 0))).isFalse();
        RandomValues values = new RandomValues(14);
        for (int i = 0; i < 200_000; i++) {
            LocalDateTime t = values.timestamp();
            if (TextValues.printsTimestamp(t)) {
                assertThat(printed(t)).isEqualTo(REFERENCE.format(t));
            }
            LocalTime time = t.toLocalTime();
            assertThat(printed(time)).isEqualTo(REFERENCE.format(time.atDate(LocalDate.EPOCH)).substring(11));
        }
    }

    /**
     * Each print method writes in the middle of a buffer, nothing before its place and at most LONGEST_PRINTED
     * characters (a fraction's trailing zeros are written, then left out of the text).
     */
    private static String printed(Object value) {
        char[] buffer = new char[3 + TextValues.LONGEST_PRINTED + 3];
        java.util.Arrays.fill(buffer, '~');
        int end;
        if (value instanceof Long) {
            end = TextValues.printLong(buffer, 3, (Long) value);
        } else if (value instanceof BigDecimal) {
            end = TextValues.printDecimal(buffer, 3, (BigDecimal) value);
        } else if (value instanceof LocalDate) {
            end = TextValues.printDate(buffer, 3, (LocalDate) value);
        } else if (value instanceof LocalDateTime) {
            end = TextValues.printTimestamp(buffer, 3, (LocalDateTime) value);
        } else {
            end = TextValues.printTime(buffer, 3, (LocalTime) value);
        }
        String all = new String(buffer);
        assertThat(all.substring(0, 3) + all.substring(3 + TextValues.LONGEST_PRINTED)).isEqualTo("~~~~~~");
        return all.substring(3, end);
    }

    @Test
    void theUnsynchronizedWriterPassesLongAndShortTextThroughUnchanged() throws IOException {
        StringWriter target = new StringWriter();
        StringBuilder expected = new StringBuilder();
        try (UnsynchronizedBufferedWriter writer = new UnsynchronizedBufferedWriter(target, 16)) {
            String longText = "0123456789abcdefghijklmnopqrstuvwxyz";
            writer.append(longText, 3, 30).append('|').write(longText.toCharArray(), 0, 36);
            writer.append(new StringBuilder("sb"), 0, 1);
            writer.write('!');
            expected.append(longText, 3, 30).append('|').append(longText).append('s').append('!');
        }
        assertThat(target.toString()).isEqualTo(expected.toString());
    }

    private static int nanos(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return 0;
            case 1:
                return random.nextInt(1000) * 1_000_000;
            case 2:
                return random.nextInt(1_000_000) * 1000;
            default:
                return random.nextInt(1_000_000_000);
        }
    }
}
