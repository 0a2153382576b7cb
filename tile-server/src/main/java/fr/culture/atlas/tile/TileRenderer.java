package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.Indicators;
import fr.culture.atlas.store.Snapshot;

/**
 * Makes tiles from a snapshot and keeps the hot ones: a Caffeine cache bounded by bytes, one
 * computation per key under concurrent misses, and keys carrying the data version, so that a
 * newly published version never serves an old tile and old entries simply age out.
 */
public final class TileRenderer {

    /**
     * What a tile shows: a level's territories with the values of some indicators.
     *
     * @param level      level id, also the MVT layer name
     * @param indicators indicator ids whose values the features carry (may be empty)
     */
    public record Content(String level, List<String> indicators) {
    }

    /** Told of every tile asked for, on the request thread: must be cheap (metrics). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (content, coord, nanos, tile) -> { };

        /** {@code nanos}: time taken to get the tile, from the cache or made now. */
        void served(Content content, TileCoord coord, long nanos, Tile tile);
    }

    private record Key(long version, Content content, TileCoord coord) {
    }

    /** The level id of the venues tileset: its layers are venue families, not territories. */
    public static final String VENUES = "equipements";

    private final Cache<Key, Tile> cache;
    private final TileEncoder encoder = new TileEncoder();
    private final VenueTiles venues;
    private final Listener listener;

    public TileRenderer(long maxBytes, int clusterBelowZoom) {
        this(maxBytes, clusterBelowZoom, Listener.NONE);
    }

    public TileRenderer(long maxBytes, int clusterBelowZoom, Listener listener) {
        this.venues = new VenueTiles(clusterBelowZoom);
        this.listener = listener;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Tile t) -> t.weight())
                .recordStats()
                .build();
    }

    /** A tile and whether it came from the cache ({@code false}: made for this request). */
    public record Served(Tile tile, boolean cached) {
    }

    /** The tile, from the cache or made now (once, however many requests ask for it at the same time). */
    public Tile tile(Snapshot snapshot, Content content, TileCoord coord) {
        return serve(snapshot, content, coord).tile();
    }

    /** As {@link #tile}, saying whether the cache had it (a request that waited for another's computation counts as cached). */
    public Served serve(Snapshot snapshot, Content content, TileCoord coord) {
        long start = System.nanoTime();
        boolean[] made = {false};
        Tile tile = cache.get(new Key(snapshot.version(), content, coord), k -> {
            made[0] = true;
            return render(snapshot, content, coord);
        });
        listener.served(content, coord, System.nanoTime() - start, tile);
        return new Served(tile, !made[0]);
    }

    public Cache<?, Tile> cache() {
        return cache;
    }

    private Tile render(Snapshot snapshot, Content content, TileCoord coord) {
        if (content.level().equals(VENUES)) {
            return Tile.of(snapshot.version(), venues.encode(coord,
                    snapshot.venues(coord.envelope((double) TileEncoder.BUFFER / TileEncoder.EXTENT))));
        }
        var territories = snapshot.territories(content.level(), ZoomBands.of(coord.z()).index(),
                coord.envelope((double) TileEncoder.BUFFER / TileEncoder.EXTENT));
        Indicators indicators = snapshot.indicators();
        List<String> ids = new ArrayList<>();
        List<Object[]> columns = new ArrayList<>();
        for (String id : content.indicators()) {
            Object[] column = indicators.column(id, content.level());
            if (column != null) {
                ids.add(id);
                columns.add(column);
            }
        }
        TileEncoder.Properties values = columns.isEmpty() ? TileEncoder.Properties.NONE : (t, properties) -> {
            int row = indicators.row(content.level(), t.code());
            if (row < 0) {
                return;
            }
            for (int i = 0; i < columns.size(); i++) {
                Object value = columns.get(i)[row];
                if (value != null) { // "not available" is an absent property, never 0
                    properties.put(ids.get(i), value);
                }
            }
        };
        return Tile.of(snapshot.version(), encoder.encode(coord, content.level(), territories, values));
    }
}
