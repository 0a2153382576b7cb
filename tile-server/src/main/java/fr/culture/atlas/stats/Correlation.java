package fr.culture.atlas.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How two indicators vary together over the territories that have both: Pearson's r (linear),
 * Spearman's ρ (monotonic: Pearson's r of the ranks, ties sharing their average rank, so that a
 * few very large communes do not make the whole relation) and the least-squares line of y on x.
 *
 * @param n         how many territories have both values
 * @param pearson   Pearson's correlation coefficient, NaN when x or y does not vary
 * @param spearman  Spearman's rank correlation, NaN when x or y does not vary
 * @param slope     of the least-squares line y = slope × x + intercept (NaN when x does not vary)
 * @param intercept of that line
 */
public record Correlation(int n, double pearson, double spearman, double slope, double intercept) {

    /** The fewest territories that make a relation worth computing: two points are always on a line. */
    public static final int MIN_POINTS = 3;

    /** @param x, y the values of the same territories, in the same order */
    public static Correlation of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y hold " + x.length + " and " + y.length + " values");
        }
        // values that do not vary have no correlation: their mean is not exact in floating point
        // (0.1 three times), and a tiny non-zero spread would make a trend out of rounding
        if (constant(x) || constant(y)) {
            return new Correlation(x.length, Double.NaN, Double.NaN, constant(x) ? Double.NaN : 0,
                    constant(x) ? Double.NaN : Arrays.stream(y).average().orElse(Double.NaN));
        }
        Moments values = Moments.of(x, y);
        return new Correlation(x.length, values.r(), Moments.of(ranks(x), ranks(y)).r(),
                values.slope(), values.intercept());
    }

    private static boolean constant(double[] v) {
        return Arrays.stream(v).min().orElse(0) == Arrays.stream(v).max().orElse(0);
    }

    /** Means, and sums of squared and crossed deviations from them. */
    private record Moments(double mx, double my, double sxx, double syy, double sxy) {
        static Moments of(double[] x, double[] y) {
            double mx = Arrays.stream(x).average().orElse(Double.NaN);
            double my = Arrays.stream(y).average().orElse(Double.NaN);
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int i = 0; i < x.length; i++) {
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
                sxy += (x[i] - mx) * (y[i] - my);
            }
            return new Moments(mx, my, sxx, syy, sxy);
        }

        double r() {
            return sxy / Math.sqrt(sxx * syy);
        }

        double slope() {
            return sxy / sxx;
        }

        double intercept() {
            return my - slope() * mx;
        }
    }

    /** Ranks from 1, equal values sharing the average of the ranks they span. */
    static double[] ranks(double[] v) {
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[v.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && v[order[end + 1]] == v[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }
}
