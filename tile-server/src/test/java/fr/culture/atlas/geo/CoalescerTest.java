package fr.culture.atlas.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Small territories go into the neighbour of longest shared border; nothing of the land is lost. */
class CoalescerTest {

    private static final WKTReader WKT = new WKTReader();

    private static Geometry[] coverage(String... wkt) throws ParseException {
        Geometry[] g = new Geometry[wkt.length];
        for (int i = 0; i < wkt.length; i++) {
            g[i] = WKT.read(wkt[i]);
        }
        return g;
    }

    @Test
    void aSmallTerritoryGoesToTheNeighbourItSharesMostBorderWith() throws ParseException {
        Geometry[] input = coverage(
                // west and east squares, their top edges split where the strips above meet them
                "POLYGON ((0 0, 10 0, 10 10, 8 10, 0 10, 0 0))",
                "POLYGON ((10 0, 20 0, 20 10, 13 10, 10 10, 10 0))",
                // 5 m², on both: 2 m of border with the west one, 3 m with the east one, 1 m with the strip
                "POLYGON ((8 10, 10 10, 13 10, 13 11, 8 11, 8 10))",
                // 8 m², above the west one
                "POLYGON ((0 10, 8 10, 8 11, 0 11, 0 10))");
        Geometry[] out = Coalescer.coalesce(input, 6);
        assertNull(out[2], "5 m² is under the threshold");
        assertEquals(105, out[1].getArea(), 1e-9, "merged into the east square (3 m of border)");
        assertEquals(100, out[0].getArea(), 1e-9);
        assertSame(input[3], out[3], "8 m² keeps its own polygon");
        double before = 0;
        double after = 0;
        for (int i = 0; i < input.length; i++) {
            before += input[i].getArea();
            after += out[i] == null ? 0 : out[i].getArea();
        }
        assertEquals(before, after, 1e-9, "no land lost");
        assertTrue(out[1].isValid());
        assertEquals(1, out[1].getNumGeometries());
    }

    @Test
    void anIslandWithoutNeighbourIsKept() throws ParseException {
        Geometry[] input = coverage("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON ((30 30, 31 30, 31 31, 30 31, 30 30))");
        Geometry[] out = Coalescer.coalesce(input, 5);
        assertSame(input[1], out[1]);
        assertSame(input[0], out[0]);
    }

    @Test
    void aChainOfSmallTerritoriesEndsInALargeOne() throws ParseException {
        Geometry[] input = coverage(
                "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))",
                "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))",
                "POLYGON ((2 0, 12 0, 12 10, 2 10, 2 1, 2 0))");
        Geometry[] out = Coalescer.coalesce(input, 3);
        assertNull(out[0]);
        assertNull(out[1]);
        assertEquals(102, out[2].getArea(), 1e-9);
        assertEquals(1, out[2].getNumGeometries(), "one polygon: the members' shared edges dissolved");
    }
}
