package org.apache.kylin.asyncquery.standalone.sample;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;

/**
 * Deterministic random values for one table. Wraps {@link java.util.Random}, whose algorithm is
 * fixed by its specification, so a given seed yields the same sequence on every JVM. Each table
 * uses its own seed so that changing one table never shifts the values of another.
 */
final class SeededRandom {

    private static final String ALNUM =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    SeededRandom(long seed) {
        this.random = new Random(seed);
    }

    /** Uniform int in {@code [min, max]}. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** Uniform long in {@code [min, max]}; the range must fit in an int. */
    long between(long min, long max) {
        long span = max - min + 1;
        if (span <= 0 || span > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("range too wide: " + min + ".." + max);
        }
        return min + random.nextInt((int) span);
    }

    /** True with probability {@code percent}/100. */
    boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Uniform date in {@code [first, last]}. */
    LocalDate date(LocalDate first, LocalDate last) {
        return first.plusDays(between(0L, last.toEpochDay() - first.toEpochDay()));
    }

    /** Uniform decimal in {@code [minUnscaled, maxUnscaled] / 10^scale}. */
    BigDecimal decimal(long minUnscaled, long maxUnscaled, int scale) {
        return BigDecimal.valueOf(between(minUnscaled, maxUnscaled), scale);
    }

    /** Random letters and digits, length in {@code [minLength, maxLength]}. */
    String alphanumeric(int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return text.toString();
    }

    /** Space-separated words from {@code words}, count in {@code [minWords, maxWords]}. */
    String words(String[] words, int minWords, int maxWords) {
        int count = between(minWords, maxWords);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(pick(words));
        }
        return text.toString();
    }

    /** Random digits, exactly {@code length} of them (leading zeros kept). */
    String digits(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }
}
