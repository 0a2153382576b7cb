package fr.culture.atlas.tile;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import fr.culture.atlas.pbf.IntList;
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

    /**
     * The national and regional zooms (below 8) are lean: a 1024 grid (4 units per pixel of a
     * 256-pixel tile, finer than any screen shows at those zooms, and one byte for most moves of a
     * small territory) and no {@code nom} on polygons (names are for labels and panels, not for
     * thousands of territories of a few pixels each). The commune level's national view carries a
     * polygon for every commune of a pixel or more, so its bytes are mostly geometry and ids.
     */
    public static final int LEAN_BELOW_ZOOM = 8;
    /** The grid of the lean zooms. */
    public static final int LEAN_EXTENT = 1024;

    /** The grid of a tile of zoom {@code z}. */
    public static int extent(int z) {
        return z < LEAN_BELOW_ZOOM ? LEAN_EXTENT : EXTENT;
    }

    /** The tile grown by its buffer: the envelope the stores query. */
    public static Envelope buffered(TileCoord tile) {
        return tile.envelope((double) BUFFER / EXTENT);
    }

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
        return encode(tile, layer, territories, null, extra, Properties.NONE);
    }

    /** Pixels (of a 256-pixel tile) from which a territory of unknown population is named. */
    private static final double UNKNOWN_POPULATION_NAMED_FROM = 1000;

    /** The layer of a level's label points: {@code commune-points} beside {@code commune}. */
    public static String pointLayer(String level) {
        return level + "-points";
    }

    /**
     * Population from which a territory is named at zoom {@code z}: at the national zooms the
     * régions and the largest cities only, more names as the zoom grows (MapLibre's collision
     * detection then keeps the most populous first, by the styles' {@code symbol-sort-key}).
     */
    public static long namedFrom(int z) {
        return switch (Math.min(z, 12)) {
            case 0, 1, 2, 3, 4 -> 250_000;
            case 5 -> 150_000;
            case 6 -> 60_000;
            case 7 -> 25_000;
            case 8 -> 10_000;
            case 9 -> 4_000;
            case 10 -> 1_500;
            case 11 -> 500;
            default -> 0;
        };
    }

    /**
     * As {@link #encode(TileCoord, String, List, Properties)}, each territory drawn in its own frame:
     * {@code frames.get(i)} is the envelope (EPSG:3857) that territory {@code i}'s coordinates map
     * onto the tile's grid, the tile itself for most, its real-position equivalent for an inset of
     * a composite view ({@link Layout}).
     *
     * <p>A second layer, {@link #pointLayer}, holds one point per territory whose label point
     * ({@link Territory#label()}) lies in the tile and that is named at this zoom ({@link #namedFrom}:
     * {@code code}, {@code nom}, {@code population}) or that {@code pointValues} gives a value
     * (the values of proportional symbols).
     *
     * @param frames aligned with {@code territories}, or null when every frame is the tile
     */
    public byte[] encode(TileCoord tile, String layer, List<Territory> territories, List<Envelope> frames,
                         Properties extra, Properties pointValues) {
        Envelope tileEnvelope = tile.envelope();
        Envelope clip = buffered(tile);
        int extent = extent(tile.z());
        boolean names = tile.z() >= LEAN_BELOW_ZOOM;
        Territory[] sorted = territories.toArray(Territory[]::new);
        Envelope[] frameOf = null;
        if (frames != null) {
            Integer[] order = new Integer[sorted.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> sorted[i].id()));
            Territory[] byId = new Territory[sorted.length];
            frameOf = new Envelope[sorted.length];
            for (int i = 0; i < order.length; i++) {
                byId[i] = sorted[order[i]];
                frameOf[i] = frames.get(order[i]);
            }
            System.arraycopy(byId, 0, sorted, 0, sorted.length);
        } else if (!sortedById(sorted)) { // the stores answer in id order; anything else is sorted here
            Arrays.sort(sorted, BY_ID);
        }
        // buffers for this tile only: requests run on virtual threads, one per connection, so
        // thread-local buffers would be kept (grown to the largest ring seen) per open connection
        TileGeometry clipper = new TileGeometry();
        MvtWriter writer = new MvtWriter(layer, extent, sorted.length);
        Feature feature = writer::tag;
        MvtWriter points = new MvtWriter(pointLayer(layer), extent, 64);
        Feature pointFeature = points::tag;
        long named = namedFrom(tile.z());
        IntList commands = new IntList();
        for (int i = 0; i < sorted.length; i++) {
            Territory t = sorted[i];
            commands.clear();
            Envelope frame = frameOf == null || frameOf[i] == tileEnvelope ? tileEnvelope : frameOf[i];
            Envelope frameClip = frame == tileEnvelope ? clip : grow(frame, (double) BUFFER / EXTENT);
            double area = clipper.polygons(t.geometry(), frame, frameClip, extent, commands);
            if (area == 0) {
                continue;
            }
            writer.startFeature(t.id());
            writer.tag("code", t.code());
            if (names) {
                writer.tag("nom", t.name());
            }
            extra.add(t, feature);
            writer.endFeature(MvtWriter.POLYGON, commands, area);
            point(t, frame, extent, named, area, points, pointFeature, pointValues);
        }
        byte[] pointBytes = points.toBytes();
        int budget = MAX_BYTES - pointBytes.length;
        byte[] bytes = writer.toBytes();
        int features = writer.features();
        for (int attempt = 0; bytes.length > budget && attempt < 8; attempt++) {
            features = (int) (features * ((double) budget / bytes.length * 0.9));
            bytes = writer.toBytes(features);
        }
        if (pointBytes.length > 0) {
            // a tile is a sequence of layers: the two encoded layers one after the other
            byte[] both = Arrays.copyOf(bytes, bytes.length + pointBytes.length);
            System.arraycopy(pointBytes, 0, both, bytes.length, pointBytes.length);
            bytes = both;
        }
        return bytes;
    }

    /** The territory's label point, when it lies in the tile and is named or given a value. */
    private static void point(Territory t, Envelope frame, int extent, long named, double area, MvtWriter points,
                              Feature feature, Properties values) {
        if (t.label() == null) {
            return;
        }
        double scale = extent / frame.getWidth();
        long x = Math.round((t.label().x - frame.getMinX()) * scale);
        long y = Math.round((frame.getMaxY() - t.label().y) * scale);
        if (x < 0 || y < 0 || x >= extent || y >= extent) {
            return; // in a neighbouring tile: each point is written once
        }
        // without a population (Mayotte's communes have none in the reference), a territory large
        // on screen is named: a thousand pixels of its polygon in this tile
        double pixels = area * (256.0 / extent) * (256.0 / extent);
        boolean isNamed = t.population() != null ? t.population() >= named : pixels >= UNKNOWN_POPULATION_NAMED_FROM;
        points.startFeature(t.id());
        int before = points.tagCount();
        values.add(t, feature);
        if (!isNamed && points.tagCount() == before) {
            points.cancelFeature();
            return;
        }
        points.tag("code", t.code());
        if (isNamed) {
            points.tag("nom", t.name());
            points.tag("population", t.population());
        }
        points.endPoint((int) x, (int) y);
    }

    private static Envelope grow(Envelope e, double fraction) {
        Envelope grown = new Envelope(e);
        grown.expandBy(e.getWidth() * fraction, e.getHeight() * fraction);
        return grown;
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
