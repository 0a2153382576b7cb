package fr.culture.atlas.tile;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring clipper, WKT in and WKT out, as JTS tests its own clippers: shapes whose answer is
 * known, then the area of random rings against JTS's overlay.
 */
class RingClipperTest {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** Clips the shell of {@code wkt} to the square [0, 10]²; null when nothing is left. */
    private static Polygon clip(String wkt) throws Exception {
        return clip((Polygon) new WKTReader().read(wkt), 0, 10);
    }

    private static Polygon clip(Polygon polygon, double min, double max) {
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        int n = ring.length - 1; // the clipper's rings are closed implicitly
        RingClipper clipper = new RingClipper();
        double[] points = clipper.buffer(n);
        for (int i = 0; i < n; i++) {
            points[2 * i] = ring[i].x;
            points[2 * i + 1] = ring[i].y;
        }
        n = clipper.clip(n, min, max);
        if (n == 0) {
            return null;
        }
        Coordinate[] out = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            out[i] = new Coordinate(clipper.points()[2 * i], clipper.points()[2 * i + 1]);
        }
        out[n] = out[0];
        return FACTORY.createPolygon(out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // inside: unchanged
        "POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2)); POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))",
        // over a corner: the corner's quarter
        "POLYGON ((-5 -5, 5 -5, 5 5, -5 5, -5 -5)); POLYGON ((0 0, 5 0, 5 5, 0 5, 0 0))",
        // a triangle across the right edge: cut where it crosses x = 10
        "POLYGON ((2 2, 14 2, 2 8, 2 2)); POLYGON ((2 2, 10 2, 10 4, 2 8, 2 2))",
        // a ring around the whole square: the square
        "POLYGON ((-1 -1, 11 -1, 11 11, -1 11, -1 -1)); POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",
        // a diamond larger than the square: its four corners cut off
        "POLYGON ((5 -3, 13 5, 5 13, -3 5, 5 -3)); POLYGON ((2 0, 8 0, 10 2, 10 8, 8 10, 2 10, 0 8, 0 2, 2 0))"})
    void knownShapes(String input, String expected) throws Exception {
        Polygon clipped = clip(input);
        Geometry want = new WKTReader().read(expected);
        assertTrue(want.equalsTopo(clipped), "expected " + want + ", got " + clipped);
    }

    @Test
    void aRingOutsideLeavesNothing() throws Exception {
        assertEquals(null, clip("POLYGON ((12 12, 20 12, 20 20, 12 20, 12 12))"));
        // its bounding box overlaps the square, the ring does not
        assertEquals(null, clip("POLYGON ((11 -5, 15 -5, 15 15, 11 15, 11 -5))"));
    }

    /**
     * A concave ring that the square cuts in two comes out as one ring joined along the edge:
     * not a valid polygon to JTS, but its area, which is what a renderer fills, is the overlay's.
     */
    @Test
    void randomRingsKeepTheAreaOfTheOverlay() {
        Random random = new Random(42);
        Geometry square = FACTORY.toGeometry(new Envelope(0, 10, 0, 10));
        for (int trial = 0; trial < 200; trial++) {
            // a star-shaped ring around a random centre: concave, simple, partly outside
            double cx = random.nextDouble() * 20 - 5;
            double cy = random.nextDouble() * 20 - 5;
            int n = 5 + random.nextInt(20);
            Coordinate[] ring = new Coordinate[n + 1];
            for (int i = 0; i < n; i++) {
                double angle = 2 * Math.PI * i / n;
                double r = 1 + random.nextDouble() * 8;
                ring[i] = new Coordinate(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
            }
            ring[n] = ring[0];
            Polygon polygon = FACTORY.createPolygon(ring);
            double expected = polygon.intersection(square).getArea();
            Polygon clipped = clip(polygon, 0, 10);
            double area = clipped == null ? 0 : Math.abs(signedArea(clipped));
            assertEquals(expected, area, 1e-9, polygon.toString());
        }
    }

    /** The surveyor's formula: JTS's getArea() is not meant for rings that touch themselves. */
    private static double signedArea(Polygon p) {
        Coordinate[] c = p.getExteriorRing().getCoordinates();
        double sum = 0;
        for (int i = 0; i + 1 < c.length; i++) {
            sum += c[i].x * c[i + 1].y - c[i + 1].x * c[i].y;
        }
        return sum / 2;
    }
}
