package fr.culture.atlas.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void aLineIsAPerfectCorrelationAndItsOwnLeastSquaresLine() {
        Correlation c = Correlation.of(new double[] {1, 2, 3, 4}, new double[] {5, 7, 9, 11});
        assertEquals(4, c.n());
        assertEquals(1, c.pearson(), 1e-12);
        assertEquals(1, c.spearman(), 1e-12);
        assertEquals(2, c.slope(), 1e-12);
        assertEquals(3, c.intercept(), 1e-12);
    }

    @Test
    void spearmanSeesAMonotonicRelationThatPearsonUnderrates() {
        // y = x³ with one large territory: monotonic (ρ = 1), not linear (r < 1)
        double[] x = {1, 2, 3, 4, 10};
        double[] y = {1, 8, 27, 64, 1000};
        Correlation c = Correlation.of(x, y);
        assertEquals(1, c.spearman(), 1e-12);
        assertTrue(c.pearson() < 0.99, "r = " + c.pearson());
        // Pearson's r of these points, computed apart (numpy.corrcoef)
        assertEquals(0.96404, c.pearson(), 1e-5);
    }

    @Test
    void tiedValuesShareTheirAverageRank() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 6, 6, 6}, Correlation.ranks(new double[] {1, 2, 2, 3, 5, 5, 5}));
        assertArrayEquals(new double[] {3, 1, 2}, Correlation.ranks(new double[] {9, -1, 0}));
    }

    @Test
    void valuesThatDoNotVaryHaveNoCorrelation() {
        // 0.1 is not exact in binary: a mean of three 0.1 leaves a spread of rounding, not a trend
        Correlation c = Correlation.of(new double[] {0.1, 0.1, 0.1}, new double[] {1, 2, 4});
        assertTrue(Double.isNaN(c.pearson()));
        assertTrue(Double.isNaN(c.spearman()));
        assertTrue(Double.isNaN(c.slope()));
        Correlation flat = Correlation.of(new double[] {1, 2, 4}, new double[] {0.1, 0.1, 0.1});
        assertTrue(Double.isNaN(flat.pearson()));
        assertEquals(0, flat.slope(), "y does not move with x");
    }
}
