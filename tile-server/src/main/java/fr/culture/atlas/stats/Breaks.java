package fr.culture.atlas.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Class breaks of a choropleth: the upper bounds of {@code classes} classes over the values,
 * and the number of values in each class (a value equal to a bound falls in the lower class).
 *
 * @param breaks  the lowest value, then the upper bound of each class (classes + 1 numbers)
 * @param counts  values per class
 */
public record Breaks(String method, List<Double> breaks, List<Integer> counts) {

    /** The classification methods, as named in URLs. */
    public enum Method {
        QUANTILE, EQUAL, JENKS, STDDEV;

        public static Method parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MIN_CLASSES = 3;
    public static final int MAX_CLASSES = 9;

    /** Computes breaks; fewer distinct values than classes give fewer classes. */
    public static Breaks of(double[] values, Method method, int classes) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Breaks(method.id(), List.of(), List.of());
        }
        int k = (int) Math.min(classes, Arrays.stream(sorted).distinct().count());
        double[] bounds = switch (method) {
            case QUANTILE -> quantile(sorted, k);
            case EQUAL -> equal(sorted, k);
            case JENKS -> jenks(sorted, k);
            case STDDEV -> stddev(sorted, k);
        };
        return new Breaks(method.id(), Arrays.stream(bounds).boxed().toList(), counts(sorted, bounds));
    }

    /**
     * Quantiles. A value shared by more than a class's share of the territories (zero monuments in
     * most communes, then one in most of the others; 100 % in small ones) would collapse the
     * classes around it: the minimum then gets a class of its own (bounds {@code [v, v]}) and the
     * values above it are divided again the same way into the classes left; the maximum likewise.
     */
    private static double[] quantile(double[] sorted, int k) {
        int n = sorted.length;
        int atMax = 0;
        while (atMax < n && sorted[n - 1 - atMax] == sorted[n - 1]) {
            atMax++;
        }
        if (k >= 3 && atMax > n / k && atMax < n) {
            double[] below = quantile(Arrays.copyOfRange(sorted, 0, n - atMax), k - 1);
            if (below.length < 2) {
                below = new double[] {sorted[0], sorted[n - 1 - atMax]};
            }
            double[] b = Arrays.copyOf(below, below.length + 1);
            b[below.length] = sorted[n - 1]; // the class of the maximum alone
            return b;
        }
        return quantileAboveMin(sorted, k);
    }

    private static double[] quantileAboveMin(double[] sorted, int k) {
        int n = sorted.length;
        int atMin = 0;
        while (atMin < n && sorted[atMin] == sorted[0]) {
            atMin++;
        }
        if (k < 2 || atMin <= n / k || atMin == n) {
            return plainQuantile(sorted, k);
        }
        double[] rest = Arrays.copyOfRange(sorted, atMin, n);
        double[] above = quantileAboveMin(rest, (int) Math.min(k - 1, Arrays.stream(rest).distinct().count()));
        if (above.length < 2) {
            // the values above the minimum are all one value: one class for it
            return new double[] {sorted[0], sorted[0], rest[rest.length - 1]};
        }
        double[] b = new double[above.length + 1];
        b[0] = sorted[0];
        b[1] = sorted[0]; // the class of the minimum alone
        System.arraycopy(above, 1, b, 2, above.length - 1);
        return b;
    }

    private static double[] plainQuantile(double[] sorted, int k) {
        double[] b = new double[k + 1];
        b[0] = sorted[0];
        for (int i = 1; i <= k; i++) {
            b[i] = sorted[Math.min(sorted.length - 1, (int) Math.ceil((double) i * sorted.length / k) - 1)];
        }
        return dedupe(b);
    }

    private static double[] equal(double[] sorted, int k) {
        double min = sorted[0];
        double step = (sorted[sorted.length - 1] - min) / k;
        double[] b = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            b[i] = min + i * step;
        }
        b[k] = sorted[sorted.length - 1];
        return b;
    }

    /** Classes of one standard deviation centred on the mean, the outer ones open to min and max. */
    private static double[] stddev(double[] sorted, int k) {
        double mean = Arrays.stream(sorted).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / sorted.length);
        double[] b = new double[k + 1];
        b[0] = sorted[0];
        b[k] = sorted[sorted.length - 1];
        for (int i = 1; i < k; i++) {
            b[i] = Math.max(sorted[0], Math.min(sorted[sorted.length - 1], mean + (i - k / 2.0) * sd));
        }
        return dedupe(b);
    }

    /**
     * Fisher's exact natural breaks: the partition into k classes of consecutive sorted values
     * that minimises the sum of squared deviations from the class means. The dynamic programme
     * uses the monotonicity of the optimal split (divide and conquer), O(k·n·log n), so that
     * 35,000 communes take milliseconds rather than the O(k·n²) of the textbook version.
     */
    static double[] jenks(double[] sorted, int k) {
        int n = sorted.length;
        double[] prefix = new double[n + 1];
        double[] prefixSq = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + sorted[i];
            prefixSq[i + 1] = prefixSq[i] + sorted[i] * sorted[i];
        }
        double[] previous = new double[n];
        for (int i = 0; i < n; i++) {
            previous[i] = ssq(prefix, prefixSq, 0, i);
        }
        int[][] split = new int[k][n];
        for (int c = 1; c < k; c++) {
            double[] current = new double[n];
            solve(c, c, n - 1, c, n - 1, previous, current, split[c], prefix, prefixSq);
            previous = current;
        }
        double[] b = new double[k + 1];
        b[0] = sorted[0];
        int end = n - 1;
        for (int c = k - 1; c >= 0; c--) {
            b[c + 1] = sorted[end];
            end = c == 0 ? end : split[c][end] - 1;
        }
        return b;
    }

    /** Fills current[i] for i in [lo, hi] knowing the best first index of the last class lies in [optLo, optHi]. */
    private static void solve(int c, int lo, int hi, int optLo, int optHi, double[] previous, double[] current,
                              int[] split, double[] prefix, double[] prefixSq) {
        if (lo > hi) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        double best = Double.MAX_VALUE;
        int bestJ = optLo;
        for (int j = Math.max(optLo, c); j <= Math.min(mid, optHi); j++) {
            double cost = previous[j - 1] + ssq(prefix, prefixSq, j, mid);
            if (cost < best) {
                best = cost;
                bestJ = j;
            }
        }
        current[mid] = best;
        split[mid] = bestJ;
        solve(c, lo, mid - 1, optLo, bestJ, previous, current, split, prefix, prefixSq);
        solve(c, mid + 1, hi, bestJ, optHi, previous, current, split, prefix, prefixSq);
    }

    /** Sum of squared deviations of sorted[from..to] from their mean. */
    private static double ssq(double[] prefix, double[] prefixSq, int from, int to) {
        int n = to - from + 1;
        double sum = prefix[to + 1] - prefix[from];
        return Math.max(0, prefixSq[to + 1] - prefixSq[from] - sum * sum / n);
    }

    private static double[] dedupe(double[] b) {
        return Arrays.stream(b).distinct().toArray();
    }

    private static List<Integer> counts(double[] sorted, double[] bounds) {
        List<Integer> counts = new ArrayList<>();
        int i = 0;
        for (int c = 1; c < bounds.length; c++) {
            int count = 0;
            while (i < sorted.length && (sorted[i] <= bounds[c] || c == bounds.length - 1)) {
                count++;
                i++;
            }
            counts.add(count);
        }
        return counts;
    }
}
