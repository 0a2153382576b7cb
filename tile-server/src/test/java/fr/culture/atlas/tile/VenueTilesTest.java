package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import fr.culture.atlas.store.Venue;
import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Venue tiles are written by the same MVT writer as territories; the guard is the vector-tile
 * library's encoding of the same points and properties, byte for byte, for single venues and
 * for clusters, with venues in the tile, in its buffer and beyond it.
 */
class VenueTilesTest {

    private static final TileCoord TILE = new TileCoord(9, 259, 180);
    private static final MvtLayerParams PARAMS = new MvtLayerParams(TileEncoder.EXTENT);
    private final GeometryFactory factory = new GeometryFactory();
    private final VenueTiles tiles = new VenueTiles(10);

    /** 300 venues of three families over the tile and a margin of a third of it on each side. */
    private List<Venue> venues(TileCoord tile) {
        Envelope e = tile.envelope();
        Random random = new Random(42);
        String[] families = {"musees", "bibliotheques", "cinemas"};
        String[] disciplines = {"Patrimoine", "Livre", "Cinéma", "Musique"};
        List<Venue> venues = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double x = e.getMinX() + (random.nextDouble() * 1.66 - 0.33) * e.getWidth();
            double y = e.getMinY() + (random.nextDouble() * 1.66 - 0.33) * e.getHeight();
            venues.add(new Venue(1000 - i, families[i % 3], "Lieu " + i, "Type " + (i % 5),
                    disciplines[random.nextInt(disciplines.length)], i % 7 == 0 ? List.of("Label A", "Label B") : List.of(),
                    "Commune " + (i % 11), factory.createPoint(new Coordinate(x, y))));
        }
        return venues;
    }

    @Test
    void singleVenuesAreTheLibrarysBytes() throws Exception {
        TileCoord tile = new TileCoord(12, TILE.x() * 8, TILE.y() * 8);
        List<Venue> venues = venues(tile);
        byte[] ours = tiles.encode(tile, venues);
        byte[] library = library(tile, venues, false);
        assertEquals(VectorTile.Tile.parseFrom(library), VectorTile.Tile.parseFrom(ours));
        assertArrayEquals(library, ours);
        assertEquals(3, VectorTile.Tile.parseFrom(ours).getLayersCount(), "one layer per family");
    }

    @Test
    void clustersAreTheLibrarysBytes() throws Exception {
        List<Venue> venues = venues(TILE);
        byte[] ours = tiles.encode(TILE, venues);
        assertArrayEquals(library(TILE, venues, true), ours);
        VectorTile.Tile decoded = VectorTile.Tile.parseFrom(ours);
        long counted = 0;
        for (VectorTile.Tile.Layer layer : decoded.getLayersList()) {
            for (VectorTile.Tile.Feature f : layer.getFeaturesList()) {
                counted += layer.getValues(f.getTags(layer.getKeysList().indexOf("count") * 2 + 1)).getSintValue();
            }
        }
        // the clusters of the tile and its buffer: part of the 300 venues, the margin beyond left out
        assertTrue(counted > 100 && counted < 300, counted + " venues in clusters");
    }

    @Test
    void noVenueIsAnEmptyTile() {
        assertEquals(0, tiles.encode(TILE, List.of()).length);
    }

    /** The encoding before the own writer: JTS points through the library's adapter and encoder. */
    private byte[] library(TileCoord tile, List<Venue> venues, boolean clustered) {
        Envelope envelope = tile.envelope();
        Envelope clip = TileEncoder.buffered(tile);
        Map<String, List<Geometry>> byFamily = new java.util.TreeMap<>();
        for (Venue v : clustered ? List.<Venue>of() : venues.stream()
                .sorted(java.util.Comparator.comparingLong(Venue::id)).toList()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", v.id());
            p.put("nom", v.name());
            p.put("type", v.type());
            p.put("discipline", v.discipline());
            if (!v.labels().isEmpty()) {
                p.put("labels", String.join(" ; ", v.labels()));
            }
            p.put("commune", v.commune());
            Geometry point = v.point().copy();
            point.setUserData(p);
            byFamily.computeIfAbsent(v.family(), k -> new ArrayList<>()).add(point);
        }
        if (clustered) {
            clusters(venues, envelope, byFamily);
        }
        List<JtsLayer> layers = new ArrayList<>();
        byFamily.forEach((family, features) -> {
            List<Geometry> encoded = new ArrayList<>();
            for (Geometry g : features) {
                Geometry t = JtsAdapter.createTileGeom(g, envelope, clip, factory, PARAMS, null);
                if (t != null && !t.isEmpty()) {
                    t.setUserData(g.getUserData());
                    encoded.add(t);
                }
            }
            if (!encoded.isEmpty()) {
                layers.add(new JtsLayer(family, encoded, TileEncoder.EXTENT));
            }
        });
        IUserDataConverter properties = (userData, props, feature) -> ((Map<?, ?>) userData).forEach((k, v) -> {
            if (k.equals("id")) {
                feature.setId(((Number) v).longValue());
            } else {
                feature.addTags(props.addKey((String) k)).addTags(props.addValue(v));
            }
        });
        return layers.isEmpty() ? new byte[0] : MvtEncoder.encode(new JtsMvt(layers), PARAMS, properties);
    }

    /** Cells of 256 grid units, the mean position, the count and the dominant discipline (first in order on a tie). */
    private void clusters(List<Venue> venues, Envelope tile, Map<String, List<Geometry>> byFamily) {
        double cell = tile.getWidth() * 256 / TileEncoder.EXTENT;
        Map<String, Map<Long, List<Venue>>> cells = new java.util.TreeMap<>();
        for (Venue v : venues) {
            long col = (long) Math.floor((v.point().getX() - tile.getMinX()) / cell);
            long row = (long) Math.floor((tile.getMaxY() - v.point().getY()) / cell);
            cells.computeIfAbsent(v.family(), k -> new java.util.TreeMap<>())
                    .computeIfAbsent((row + 64) * 1024 + col + 64, k -> new ArrayList<>()).add(v);
        }
        cells.forEach((family, byCell) -> byCell.forEach((key, members) -> {
            Map<String, Integer> disciplines = new java.util.TreeMap<>();
            members.forEach(v -> disciplines.merge(v.discipline(), 1, Integer::sum));
            String dominant = disciplines.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                            java.util.Comparator.reverseOrder())))
                    .orElseThrow().getKey();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", key);
            p.put("count", (long) members.size());
            p.put("discipline", dominant);
            double x = 0;
            double y = 0;
            for (Venue v : members) {
                x += v.point().getX();
                y += v.point().getY();
            }
            Geometry point = factory.createPoint(new Coordinate(x / members.size(), y / members.size()));
            point.setUserData(p);
            byFamily.computeIfAbsent(family, k -> new ArrayList<>()).add(point);
        }));
    }
}
