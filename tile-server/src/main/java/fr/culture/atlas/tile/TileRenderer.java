package fr.culture.atlas.tile;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.work.Workers;

/**
 * The tiles of a snapshot: picks the source that draws a content (territories, or the venues of
 * the venues of {@link Tilesets#VENUES}), places its composite view, and keeps what it drew in the
 * {@link TileCache}. As martin separates sources and their cache.
 */
public final class TileRenderer {

    /**
     * What a tile shows: a level's territories with the values of some indicators.
     *
     * @param level      level id, also the MVT layer name
     * @param indicators indicator ids whose values the features carry (may be empty)
     * @param layout     id of the composite view ({@link Layouts}), or null for real positions
     */
    public record Content(String level, List<String> indicators, String layout) {

        /** At real positions. */
        public Content(String level, List<String> indicators) {
            this(level, indicators, null);
        }
    }

    /** Told of every tile asked for, on the request thread: must be cheap (metrics). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (content, coord, nanos, tile) -> { };

        /** {@code nanos}: time taken to get the tile, from the cache or made now. */
        void served(Content content, TileCoord coord, long nanos, Tile tile);
    }

    /**
     * Suffix of the property that marks a partial value ({@code depenses_culture_hab_partiel}): a
     * value computed from members of which some had no data carries the share of the members'
     * population it counts (0 to 1; the share of members when no population is known), so that a
     * style can hatch or fade it. Absent on whole values.
     */
    public static final String PARTIAL = "_partiel";

    /**
     * Tiles below this zoom are made on {@link Workers}: a commune tile there holds thousands of
     * features and takes 50–300 ms of CPU that must not hold a request carrier. From this zoom on a
     * tile takes a few milliseconds, made on the request's thread: handing every tile to a worker
     * and back cost a third of the cold-tile rate (./atlas bench, issue 14).
     */
    static final int ON_WORKERS_BELOW_ZOOM = 8;

    /** The bound of a {@link #scratch} renderer's cache. */
    private static final long SCRATCH_BYTES = 16 << 20;

    private final TileCache cache;
    private final Workers workers;
    private final TerritoryTiles territories = new TerritoryTiles();
    private final VenueTiles venues;
    private final Listener listener;
    private final Layouts layouts;
    private final long maxBytes;
    private final int clusterBelowZoom;

    public TileRenderer(long maxBytes, int clusterBelowZoom) {
        this(maxBytes, clusterBelowZoom, Listener.NONE, new Layouts(), Workers.shared());
    }

    /** @param workers where tiles are made ({@link Workers#shared()} but in tests of overload) */
    public TileRenderer(long maxBytes, int clusterBelowZoom, Listener listener, Layouts layouts, Workers workers) {
        this.maxBytes = maxBytes;
        this.clusterBelowZoom = clusterBelowZoom;
        this.venues = new VenueTiles(clusterBelowZoom);
        this.listener = listener;
        this.layouts = layouts;
        this.workers = workers;
        this.cache = new TileCache(maxBytes);
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
        Served served = cache.get(snapshot, content, coord, coord.z() < ON_WORKERS_BELOW_ZOOM
                ? () -> workers.run(() -> render(snapshot, content, coord))
                : () -> render(snapshot, content, coord));
        listener.served(content, coord, System.nanoTime() - start, served.tile());
        return served;
    }

    /** The composite views this renderer draws. */
    public Layouts layouts() {
        return layouts;
    }

    /** The Caffeine cache of the tiles, for its metrics. */
    public Cache<?, Tile> cache() {
        return cache.caffeine();
    }

    /**
     * A renderer like this one with a cache of its own and no listener: what {@link Warmup} makes
     * its tiles with, through the same code as a request's, leaving the visitors' cache and metrics
     * as they are.
     */
    TileRenderer scratch() {
        // small: its tiles are dropped with it, and it evicts too, as the visitors' cache does
        return new TileRenderer(Math.min(maxBytes, SCRATCH_BYTES), clusterBelowZoom, Listener.NONE, layouts, workers);
    }

    private Tile render(Snapshot snapshot, Content content, TileCoord coord) {
        Layout layout = content.layout() == null ? null
                : layouts.get(snapshot, content.layout()).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown layout '" + content.layout() + "'; layouts: " + Layouts.ids(snapshot)));
        return (content.level().equals(Tilesets.VENUES) ? venues : territories).render(snapshot, content, layout, coord);
    }
}
