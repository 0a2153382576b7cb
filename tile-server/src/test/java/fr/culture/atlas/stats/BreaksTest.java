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
}
