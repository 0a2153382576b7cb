package fr.culture.atlas.geo;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;

/**
 * Generalises a polygonal coverage (all territories of one level) for every zoom band with
 * JTS's {@link CoverageSimplifier}: shared edges are simplified once, so neighbours keep
 * identical borders and no gap or sliver appears at any zoom.
 *
 * <p>Bands are computed from the finest to the coarsest, each from the previous one: the
 * input shrinks at every step, which keeps the whole chain a few seconds for 35,000 communes.
 */
public final class Generaliser {

    /** Gaps narrower than this (metres) between neighbours are reported as invalid edges. */
    public static final double GAP_WIDTH = 50;

    /** The generalised coverages, one per band, aligned with the input, and the validation counts. */
    public record Result(List<Geometry[]> bands, List<Integer> invalidBefore, List<List<Integer>> invalidAfter) {
    }

    private Generaliser() {
    }

    /**
     * Validates the coverage, simplifies it per band, validates each result.
     *
     * @param coverage polygons in EPSG:3857, one per territory
     * @return bands in {@link ZoomBands#ALL} order; indices of invalid polygons before and after
     */
    public static Result generalise(Geometry[] coverage) {
        int n = ZoomBands.ALL.size();
        List<Integer> before = invalid(CoverageValidator.validate(coverage, GAP_WIDTH));
        Geometry[][] bands = new Geometry[n][];
        List<List<Integer>> after = new ArrayList<>(java.util.Collections.nCopies(n, List.<Integer>of()));
        Geometry[] current = coverage;
        for (int i = n - 1; i >= 0; i--) {
            double tolerance = ZoomBands.ALL.get(i).tolerance();
            if (tolerance > 0) {
                current = CoverageSimplifier.simplify(current, tolerance);
                after.set(i, invalid(CoverageValidator.validate(current)));
            }
            bands[i] = current;
        }
        return new Result(List.of(bands), before, after);
    }

    private static List<Integer> invalid(Geometry[] validation) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < validation.length; i++) {
            if (validation[i] != null) {
                indices.add(i);
            }
        }
        return indices;
    }
}
