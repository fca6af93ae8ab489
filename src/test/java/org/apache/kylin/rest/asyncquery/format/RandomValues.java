package org.apache.kylin.rest.asyncquery.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;

/**
 * Random values of every type a JDBC read hands the writers, weighted towards the edges: the extremes of each
 * integer type, negative zero, NaN and the infinities, decimals of every scale (and some that no fast path prints),
 * dates and timestamps before 1970, around the Gregorian cutover and outside years 1-9999, nanosecond fractions, and
 * text with separators, quotes, line breaks, formula starts, spaces at either end and non-ASCII characters.
 */
final class RandomValues {
    private static final String TEXT_CHARACTERS = "ab Z09,;|\t\"'\r\n#!=+-@.: 中文é\u00a0";
    private static final long[] EDGE_LONGS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Integer.MIN_VALUE,
        Integer.MAX_VALUE, 0, -1, 1, 9, 10, -10, 99, 100, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
        -999_999_999_999_999_999L, -1_000_000_000_000_000_000L};
    private static final double[] EDGE_DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e7,
        1e-3, 9_999_999.999, 0.001, 1e23, 2e-44, 0.1, 123.456, 9_999_999, -9_999_999, 1, -1, 10_000_001};

    private final Random random;

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    /** A value of a random type, or null. */
    Object any() {
        switch (random.nextInt(12)) {
            case 0:
                return null;
            case 1:
                return text();
            case 2:
                return longValue();
            case 3:
                return (int) longValue();
            case 4:
                return random.nextBoolean() ? (Object) (short) random.nextInt() : (Object) (byte) random.nextInt();
            case 5:
                return decimal();
            case 6:
                return doubleValue();
            case 7:
                return random.nextInt(4) == 0 ? (float) doubleValue() : Float.intBitsToFloat(random.nextInt());
            case 8:
                return date();
            case 9:
                return timestamp();
            case 10:
                return time();
            default:
                return random.nextBoolean();
        }
    }

    String text() {
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(TEXT_CHARACTERS.charAt(random.nextInt(TEXT_CHARACTERS.length())));
        }
        return text.toString();
    }

    long longValue() {
        switch (random.nextInt(4)) {
            case 0:
                return EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
            case 1:
                return random.nextLong();
            case 2:
                return random.nextInt();
            default:
                return random.nextInt(2001) - 1000;
        }
    }

    /** Mostly what DECIMAL(p,s) up to p = 18 holds; sometimes more digits, or a scale below 0 or above 18. */
    BigDecimal decimal() {
        int scale = random.nextInt(10) == 0 ? random.nextInt(41) - 10 : random.nextInt(19);
        BigInteger unscaled;
        switch (random.nextInt(5)) {
            case 0:
                unscaled = new BigInteger(random.nextInt(100) + 1, random);
                break;
            case 1:
                unscaled = BigInteger.valueOf(random.nextInt(2001) - 1000);
                break;
            case 2:
                unscaled = BigInteger.valueOf(EDGE_LONGS[random.nextInt(EDGE_LONGS.length)]);
                break;
            default:
                unscaled = BigInteger.valueOf(random.nextLong() >> random.nextInt(63));
                break;
        }
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
    }

    double doubleValue() {
        switch (random.nextInt(5)) {
            case 0:
                return EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)];
            case 4:
                // Whole numbers on both sides of ten million, where the writers' fast path for them stops.
                return random.nextInt(25_000_000) - 12_500_000;
            case 1:
                return Double.longBitsToDouble(random.nextLong());
            case 2:
                return random.nextInt(1_000_000) / 7.0;
            default:
                return random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        }
    }

    LocalDate date() {
        switch (random.nextInt(4)) {
            case 0:
                // Around the Gregorian cutover (1582-10-15), and as far again before it, around year 0.
                return LocalDate.of(1582, 10, 15).plusDays(random.nextInt(20_001) - 10_000)
                        .minusYears(random.nextBoolean() ? 0 : 1582);
            case 1:
                return LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000);
            case 2:
                return LocalDate.of(random.nextInt(40_001) - 20_000, 1 + random.nextInt(12), 1 + random.nextInt(28));
            default:
                return LocalDate.ofEpochDay(random.nextInt(3_000_000) - 1_000_000);
        }
    }

    LocalDateTime timestamp() {
        return date().atTime(time());
    }

    LocalTime time() {
        int nano;
        switch (random.nextInt(4)) {
            case 0:
                nano = 0;
                break;
            case 1:
                nano = random.nextInt(1000) * 1_000_000;
                break;
            case 2:
                nano = random.nextInt(1_000_000) * 1000;
                break;
            default:
                nano = random.nextInt(1_000_000_000);
                break;
        }
        return LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60), nano);
    }
}
