package org.apache.kylin.asyncquery.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small statistics and number formats for the reports. */
final class Figures {
    private Figures() {
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Least-squares line through (x, y): {slope, intercept, r squared}. */
    static double[] linearFit(double[] x, double[] y) {
        int n = x.length;
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        return new double[] {slope, my - slope * mx, sxy * sxy / (sxx * syy)};
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    static String mb(double bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }

    static String mbPerSecond(double bytes, double seconds) {
        return String.format(Locale.ROOT, "%,.0f MB/s", bytes / 1e6 / seconds);
    }

    static String rowsPerSecond(double rows, double seconds) {
        return String.format(Locale.ROOT, "%,.0f rows/s", rows / seconds);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
