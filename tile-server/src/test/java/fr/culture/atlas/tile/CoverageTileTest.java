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
 * whole tile with no gap, and their areas add up to that of their union (no overlap).
 */
class CoverageTileTest {

    private static EmbeddedStore store;

    @BeforeAll
    static void open() throws IOException {
        store = TestData.embeddedStore();
    }

    // communes from zoom 8, where they are drawn by default: below it a forced commune tile
    // drops its smallest features to stay within the size budget (TileEncoder.MAX_BYTES)
    @ParameterizedTest(name = "{0} at {1}/{2}/{3}")
    @CsvSource({
        // inland tiles: Massif central, Bourgogne, Île-de-France, Lyon
        "region,      5, 16, 11",
        "departement, 6, 32, 22",
        "epci,        7, 65, 45",
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
        List<Geometry> polygons = Mvt.decode(bytes).stream().map(f -> GeometryFixer.fix(f.geometry())).toList();
        GeometryFactory factory = new GeometryFactory();
        Geometry box = factory.toGeometry(new org.locationtech.jts.geom.Envelope(0, TileEncoder.EXTENT, 0, TileEncoder.EXTENT));
        Geometry union = factory.buildGeometry(polygons).union();
        double sum = polygons.stream().mapToDouble(g -> g.intersection(box).getArea()).sum();
        double covered = union.intersection(box).getArea();
        double tileArea = box.getArea();
        if (!level.equals("region") || z > 5) {
            // this tile lies wholly inside France: every pixel belongs to a territory
            assertTrue(covered > tileArea * 0.999, "gaps cover " + (tileArea - covered) + " px² of the tile");
        }
        // quantisation to the 4096 grid may leave overlaps of a few square pixels along shared borders
        assertEquals(covered, sum, Math.max(16, tileArea * 1e-4), "overlapping neighbours");
        assertTrue(polygons.size() > 1, "several neighbours in the tile");
    }
}
