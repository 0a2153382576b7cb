package fr.culture.atlas.importer;

import java.util.Arrays;
import java.util.Map;

/**
 * Flags values far from the others of the same indicator and level: more than {@value #LIMIT}
 * median absolute deviations (MAD) from the median. The values are kept; the entries ask a
 * person to look. Robust statistics, because a mean and a standard deviation are dragged by the
 * very outliers they should reveal.
 */
final class Outliers {

    static final double LIMIT = 6;

    private Outliers() {
    }

    /** Median and MAD of the numeric values, or null when there are too few or MAD is zero. */
    static double[] medianAndMad(Map<String, Object> values) {
        double[] v = values.values().stream().filter(o -> o instanceof Double).mapToDouble(o -> (Double) o).toArray();
        if (v.length < 3) {
            return null;
        }
        double median = median(v);
        double[] dev = Arrays.stream(v).map(x -> Math.abs(x - median)).toArray();
        double mad = median(dev);
        // half the territories at the same value (often zero): every other value would be flagged
        return mad == 0 ? null : new double[] {median, mad};
    }

    static boolean outlier(double value, double[] medianAndMad) {
        return Math.abs(value - medianAndMad[0]) > LIMIT * medianAndMad[1];
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
