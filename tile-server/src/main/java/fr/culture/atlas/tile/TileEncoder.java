package fr.culture.atlas.tile;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Envelope;

/**
 * Clips territories to a tile (with a buffer, so that strokes do not stop at tile edges),
 * quantises them to the 4096 extent and encodes one Mapbox Vector Tile layer.
 */
public final class TileEncoder {

    /** Tile extent in pixels of the integer grid. */
    public static final int EXTENT = 4096;
    /** Buffer around the tile, in grid pixels (as in ST_AsMVTGeom's default). */
    public static final int BUFFER = 64;

    /** Largest tile served: 250 KB keeps a tile quick to fetch and draw on a phone. */
    public static final int MAX_BYTES = 250 * 1024;

    private static final Comparator<Territory> BY_ID = Comparator.comparingLong(Territory::id);

    /** Adds a feature's own properties (indicator values) after {@code code} and {@code nom}. */
    @FunctionalInterface
    public interface Properties {
        Properties NONE = (t, feature) -> { };

        void add(Territory territory, Feature feature);
    }

    /** The feature being written, for {@link Properties} to add its values to. */
    @FunctionalInterface
    public interface Feature {
        /** Values: String, Long, Integer, Double or Boolean; "not available" is no call at all, never 0. */
        void put(String key, Object value);
    }

    /** Encodes territories with {@code code} and {@code nom} only. */
    public byte[] encode(TileCoord tile, String layer, List<Territory> territories) {
        return encode(tile, layer, territories, Properties.NONE);
    }

    /**
     * Encodes the territories as layer {@code layer} of tile {@code tile}, in id order so that
     * the same data always gives the same bytes. A tile over {@link #MAX_BYTES} (a small level
     * forced at a low zoom: thousands of communes of a few pixels each) drops its smallest
     * features until it fits (in at most 8 rounds), as tippecanoe's drop-smallest does: the
     * larger ones stay exact.
     *
     * @return the encoded tile, or an empty array when no territory has geometry in the tile
     */
    public byte[] encode(TileCoord tile, String layer, List<Territory> territories, Properties extra) {
        Envelope tileEnvelope = tile.envelope();
        Envelope clip = tile.envelope((double) BUFFER / EXTENT);
        Territory[] sorted = territories.toArray(Territory[]::new);
        if (!sortedById(sorted)) { // the stores answer in id order; anything else is sorted here
            Arrays.sort(sorted, BY_ID);
        }
        // buffers for this tile only: requests run on virtual threads, one per connection, so
        // thread-local buffers would be kept (grown to the largest ring seen) per open connection
        TileGeometry clipper = new TileGeometry();
        MvtWriter writer = new MvtWriter(layer, EXTENT, sorted.length);
        Feature feature = writer::tag;
        MvtWriter.IntList commands = new MvtWriter.IntList();
        for (Territory t : sorted) {
            commands.clear();
            double area = clipper.polygons(t.geometry(), tileEnvelope, clip, EXTENT, commands);
            if (area == 0) {
                continue;
            }
            writer.startFeature(t.id());
            writer.tag("code", t.code());
            writer.tag("nom", t.name());
            extra.add(t, feature);
            writer.endFeature(MvtWriter.POLYGON, commands, area);
        }
        byte[] bytes = writer.toBytes();
        int features = writer.features();
        for (int attempt = 0; bytes.length > MAX_BYTES && attempt < 8; attempt++) {
            features = (int) (features * ((double) MAX_BYTES / bytes.length * 0.9));
            bytes = writer.toBytes(features);
        }
        return bytes;
    }

    private static boolean sortedById(Territory[] territories) {
        for (int i = 1; i < territories.length; i++) {
            if (territories[i - 1].id() > territories[i].id()) {
                return false;
            }
        }
        return true;
    }
}
