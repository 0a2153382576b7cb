package fr.culture.atlas.importer;

import java.util.Arrays;
import java.util.Collection;

/**
 * Flags values far from the others of the same indicator and level: more than {@value #LIMIT}
 * median absolute deviations (MAD) from the median. Robust statistics, because a mean and a
 * standard deviation are dragged by the very outliers they should reveal. The values are kept;
 * the report asks a person to look.
 *
 * <p>Populations, densities and amounts span several orders of magnitude (a village, Paris):
 * on such data a linear MAD flags every town. When the positive values span more than three
 * orders of magnitude the test runs on their logarithm, and zeros and negatives are not tested.
 *
 * @param log    the test runs on log10 of the values
 * @param median median of the tested values (log10 when {@code log})
 * @param mad    median absolute deviation, idem
 */
record Outliers(boolean log, double median, double mad) {

    static final double LIMIT = 6;

    /** The test for these values, or null when there are too few or MAD is zero. */
    static Outliers of(Collection<Object> values) {
        double[] v = values.stream().filter(o -> o instanceof Double).mapToDouble(o -> (Double) o).toArray();
        double[] positive = Arrays.stream(v).filter(x -> x > 0).toArray();
        boolean log = positive.length >= 3
                && Arrays.stream(positive).max().getAsDouble() > 1000 * Arrays.stream(positive).min().getAsDouble();
        double[] tested = log ? Arrays.stream(positive).map(Math::log10).toArray() : v;
        if (tested.length < 3) {
            return null;
        }
        double median = median(tested);
        double mad = median(Arrays.stream(tested).map(x -> Math.abs(x - median)).toArray());
        // half the territories at the same value (often zero): every other value would be flagged
        return mad == 0 ? null : new Outliers(log, median, mad);
    }

    boolean outlier(double value) {
        if (log && value <= 0) {
            return false;
        }
        double x = log ? Math.log10(value) : value;
        return Math.abs(x - median) > LIMIT * mad;
    }

    /** The range of values not flagged, in the indicator's unit. */
    double[] range() {
        double lo = median - LIMIT * mad;
        double hi = median + LIMIT * mad;
        return log ? new double[] {Math.pow(10, lo), Math.pow(10, hi)} : new double[] {lo, hi};
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
