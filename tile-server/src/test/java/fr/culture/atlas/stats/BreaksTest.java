package fr.culture.atlas.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class BreaksTest {

    /** Counts like monuments per commune: most 0, most of the others 1. */
    @Test
    void tiesAtTheMinimumGetClassesOfTheirOwn() {
        double[] values = new double[1000];
        Arrays.fill(values, 0, 800, 0);
        Arrays.fill(values, 800, 950, 1);
        for (int i = 950; i < 1000; i++) {
            values[i] = 2 + (i - 950);
        }
        Breaks b = Breaks.of(values, Breaks.Method.QUANTILE, 5);
        assertEquals(List.of(800, 150), b.counts().subList(0, 2), "0 alone, then 1 alone: " + b);
        assertEquals(0.0, b.breaks().get(1));
        assertEquals(1.0, b.breaks().get(2));
        assertEquals(5, b.counts().size(), "still five classes");
        assertEquals(1000, b.counts().stream().mapToInt(Integer::intValue).sum());
    }

    /** Shares with many 100 % (small places where everyone works in the sector). */
    @Test
    void tiesAtTheMaximumGetAClassOfTheirOwn() {
        double[] values = new double[100];
        for (int i = 0; i < 60; i++) {
            values[i] = i + 1;
        }
        Arrays.fill(values, 60, 100, 100);
        Breaks b = Breaks.of(values, Breaks.Method.QUANTILE, 4);
        assertEquals(List.of(1.0, 20.0, 40.0, 60.0, 100.0), b.breaks());
        assertEquals(List.of(20, 20, 20, 40), b.counts(), "100 % alone in the last class");
    }

    /** Above a tied minimum, a single other value: two classes, every value within the bounds. */
    @Test
    void aSingleValueAboveTheMinimumKeepsItsClass() {
        Breaks b = Breaks.of(new double[] {0, 0, 0, 0, 1}, Breaks.Method.QUANTILE, 5);
        assertEquals(List.of(0.0, 0.0, 1.0), b.breaks());
        assertEquals(List.of(4, 1), b.counts());
        Breaks c = Breaks.of(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2}, Breaks.Method.QUANTILE, 5);
        assertEquals(2.0, c.breaks().getLast(), "the last bound is the maximum: " + c);
        assertEquals(13, c.counts().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void evenValuesKeepPlainQuantiles() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i;
        }
        Breaks b = Breaks.of(values, Breaks.Method.QUANTILE, 4);
        assertEquals(List.of(0.0, 24.0, 49.0, 74.0, 99.0), b.breaks());
        assertEquals(List.of(25, 25, 25, 25), b.counts());
    }

    /** Fisher–Jenks on a textbook series: the breaks fall in the gaps. */
    @Test
    void jenksFindsTheGaps() {
        double[] values = {1, 2, 3, 4, 20, 21, 22, 23, 50, 51, 52};
        Breaks b = Breaks.of(values, Breaks.Method.JENKS, 3);
        assertEquals(List.of(1.0, 4.0, 23.0, 52.0), b.breaks());
        assertEquals(List.of(4, 4, 3), b.counts());
    }

    /**
     * Against published reference values: the 50 integers of jenkspy's test suite
     * (github.com/mthh/jenkspy, tests/test_jenks.py, MIT), whose 4 natural classes it gives as
     * [1, 416, 767, 1083, 1424] holding 20, 9, 10 and 11 values.
     */
    @Test
    void jenksMatchesPublishedReferenceValues() {
        double[] values = {132, 915, 312, 1424, 1240, 1370, 113, 1028, 1078, 416, 963, 359, 1422, 658, 73, 1326,
            245, 848, 683, 255, 1223, 253, 654, 736, 1079, 39, 583, 1367, 1237, 327, 1083, 328, 951, 678, 927, 301,
            96, 297, 179, 230, 767, 1248, 1, 37, 1352, 1009, 663, 1283, 679, 230};
        Breaks b = Breaks.of(values, Breaks.Method.JENKS, 4);
        assertEquals(List.of(1.0, 416.0, 767.0, 1083.0, 1424.0), b.breaks());
        assertEquals(List.of(20, 9, 10, 11), b.counts());
    }

    /** The fast dynamic programme finds the same optimum as trying every partition, on awkward series. */
    @Test
    void jenksIsTheExactOptimum() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 30; trial++) {
            int n = 8 + random.nextInt(10);
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++) {
                // skewed, with ties: the shape of per-inhabitant values
                sorted[i] = Math.round(Math.exp(random.nextGaussian() * 1.5) * 10) / 10.0;
            }
            java.util.Arrays.sort(sorted);
            for (int k = 2; k <= 5; k++) {
                double[] fast = Breaks.jenks(sorted, k);
                assertEquals(bestCost(sorted, k), cost(sorted, fast), 1e-9,
                        "k=" + k + " " + java.util.Arrays.toString(sorted));
            }
        }
    }

    /** Sum of squared deviations of the classes that the upper bounds {@code breaks[1..]} make. */
    private static double cost(double[] sorted, double[] breaks) {
        double total = 0;
        int from = 0;
        for (int c = 1; c < breaks.length && from < sorted.length; c++) {
            int to = from;
            while (to < sorted.length && (sorted[to] <= breaks[c] || c == breaks.length - 1)) {
                to++;
            }
            total += squares(sorted, from, to);
            from = to;
        }
        return total;
    }

    /** The least cost over every split of the sorted values into k non-empty runs (exhaustive). */
    private static double bestCost(double[] sorted, int k) {
        return best(sorted, 0, k);
    }

    private static double best(double[] sorted, int from, int k) {
        if (k == 1) {
            return squares(sorted, from, sorted.length);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int end = from + 1; end <= sorted.length - (k - 1); end++) {
            // a class ends between two different values only: ties stay in one class
            if (end < sorted.length && sorted[end] == sorted[end - 1]) {
                continue;
            }
            best = Math.min(best, squares(sorted, from, end) + best(sorted, end, k - 1));
        }
        return best == Double.POSITIVE_INFINITY ? squares(sorted, from, sorted.length) : best;
    }

    private static double squares(double[] v, int from, int to) {
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += v[i];
        }
        mean /= Math.max(1, to - from);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (v[i] - mean) * (v[i] - mean);
        }
        return s;
    }
}
