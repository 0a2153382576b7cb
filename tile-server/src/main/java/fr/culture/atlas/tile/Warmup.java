package fr.culture.atlas.tile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.work.Workers;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Makes tiles before the server says it is ready, for a short time: the tiles the first visitors
 * of a big city ask for. A fresh JVM runs the tile path interpreted or lightly compiled, and on 2
 * cores its compilers take half the machine for seconds: after its first 200 tiles a fresh server
 * made cold tiles at 0.67–0.79 of a warm one's rate, and JDK 25's ahead-of-time cache keeps
 * classes and profiles but no compiled code. About half a second of tiles here, while the other
 * replicas still take the traffic, brings it to the warm rate (docs/benchmarks.md). The tiles are
 * made and dropped: the cache and the metrics stay the visitors'.
 *
 * <p>Once per process, on the first data version loaded: a new version later finds the JVM warm.
 * Whatever happens, the warm-up ends ({@link #done}): it never keeps the server from being ready
 * longer than its budget and the tiles in hand when it runs out (a few ms each).
 */
public final class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());

    /** How many of the finest level's territories, the most populous, the tiles are taken around. */
    static final int PLACES = 8;
    /** The zooms around them: from the regional view to streets, where one tile is a few ms to make. */
    static final int FROM_ZOOM = 6;
    static final int TO_ZOOM = 12;
    /** The France views' zooms (a handful of tiles each: the first view of the homepage and widget). */
    static final int VIEW_TO_ZOOM = 6;

    /** How often the store is looked at while it has no version yet (PostGIS loads in the background). */
    private static final long POLL_MILLIS = 20;

    /** A tile to make: what, where. */
    record Job(TileRenderer.Content content, TileCoord coord) {
    }

    private final Duration budget;
    private volatile boolean done;
    private volatile boolean stopped;
    private volatile String summary = "none";

    /** @param budget how long the warm-up may take at most; zero: none, the server is ready at once */
    public Warmup(Duration budget) {
        this.budget = budget;
        this.done = budget.isZero();
    }

    /** Whether the warm-up is over (or there is none): readiness waits for it. */
    public boolean done() {
        return done;
    }

    /** The budget, for the reason readiness gives while it waits. */
    public Duration budget() {
        return budget;
    }

    /**
     * What the warm-up did, for readiness's details: "1192 of 1192 tiles in 620 ms" (", 3 failed"
     * when some did), "stopped: why" when it could not run, "none" before or without one.
     */
    public String summary() {
        return summary;
    }

    /** Ends the warm-up with its server: a store that never had a version must not keep it waiting. */
    public void stop() {
        stopped = true;
    }

    /**
     * Starts the warm-up on a thread of its own: waits for the store's first version, then makes
     * tiles on every core until they are all made or the budget is spent.
     */
    public void start(Store store, TileRenderer renderer) {
        if (done) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Optional<Snapshot> snapshot;
                while ((snapshot = store.current()).isEmpty() && !stopped) {
                    Thread.sleep(POLL_MILLIS);
                }
                if (snapshot.isPresent()) {
                    run(snapshot.get(), renderer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // ready all the same: a warm-up is worth a faster first minute, not a pod that never serves
                String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                summary = "stopped: " + why;
                LOG.log(Level.WARNING, "Warm-up stopped: " + why, e);
            } finally {
                done = true;
            }
        }, "tile-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Snapshot snapshot, TileRenderer renderer) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        List<Job> jobs = plan(snapshot, renderer.layouts());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Runnable maker = () -> {
            int i;
            // (a difference of nanoTime values, as its javadoc asks, not a comparison of two)
            while (System.nanoTime() - deadline < 0 && !stopped && (i = next.getAndIncrement()) < jobs.size()) {
                Job job = jobs.get(i);
                try {
                    // made and dropped: the cache and the metrics are the visitors' (the bench's cold
                    // tiles stay cold); on this thread, and what it needs too, not in the requests' queue
                    Workers.inPlace(() -> renderer.render(snapshot, job.content(), job.coord()));
                    made.incrementAndGet();
                } catch (RuntimeException e) {
                    // a tile that fails here fails for visitors too, and says why there: the first
                    // failure logged whole, the others counted in the summary; go on
                    if (failed.getAndIncrement() == 0) {
                        LOG.log(Level.WARNING, "Warm-up tile " + job + " failed: " + e.getMessage(), e);
                    }
                }
            }
        };
        // as many makers as cores: a warm-up is worth what the compilers saw, and they see both threads
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Runtime.getRuntime().availableProcessors(); t++) {
            threads.add(Thread.ofPlatform().name("tile-warmup-" + t).daemon().start(maker));
        }
        for (Thread t : threads) {
            t.join();
        }
        summary = made.get() + " of " + jobs.size() + " tiles in " + (System.nanoTime() - start) / 1_000_000 + " ms"
                + (failed.get() > 0 ? ", " + failed.get() + " failed" : "")
                + (stopped && made.get() + failed.get() < jobs.size() ? ", stopped with the server" : "");
        LOG.info("Warmed up on version " + snapshot.version() + ": " + summary + " (budget " + budget.toMillis()
                + " ms, atlas.tiles.warmup)");
    }

    /**
     * The tiles: around the label points of the {@link #PLACES} most populous territories of the
     * finest level, each tile and its 8 neighbours at zooms {@link #FROM_ZOOM}–{@link #TO_ZOOM}, in
     * the boundaries of that zoom's level, the catalogue's first indicator and the venues; and the
     * France views (each composite view's frame and insets) of that indicator up to zoom
     * {@link #VIEW_TO_ZOOM}. In a fixed random order, so that a budget cut short still leaves
     * every kind of tile made a few times (and two runs make the same tiles).
     */
    static List<Job> plan(Snapshot snapshot, Layouts layouts) {
        List<String> levels = snapshot.catalogue().levels().stream().map(l -> l.id()).toList();
        List<Territory> places = snapshot.territories(levels.getLast()).stream()
                .filter(t -> t.label() != null && t.population() != null)
                .sorted(Comparator.comparingLong(Territory::population).reversed())
                .limit(PLACES)
                .toList();
        Optional<Tilesets.Tileset> indicator = snapshot.indicators().all().stream().findFirst()
                .map(Tilesets.OfIndicator::new);
        Set<Job> jobs = new LinkedHashSet<>();
        for (int z = FROM_ZOOM; z <= TO_ZOOM; z++) {
            List<TileRenderer.Content> contents = new ArrayList<>();
            snapshot.catalogue().levelAt(z).ifPresent(l -> contents.add(new TileRenderer.Content(l.id(), List.of())));
            int zoom = z;
            indicator.flatMap(i -> Tilesets.content(snapshot, i, zoom)).ifPresent(contents::add);
            contents.add(new TileRenderer.Content(Tilesets.VENUES, List.of()));
            for (Territory place : places) {
                for (TileCoord coord : around(place.label(), z)) {
                    contents.forEach(c -> jobs.add(new Job(c, coord)));
                }
            }
        }
        for (String id : Layouts.ids(snapshot)) {
            Optional<Layout> layout = layouts.get(snapshot, id);
            for (int z = 0; z <= VIEW_TO_ZOOM && layout.isPresent(); z++) {
                int zoom = z;
                indicator.flatMap(i -> Tilesets.content(snapshot, i, zoom)).ifPresent(c -> {
                    TileRenderer.Content view = new TileRenderer.Content(c.level(), c.indicators(), id);
                    Preseeder.covering(layout.get(), zoom).forEach(coord -> jobs.add(new Job(view, coord)));
                });
            }
        }
        List<Job> shuffled = new ArrayList<>(jobs);
        Collections.shuffle(shuffled, new Random(0));
        return shuffled;
    }

    /** The tile of zoom {@code z} holding the point and its neighbours (3 × 3, fewer at the world's edge). */
    private static List<TileCoord> around(Coordinate point, int z) {
        TileCoord holding = TileCoord.covering(new Envelope(point), z).getFirst();
        return TileCoord.covering(holding.envelope(0.5), z); // grown by half a tile: reaches each neighbour's middle
    }
}
