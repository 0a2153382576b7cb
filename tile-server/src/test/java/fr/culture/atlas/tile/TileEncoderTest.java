package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.store.Territory;
import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The own MVT encoding on shapes whose answer is known: clipping, rounding, winding, commands,
 * and the protobuf bytes, compared with those of the vector-tile library for the same features.
 */
class TileEncoderTest {

    /** Tile 10/512/511, just north-east of (0, 0): its grid is easy to reason about. */
    private static final TileCoord TILE = new TileCoord(10, 512, 511);
    private static final Envelope BOX = TILE.envelope();
    private static final double PIXEL = BOX.getWidth() / TileEncoder.EXTENT;
    private final GeometryFactory factory = new GeometryFactory();

    /** A WKT polygon written in tile grid units (y down), moved to Web Mercator. */
    private Geometry grid(String wkt) throws ParseException {
        Geometry g = new WKTReader(factory).read(wkt);
        g.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            c.x = BOX.getMinX() + c.x * PIXEL;
            c.y = BOX.getMaxY() - c.y * PIXEL;
        });
        g.geometryChanged();
        return g;
    }

    private static Territory territory(long id, Geometry g) {
        return new Territory(id, Long.toString(id, 36), "T" + id, Map.of(), null, g);
    }

    private List<Mvt.Feature> encode(Geometry... geometries) throws IOException {
        List<Territory> territories = new ArrayList<>();
        for (int i = 0; i < geometries.length; i++) {
            territories.add(territory(100 + i, geometries[i]));
        }
        return Mvt.decode(new TileEncoder().encode(TILE, "t", territories));
    }

    @Test
    void aPolygonInsideTheTileKeepsItsCornersAndAHoleWindsTheOtherWay() throws Exception {
        // drawn with the "wrong" winding on purpose: the encoder must fix both rings
        Geometry g = grid("POLYGON ((100 100, 100 900, 900 900, 900 100, 100 100), (300 300, 600 300, 600 600, 300 600, 300 300))");
        Mvt.Feature f = encode(g).getFirst();
        // the test decoder reads rings by their sign, as MVT 2.1 says: one polygon with one hole
        Polygon p = (Polygon) f.geometry();
        assertEquals(1, p.getNumInteriorRing());
        assertEquals(800 * 800 - 300 * 300, p.getArea(), 1e-9);
        assertEquals(5, p.getExteriorRing().getNumPoints());
        assertEquals(Map.of("code", "2s", "nom", "T100"), f.properties());
        assertEquals(100, f.id());
    }

    @Test
    void aPolygonCrossingACornerIsClippedToTheBufferedTileWithoutSpikes() throws Exception {
        // a square across the top-left corner: what is left is the square from -64 to 500
        Geometry g = grid("POLYGON ((-1000 -1000, 500 -1000, 500 500, -1000 500, -1000 -1000))");
        Polygon p = (Polygon) encode(g).getFirst().geometry();
        assertEquals(5, p.getExteriorRing().getNumPoints(), p.toString());
        assertEquals(new Envelope(-64, 500, -64, 500), p.getEnvelopeInternal());
        // a C whose arms cross the left edge, the lower one below the tile: clipping the lower arm
        // leaves a spike along the left edge down to the corner, which the encoder removes (some
        // decoders drop a polygon that has one); what is left is the upper arm's end
        Geometry c = grid("POLYGON ((0 3000, -200 3000, -200 4500, 10 4500, 10 4400, -150 4400, -150 3600, 0 3600, 0 3000))");
        Polygon clipped = (Polygon) encode(c).getFirst().geometry();
        assertTrue(clipped.isValid(), clipped.toString());
        assertEquals(5, clipped.getExteriorRing().getNumPoints(), clipped.toString());
        assertEquals(64 * 600, clipped.getArea(), 1e-9);
    }

    @Test
    void pointsOnAStraightLineAndRepeatedPointsAreDropped() throws Exception {
        Geometry g = grid("POLYGON ((0 0, 10 0, 20 0, 30 0, 30 0.2, 30 10, 30 20, 0 20, 0 10, 0 0))");
        Polygon p = (Polygon) encode(g).getFirst().geometry();
        assertEquals(5, p.getExteriorRing().getNumPoints(), p.toString());
        assertEquals(600, p.getArea(), 1e-9);
    }

    @Test
    void whatCollapsesOrLiesOutsideTheBufferIsNotWritten() throws Exception {
        Geometry sliver = grid("POLYGON ((10 10, 20 10.2, 30 10.1, 10 10))"); // one grid row: no area left
        Geometry outside = grid("POLYGON ((5000 5000, 5100 5000, 5100 5100, 5000 5000))");
        assertEquals(0, new TileEncoder().encode(TILE, "t", List.of(territory(1, sliver), territory(2, outside))).length);
        Geometry kept = grid("POLYGON ((10 10, 110 10, 110 110, 10 10))");
        assertEquals(List.of(102L), encode(sliver, outside, kept).stream().map(Mvt.Feature::id).toList());
    }

    @Test
    void theBytesAreTheVectorTileLibrarysForTheSameFeatures() throws Exception {
        // the library encodes JTS geometries already in grid units; ours from Web Mercator
        Geometry a = grid("MULTIPOLYGON (((100 100, 100 900, 900 900, 900 100, 100 100), (300 300, 600 300, 600 600, 300 600, 300 300)), ((1000 1000, 1000 1200, 1300 1200, 1000 1000)))");
        Geometry b = grid("POLYGON ((2000 2000, 2000 2500, 2600 2600, 2000 2000))");
        // an Integer above 2^30 too: written as sint64 like a Long, as the library does
        Object[] values = {"texte accentué é", 12.5, 42L, true, 1 << 30};
        List<Territory> territories = List.of(territory(7, a), territory(9, b));
        byte[] ours = new TileEncoder().encode(TILE, "commune", territories, (t, feature) -> {
            feature.put("s", values[0]);
            feature.put("d", values[1]);
            feature.put("l", t.id() == 7 ? values[2] : -3L);
            feature.put("b", values[3]);
            feature.put("i", values[4]);
            feature.put("absent", null);
        });

        List<Geometry> expected = new ArrayList<>();
        for (Territory t : territories) {
            Geometry tileGeometry = new WKTReader(factory).read(t.id() == 7
                    ? "MULTIPOLYGON (((100 100, 900 100, 900 900, 100 900, 100 100), (300 300, 300 600, 600 600, 600 300, 300 300)), ((1000 1000, 1300 1200, 1000 1200, 1000 1000)))"
                    : "POLYGON ((2000 2000, 2600 2600, 2000 2500, 2000 2000))");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", t.id());
            p.put("code", t.code());
            p.put("nom", t.name());
            p.put("s", values[0]);
            p.put("d", values[1]);
            p.put("l", t.id() == 7 ? values[2] : -3L);
            p.put("b", values[3]);
            p.put("i", values[4]);
            tileGeometry.setUserData(p);
            expected.add(tileGeometry);
        }
        IUserDataConverter idAsFeatureId = (userData, props, feature) -> ((Map<?, ?>) userData).forEach((k, v) -> {
            if (k.equals("id")) {
                feature.setId((Long) v);
            } else {
                feature.addTags(props.addKey((String) k)).addTags(props.addValue(v));
            }
        });
        byte[] library = MvtEncoder.encode(new JtsMvt(new JtsLayer("commune", expected, TileEncoder.EXTENT)),
                new MvtLayerParams(TileEncoder.EXTENT), idAsFeatureId);
        assertEquals(VectorTile.Tile.parseFrom(library), VectorTile.Tile.parseFrom(ours));
        assertArrayEquals(library, ours);
    }

    @Test
    void aTileOverTheBudgetKeepsItsLargestFeatures() throws Exception {
        // 2,000 features with long names: ~300 KB, over the 250 KB budget
        List<Territory> territories = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int x = (i % 40) * 100;
            int y = (i / 40) * 80;
            int size = 10 + i % 50;
            Geometry g = grid("POLYGON ((" + x + " " + y + ", " + (x + size) + " " + y + ", " + (x + size) + " " + (y + size)
                    + ", " + x + " " + (y + size) + ", " + x + " " + y + "))");
            territories.add(new Territory(i + 1, Integer.toString(i + 1), "n".repeat(120) + i, Map.of(), null, g));
        }
        byte[] bytes = new TileEncoder().encode(TILE, "t", territories);
        assertTrue(bytes.length <= TileEncoder.MAX_BYTES, bytes.length + " bytes");
        List<Mvt.Feature> kept = Mvt.decode(bytes);
        assertTrue(kept.size() > 1000 && kept.size() < 2000, kept.size() + " features kept");
        double smallestKept = kept.stream().mapToDouble(f -> f.geometry().getArea()).min().orElseThrow();
        // every dropped feature is no larger than the smallest one kept
        java.util.Set<Long> ids = new java.util.HashSet<>(kept.stream().map(Mvt.Feature::id).toList());
        for (Territory t : territories) {
            if (!ids.contains(t.id())) {
                double area = t.geometry().getArea() / PIXEL / PIXEL;
                assertTrue(area <= smallestKept + 1e-6, "dropped " + t.id() + " of " + area + " px²");
            }
        }
    }
}
