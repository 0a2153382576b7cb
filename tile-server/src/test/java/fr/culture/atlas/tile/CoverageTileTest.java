package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import fr.culture.atlas.TestData;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Neighbours in a decoded tile share their borders: over an inland tile the polygons cover the
 * whole tile with no gap, and their areas add up to that of their union (no overlap). And
 * every territory keeps, in the tile, the area of its exact intersection with the buffered tile.
 */
class CoverageTileTest {

    private static EmbeddedStore store;

    @BeforeAll
    static void open() throws IOException {
        store = TestData.embeddedStore();
    }

    // below zoom 8 the grid is 1024 (TileEncoder.extent) and the smallest territories are merged
    // into a neighbour (geo.Coalescer): the tile is still covered, with fewer features
    @ParameterizedTest(name = "{0} at {1}/{2}/{3}")
    @CsvSource({
        // inland tiles: Massif central, Bourgogne, Île-de-France, Lyon
        "region,      5, 16, 11",
        "departement, 6, 32, 22",
        "epci,        7, 65, 45",
        "commune,     7, 65, 45",
        "commune,     6, 32, 22",
        "commune,     8, 131, 89",
        "commune,     10, 525, 360",
        "commune,     13, 4202, 2922",
    })
    void neighboursLeaveNoGapAndNoOverlap(String level, int z, int x, int y) throws IOException {
        TileCoord tile = new TileCoord(z, x, y);
        Snapshot snapshot = store.current().orElseThrow();
        byte[] bytes = new TileEncoder().encode(tile, level, snapshot.territories(level, ZoomBands.of(z).index(),
                tile.envelope((double) TileEncoder.BUFFER / TileEncoder.EXTENT)));
        // rounding to the integer grid can make a ring touch itself: repair before measuring areas
        List<Geometry> polygons = Mvt.decode(bytes, level).stream().map(f -> GeometryFixer.fix(f.geometry())).toList();
        GeometryFactory factory = new GeometryFactory();
        int extent = TileEncoder.extent(z);
        Geometry box = factory.toGeometry(new org.locationtech.jts.geom.Envelope(0, extent, 0, extent));
        Geometry union = factory.buildGeometry(polygons).union();
        double sum = polygons.stream().mapToDouble(g -> g.intersection(box).getArea()).sum();
        double covered = union.intersection(box).getArea();
        double tileArea = box.getArea();
        if (!level.equals("region") || z > 5) {
            // this tile lies wholly inside France: every pixel belongs to a territory
            assertTrue(covered > tileArea * 0.999, "gaps cover " + (tileArea - covered) + " px² of the tile");
        }
        // quantisation to the grid may leave overlaps of a few square pixels along shared borders
        assertEquals(covered, sum, Math.max(16, tileArea * 1e-4), "overlapping neighbours");
        assertTrue(polygons.size() > 1, "several neighbours in the tile");
    }

    /**
     * Each feature's decoded area is the exact area of its territory clipped to the buffered
     * tile (JTS overlay), up to what rounding to the grid can move: half a pixel along its
     * outline. The tiles hold coasts, islands and territories crossing the tile's corners.
     */
    @ParameterizedTest(name = "{0} at {1}/{2}/{3}")
    @CsvSource({
        "region,      5, 15, 11",
        "departement, 7, 63, 44",
        "departement, 9, 260, 184",
        "epci,        9, 262, 180",
        "epci,        8, 129, 94",
        "commune,     9, 262, 184",
        "commune,     9, 263, 178",
        "commune,     11, 1024, 753",
        "commune,     12, 2069, 1466",
        "commune,     14, 8298, 5634",
    })
    void everyTerritoryKeepsItsExactClippedArea(String level, int z, int x, int y) throws IOException {
        TileCoord tile = new TileCoord(z, x, y);
        Snapshot snapshot = store.current().orElseThrow();
        org.locationtech.jts.geom.Envelope clip = tile.envelope((double) TileEncoder.BUFFER / TileEncoder.EXTENT);
        var territories = snapshot.territories(level, ZoomBands.of(z).index(), clip);
        java.util.Map<Long, Geometry> decoded = new java.util.HashMap<>();
        for (Mvt.Feature f : Mvt.decode(new TileEncoder().encode(tile, level, territories), level)) {
            decoded.put(f.id(), GeometryFixer.fix(f.geometry()));
        }
        GeometryFactory factory = new GeometryFactory();
        Geometry clipBox = factory.toGeometry(clip);
        double scale = TileEncoder.extent(z) / tile.envelope().getWidth();
        int compared = 0;
        for (var t : territories) {
            Geometry exact = t.geometry().intersection(clipBox);
            double area = exact.getArea() * scale * scale;
            double tolerance = exact.getLength() * scale * 0.75 + 4;
            Geometry got = decoded.get(t.id());
            if (got == null) {
                assertTrue(area <= tolerance, t.code() + " (" + area + " px² in the tile) is missing");
                continue;
            }
            assertEquals(area, got.getArea(), tolerance, t.code() + " " + t.name());
            compared++;
        }
        assertTrue(compared > 0, "no territory compared");
    }
}
