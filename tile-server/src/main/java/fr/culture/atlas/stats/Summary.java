package fr.culture.atlas.stats;

import java.util.Arrays;

/**
 * Summary statistics of a numeric indicator at one level.
 *
 * @param count   territories with a value
 * @param missing territories without one ("non disponible")
 */
public record Summary(int count, int missing, Double min, Double max, Double median, Double mean) {

    /** Summarises the values; {@code missing} counts the territories without a value. */
    public static Summary of(double[] values, int missing) {
        if (values.length == 0) {
            return new Summary(0, missing, null, null, null, null);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Summary(n, missing, sorted[0], sorted[n - 1], median, sum / n);
    }
}
