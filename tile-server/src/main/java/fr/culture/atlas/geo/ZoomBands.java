package fr.culture.atlas.geo;

import java.util.List;

/**
 * The zoom bands of generalisation: each band holds one copy of every level's geometry,
 * simplified for its deepest zoom, and serves every zoom in its range.
 */
public final class ZoomBands {

    /** One band: zooms {@code minZoom..maxZoom}, simplified with {@code tolerance} metres (0 = source detail). */
    public record Band(int index, int minZoom, int maxZoom, double tolerance) {
    }

    /** Size of a 256-pixel tile's pixel at zoom 0 in Web Mercator metres. */
    private static final double PIXEL_AT_ZOOM_0 = 2 * WebMercator.HALF_WORLD / 256;

    /**
     * Half a screen pixel at the band's deepest zoom: below what anyone can see, so tiles are
     * as small as they can be without a visible change. The last band keeps the source's detail.
     */
    public static final List<Band> ALL = List.of(
            band(0, 0, 3), band(1, 4, 5), band(2, 6, 7), band(3, 8, 9), band(4, 10, 11),
            new Band(5, 12, 22, 0));

    private ZoomBands() {
    }

    private static Band band(int index, int minZoom, int maxZoom) {
        return new Band(index, minZoom, maxZoom, PIXEL_AT_ZOOM_0 / (1 << maxZoom) / 2);
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
