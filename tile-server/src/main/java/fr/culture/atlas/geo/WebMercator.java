package fr.culture.atlas.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Spherical Web Mercator (EPSG:3857), the projection of the tiles.
 *
 * <p>The WGS84 to 3857 formula is closed-form, so it is applied directly rather than through a
 * general reprojection library: it is exact and allocation-free.
 */
public final class WebMercator {

    /** Earth radius of the spherical model, metres. */
    public static final double RADIUS = 6378137.0;
    /** Half the width of the projected world, metres. */
    public static final double HALF_WORLD = Math.PI * RADIUS;
    /** Latitude limit of the square projected world. */
    public static final double MAX_LATITUDE = 85.0511287798066;

    private WebMercator() {
    }

    public static double x(double longitude) {
        return Math.toRadians(longitude) * RADIUS;
    }

    public static double y(double latitude) {
        double lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
        return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) * RADIUS;
    }

    public static double longitude(double x) {
        return Math.toDegrees(x / RADIUS);
    }

    public static double latitude(double y) {
        return Math.toDegrees(2 * Math.atan(Math.exp(y / RADIUS)) - Math.PI / 2);
    }

    /** Projects a WGS84 geometry in place and returns it. */
    public static Geometry project(Geometry wgs84) {
        wgs84.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, x(seq.getOrdinate(i, 0)));
                seq.setOrdinate(i, 1, y(seq.getOrdinate(i, 1)));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return wgs84;
    }

    /** The WGS84 bounds [west, south, east, north] of a 3857 envelope. */
    public static double[] lonLatBounds(Envelope mercator) {
        return new double[] {longitude(mercator.getMinX()), latitude(mercator.getMinY()),
                longitude(mercator.getMaxX()), latitude(mercator.getMaxY())};
    }
}
