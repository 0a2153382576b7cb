package fr.culture.atlas.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * The zoom bands of generalisation: each band holds one copy of every level's geometry,
 * simplified for its deepest zoom, and serves every zoom in its range.
 *
 * <p>A "pixel" here is one of the 256 × 256 of a tile at that zoom (the raster convention the
 * coverage measurement of {@code ./atlas bench} uses too).
 */
public final class ZoomBands {

    /**
     * One band: zooms {@code minZoom..maxZoom}, simplified with {@code tolerance} metres (0 =
     * source detail), territories smaller than {@code minArea} square metres merged into a neighbour.
     */
    public record Band(int index, int minZoom, int maxZoom, double tolerance, double minArea) {
    }

    /** Size of a 256-pixel tile's pixel at zoom 0 in Web Mercator metres. */
    private static final double PIXEL_AT_ZOOM_0 = 2 * WebMercator.HALF_WORLD / 256;

    /**
     * One band per zoom up to 7, where a zoom step changes most which territories can be seen,
     * then pairs; the last band keeps the source's detail. A band is simplified to half a pixel at
     * its deepest zoom (below what anyone can see; less up to zoom 4), and a territory under one pixel there is
     * merged into a neighbour ({@link Coalescer}): every territory of at least a pixel at a zoom
     * keeps its own polygon, and no smaller one leaves a hole.
     */
    public static final List<Band> ALL = bands();

    private ZoomBands() {
    }

    private static List<Band> bands() {
        List<Band> bands = new ArrayList<>();
        for (int z = 0; z <= 7; z++) {
            bands.add(band(bands.size(), z, z));
        }
        bands.add(band(bands.size(), 8, 9));
        bands.add(band(bands.size(), 10, 11));
        bands.add(new Band(bands.size(), 12, 22, 0, 0));
        return List.copyOf(bands);
    }

    private static Band band(int index, int minZoom, int maxZoom) {
        double pixel = pixel(maxZoom);
        // at the world zooms France is a few dozen pixels wide: each level's outline is simplified
        // on its own, and half a pixel there made their coastlines differ by 2–4 % of the cells
        // (the bytes of these bands are a few KB)
        double tolerance = maxZoom <= 2 ? pixel / 32 : maxZoom <= 4 ? pixel / 4 : pixel / 2;
        return new Band(index, minZoom, maxZoom, tolerance, pixel * pixel);
    }

    /** Size of one pixel at zoom {@code z}, in Web Mercator metres. */
    public static double pixel(int z) {
        return PIXEL_AT_ZOOM_0 / (1 << z);
    }

    /** The band that serves zoom {@code z}. */
    public static Band of(int z) {
        for (Band band : ALL) {
            if (z <= band.maxZoom()) {
                return band;
            }
        }
        return ALL.getLast();
    }

    /** The band of source detail. */
    public static Band finest() {
        return ALL.getLast();
    }
}
