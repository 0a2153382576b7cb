package fr.culture.atlas.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

class LabelPointTest {

    private final GeometryFactory factory = new GeometryFactory();

    private static Geometry wkt(String text) throws Exception {
        return new WKTReader().read(text);
    }

    @Test
    void aCrescentIsLabelledInsideItselfNotAtItsCentroid() throws Exception {
        // a C open to the east: its centroid falls in the gap
        Geometry c = wkt("POLYGON ((0 0, 100 0, 100 20, 20 20, 20 80, 100 80, 100 100, 0 100, 0 0))");
        assertFalse(c.contains(c.getCentroid()), "the centroid is outside: a poor label point");
        Coordinate p = LabelPoint.of(c);
        assertTrue(c.contains(factory.createPoint(p)), p.toString());
        // the roomiest place: a corner of the C, where a circle of radius 2·20/(2+√2) ≈ 11.7 fits
        assertEquals(11.7, c.getBoundary().distance(factory.createPoint(p)), 0.7);
    }

    @Test
    void islandsGiveOneLabelOnTheMainPart() throws Exception {
        Geometry withIslands = wkt("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)),"
                + " ((100 0, 200 0, 200 100, 100 100, 100 0)), ((300 0, 305 0, 305 5, 300 5, 300 0)))");
        Coordinate p = LabelPoint.of(withIslands);
        assertEquals(150, p.x, 1.5);
        assertEquals(50, p.y, 1.5);
    }

    @Test
    void nothingToLabelInAnEmptyGeometry() throws Exception {
        assertNull(LabelPoint.of(wkt("POLYGON EMPTY")));
    }
}
