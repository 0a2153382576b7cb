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

    /**
     * What a band may put in one tile, in estimated bytes: {@link #estimate} of its polygons. A
     * band that would put more in a tile (the commune level at zoom 5: 14,103 communes of a pixel or
     * more in tile 5/16/11, ~580 KB) has its merge threshold raised until none does, rather than
     * letting the encoder drop features (holes). 200 KB leaves a fifth of the 250 KB tile budget
     * for a second indicator's values and the estimate's error.
     */
    public static final int MAX_TILE_BYTES = 200 * 1024;

    /** Most merge rounds for one band (each at least a quarter more): ample for a threshold of 1 to 10^4 pixels. */
    private static final int MAX_ROUNDS = 40;

    /** The bands up to this zoom are each simplified from the {@link #WORLD_ROOT} geometry, not from one another. */
    private static final int WORLD_ZOOMS = 4;

    /**
     * The band whose simplified geometry the world bands start from. Every band simplified on the
     * way down moves an outline by up to half a pixel of its own zoom, and each level (its edges
     * split at different nodes) moves differently: from zoom 5 the communes' and the régions'
     * coastlines ended about a tenth of a zoom-2 pixel apart, 5 cells of 816 (99.39 %); from zoom 7
     * the drift is four times smaller, for one more merge of a band that is already lean.
     */
    private static final int WORLD_ROOT = 7;

    /**
     * Bytes of a polygon in a lean tile with one indicator value, fitted on commune tiles of zooms
     * 4–6: about 25 per feature (id, type, code, headers) plus 11 for a value, and 2 per vertex.
     */
    static double estimate(double vertices) {
        return 36 + 2.1 * vertices;
    }

    /**
     * The generalised coverages, one per band, aligned with the input, and the validation counts.
     *
     * @param mergedBelow per band, the area in pixels of its deepest zoom under which territories
     *                    were merged into a neighbour (1, or more where a tile would be too full; 0: none)
     */
    public record Result(List<Geometry[]> bands, List<Integer> invalidBefore, List<List<Integer>> invalidAfter,
                         List<Double> mergedBelow) {
    }

    private Generaliser() {
    }

    /**
     * Validates the coverage, then per band from the finest: merges the territories under a pixel
     * into a neighbour ({@link Coalescer}), simplifies, validates the result.
     *
     * @param coverage polygons in EPSG:3857, one per territory
     * @return bands in {@link ZoomBands#ALL} order, aligned with the input (null where a territory
     *         was merged into a neighbour for that band); indices of invalid polygons before and after
     */
    public static Result generalise(Geometry[] coverage) {
        int n = ZoomBands.ALL.size();
        List<Integer> before = invalid(CoverageValidator.validate(coverage, GAP_WIDTH), identity(coverage.length));
        Geometry[][] bands = new Geometry[n][];
        List<List<Integer>> after = new ArrayList<>(java.util.Collections.nCopies(n, List.<Integer>of()));
        Double[] mergedBelow = new Double[n];
        java.util.Arrays.fill(mergedBelow, 0.0);
        Geometry[] current = coverage;
        Geometry[] worldRoot = null;
        for (int i = n - 1; i >= 0; i--) {
            ZoomBands.Band band = ZoomBands.ALL.get(i);
            if (band.maxZoom() == WORLD_ZOOMS && worldRoot != null) {
                current = worldRoot;
            }
            if (band.tolerance() > 0) {
                // merge what is under a pixel and simplify; while a tile would be too full, merge
                // more and simplify again. Between simplifications the estimate scales the merged
                // vertices by the share this band's simplification kept (simplifying 35,000
                // communes is the slow part, so it is done at most twice)
                double minArea = band.minArea();
                Geometry[] merged = Coalescer.coalesce(current, minArea);
                current = simplify(merged, band.tolerance());
                double kept = (double) points(current) / Math.max(1, points(merged));
                double fullest = fullestTile(current, band.maxZoom(), 1);
                // bounded: islands and groups too large to merge further can keep a tile over the
                // estimate, and the encoder's drop of the smallest features is then the last guard
                for (int round = 0; fullest > MAX_TILE_BYTES && round < MAX_ROUNDS; round++) {
                    while (fullest > MAX_TILE_BYTES && round++ < MAX_ROUNDS) {
                        minArea *= Math.max(1.25, fullest / MAX_TILE_BYTES);
                        merged = Coalescer.coalesce(merged, minArea);
                        fullest = fullestTile(merged, band.maxZoom(), kept);
                    }
                    current = simplify(merged, band.tolerance());
                    fullest = fullestTile(current, band.maxZoom(), 1);
                }
                mergedBelow[i] = minArea / band.minArea();
                after.set(i, validate(current));
                bands[i] = current;
                if (band.maxZoom() == WORLD_ROOT) {
                    worldRoot = current;
                }
                // the world zooms (France a few dozen pixels wide) start from the merged, not yet
                // simplified geometry: simplifying each band from the previous one adds up the
                // tolerances, and the levels' outlines drifted apart by 1–2 % of the cells at zoom 0–2
                if (band.maxZoom() <= WORLD_ZOOMS) {
                    current = merged;
                }
                continue;
            }
            bands[i] = current;
        }
        return new Result(List.of(bands), before, after, List.of(mergedBelow));
    }

    private static long points(Geometry[] geometries) {
        long points = 0;
        for (Geometry g : geometries) {
            points += g == null ? 0 : g.getNumPoints();
        }
        return points;
    }

    /**
     * The most bytes ({@link #estimate}) any one tile of zoom {@code z} would hold, by the polygons'
     * bounding boxes, their vertices counted {@code vertexShare} times.
     */
    static double fullestTile(Geometry[] geometries, int z, double vertexShare) {
        double size = 2 * WebMercator.HALF_WORLD / (1 << z);
        java.util.Map<Long, Double> perTile = new java.util.HashMap<>();
        double max = 0;
        for (Geometry g : geometries) {
            if (g == null || g.isEmpty()) {
                continue;
            }
            var env = g.getEnvelopeInternal();
            double bytes = estimate(g.getNumPoints() * vertexShare);
            int x0 = (int) Math.floor((env.getMinX() + WebMercator.HALF_WORLD) / size);
            int x1 = (int) Math.floor((env.getMaxX() + WebMercator.HALF_WORLD) / size);
            int y0 = (int) Math.floor((WebMercator.HALF_WORLD - env.getMaxY()) / size);
            int y1 = (int) Math.floor((WebMercator.HALF_WORLD - env.getMinY()) / size);
            for (int x = x0; x <= x1; x++) {
                for (int y = y0; y <= y1; y++) {
                    max = Math.max(max, perTile.merge(((long) x << 32) | y, bytes, Double::sum));
                }
            }
        }
        return max;
    }

    /** The coverage simplified (nulls, the merged territories, stay null). */
    private static Geometry[] simplify(Geometry[] coverage, double tolerance) {
        // the simplifier and validator take a coverage without holes in the array
        int[] kept = kept(coverage);
        Geometry[] compact = new Geometry[kept.length];
        for (int k = 0; k < kept.length; k++) {
            compact[k] = coverage[kept[k]];
        }
        compact = CoverageSimplifier.simplify(compact, tolerance);
        Geometry[] result = new Geometry[coverage.length];
        for (int k = 0; k < kept.length; k++) {
            result[kept[k]] = compact[k];
        }
        return result;
    }

    /** Input indices of the polygons of a simplified band (nulls skipped) that the validator flags. */
    private static List<Integer> validate(Geometry[] coverage) {
        int[] kept = kept(coverage);
        Geometry[] compact = new Geometry[kept.length];
        for (int k = 0; k < kept.length; k++) {
            compact[k] = coverage[kept[k]];
        }
        return invalid(CoverageValidator.validate(compact), kept);
    }

    private static int[] kept(Geometry[] geometries) {
        int count = 0;
        for (Geometry g : geometries) {
            count += g == null ? 0 : 1;
        }
        int[] kept = new int[count];
        for (int i = 0, k = 0; i < geometries.length; i++) {
            if (geometries[i] != null) {
                kept[k++] = i;
            }
        }
        return kept;
    }

    private static int[] identity(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    /** Input indices ({@code index[i]}) of the polygons the validator flagged. */
    private static List<Integer> invalid(Geometry[] validation, int[] index) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < validation.length; i++) {
            if (validation[i] != null) {
                indices.add(index[i]);
            }
        }
        return indices;
    }
}
