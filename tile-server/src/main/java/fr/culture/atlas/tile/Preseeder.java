package fr.culture.atlas.tile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.work.Workers;
import org.locationtech.jts.geom.Envelope;

/**
 * Makes the low-zoom tiles of some tilesets as soon as a new data version is published, so that
 * the first visitors of the new version find them in the cache: one background thread, tile by
 * tile, through the same cache as requests (a request for a tile being made waits for it rather
 * than making it twice).
 * <p>
 * The tiles are those of zoom 0 to {@code maxZoom} that cover a territory of the top level (the
 * régions and the overseas départements), not the whole bounding box of France and its overseas,
 * which at zoom 8 would be thousands of empty ocean tiles; and for each composite view of the
 * version ({@code ?layout=}), those of its frame and of its insets' boxes.
 */
public final class Preseeder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Preseeder.class.getName());

    private final Store store;
    private final TileRenderer renderer;
    private final List<String> tilesets;
    private final int maxZoom;
    private final long pollMillis;
    private final ScheduledExecutorService thread;
    private volatile long seeded = -1;

    /**
     * @param tilesets  tileset names (indicator ids, boundaries, equipements)
     * @param maxZoom   deepest zoom made
     * @param pollMillis how often the store's version is compared with the last seeded one
     */
    public Preseeder(Store store, TileRenderer renderer, List<String> tilesets, int maxZoom, long pollMillis) {
        this.store = store;
        this.renderer = renderer;
        this.tilesets = List.copyOf(tilesets);
        this.maxZoom = maxZoom;
        this.pollMillis = pollMillis;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tile-preseed");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // requests come first
            return t;
        });
    }

    /** Starts following the store's versions (with the server). */
    public void start() {
        thread.scheduleWithFixedDelay(this::seedIfNew, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** The data version whose tiles were all made, or -1. */
    public long seededVersion() {
        return seeded;
    }

    private void seedIfNew() {
        try {
            // tiles made here, at this thread's low priority, not in the requests' worker queue
            store.current().filter(s -> s.version() != seeded).ifPresent(s -> Workers.inPlace(() -> seed(s)));
        } catch (RuntimeException e) {
            // a database outage must not stop the thread: try again next time
            LOG.log(Level.WARNING, "Pre-seeding stopped: " + e.getMessage(), e);
        }
    }

    private Void seed(Snapshot snapshot) {
        long start = System.nanoTime();
        int made = 0;
        for (int z = 0; z <= maxZoom; z++) {
            int zoom = z;
            Set<TileCoord> coords = covering(snapshot, z);
            for (String tileset : tilesets) {
                // as a tile request without parameters resolves it
                Optional<TileRenderer.Content> content = Tilesets.find(snapshot, tileset)
                        .flatMap(t -> Tilesets.content(snapshot, t, zoom));
                if (content.isEmpty()) { // an unknown tileset in the settings: the others are still made
                    if (z == 0) {
                        LOG.warning("Pre-seeding skips tileset '" + tileset + "': not a tileset of version "
                                + snapshot.version() + " (" + String.join(", ", Tilesets.names(snapshot)) + ")");
                    }
                    continue;
                }
                // real positions, then each composite view (the France view with the overseas
                // insets, which the homepage and the widget open on)
                List<TileRenderer.Content> views = new java.util.ArrayList<>(List.of(content.get()));
                Layouts.ids(snapshot).forEach(layout -> views.add(
                        new TileRenderer.Content(content.get().level(), content.get().indicators(), layout)));
                for (TileRenderer.Content view : views) {
                    Set<TileCoord> viewCoords = view.layout() == null ? coords
                            : renderer.layouts().get(snapshot, view.layout()).map(l -> covering(l, zoom)).orElse(Set.of());
                    for (TileCoord coord : viewCoords) {
                        if (Thread.currentThread().isInterrupted()) {
                            return null;
                        }
                        renderer.tile(snapshot, view, coord);
                        made++;
                    }
                }
            }
        }
        seeded = snapshot.version();
        LOG.info("Pre-seeded version " + snapshot.version() + ": " + tilesets.size() + " tilesets, zoom 0–"
                + maxZoom + ", " + made + " tiles in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return null;
    }

    /** The tiles of zoom {@code z} over the territories of the top level (also what ./atlas export writes). */
    public static Set<TileCoord> covering(Snapshot snapshot, int z) {
        Envelope world = new Envelope(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD, -WebMercator.HALF_WORLD,
                WebMercator.HALF_WORLD);
        Set<TileCoord> coords = new LinkedHashSet<>();
        // the top level of the version's catalogue decides which tiles are made
        for (Territory t : snapshot.territories(snapshot.catalogue().levels().getFirst().id(), 0, world)) {
            coords.addAll(TileCoord.covering(t.geometry().getEnvelopeInternal(), z));
        }
        return coords;
    }

    /** The tiles of a composite view at zoom {@code z}: its frame and the boxes of its insets. */
    public static Set<TileCoord> covering(Layout layout, int z) {
        Set<TileCoord> coords = new LinkedHashSet<>();
        coords.addAll(TileCoord.covering(layout.frame(), z));
        layout.insets().forEach(inset -> coords.addAll(TileCoord.covering(inset.box(), z)));
        return coords;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
