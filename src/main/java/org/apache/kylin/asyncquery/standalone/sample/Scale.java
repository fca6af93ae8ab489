package org.apache.kylin.asyncquery.standalone.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The {@code --scale} factor: a positive decimal. Fact tables grow linearly with it, dimension
 * tables with its square root, so a large scale still joins against realistic dimensions
 * without them dominating the output.
 */
final class Scale {

    static final Scale ONE = new Scale(BigDecimal.ONE);

    private final BigDecimal factor;

    private Scale(BigDecimal factor) {
        this.factor = factor;
    }

    /** Parses a positive decimal such as {@code 1}, {@code 0.5} or {@code 100}. */
    static Scale parse(String text) {
        BigDecimal factor;
        try {
            factor = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale must be a positive decimal, got: " + text);
        }
        if (factor.signum() <= 0) {
            throw new IllegalArgumentException("--scale must be positive, got: " + text);
        }
        return new Scale(factor);
    }

    BigDecimal factor() {
        return factor;
    }

    /** {@code base * scale}, rounded half-up, at least 1. */
    int linear(int base) {
        return toRowCount(factor.multiply(BigDecimal.valueOf(base)).setScale(0, RoundingMode.HALF_UP));
    }

    /** {@code base * sqrt(scale)}, rounded half-up, at least 1. */
    int sqrt(int base) {
        // Math.sqrt is correctly rounded by specification, so this is the same on every JVM.
        double rows = base * Math.sqrt(factor.doubleValue());
        return toRowCount(new BigDecimal(rows).setScale(0, RoundingMode.HALF_UP));
    }

    private static int toRowCount(BigDecimal rows) {
        if (rows.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("scale too large: " + rows + " rows");
        }
        return Math.max(1, rows.intValueExact());
    }

    @Override
    public String toString() {
        return factor.toPlainString();
    }
}
