package fr.culture.atlas.store.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import fr.culture.atlas.store.MemorySnapshot;
import fr.culture.atlas.store.Recent;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

/**
 * The default store: the current GeoPackage loaded in memory. A background check of the
 * {@code CURRENT} pointer loads a newly published version and swaps it in; requests already
 * running finish on the snapshot they started with.
 *
 * <p>The pointer is polled rather than watched with inotify because mounted volumes
 * (Kubernetes, network file systems) do not all deliver file events.
 */
public final class EmbeddedStore implements Store {

    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class.getName());

    private final EmbeddedVersions versions;
    /**
     * Coordinates packed in one double[] per ring (16 bytes a point) rather than a Coordinate
     * object each (48 bytes with its array slot): the ~10 million points of every level and
     * zoom band take ~160 MB instead of ~440 MB, so the server runs in a 512 MB heap.
     */
    private final GeometryFactory factory = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);
    private final ScheduledExecutorService watcher;
    private final Recent recent;

    public EmbeddedStore(Path home, long pollMillis) {
        this(home, pollMillis, Recent.DEFAULT_GRACE);
    }

    /** @param grace how long a replaced version stays servable ({@link Recent}) */
    public EmbeddedStore(Path home, long pollMillis, Duration grace) {
        this.versions = new EmbeddedVersions(home);
        this.recent = new Recent(grace);
        refresh();
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-store-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::refreshQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Throws a {@link fr.culture.atlas.store.StoreException} saying what to do when the current
     * version's file is of another layout than this server reads; nothing when there is none.
     */
    public static void checkCurrent(Path home) {
        EmbeddedVersions versions = new EmbeddedVersions(home);
        versions.current().ifPresent(v -> GeoPackageFormat.checkFormat(versions.file(v)));
    }

    /** Loads the current version if it differs from the one in memory; forgets replaced versions past their grace. */
    public void refresh() {
        recent.poll(this::load, false);
    }

    private void load() {
        OptionalLong version = versions.current();
        Snapshot current = recent.current().orElse(null);
        if (version.isEmpty() || (current != null && current.version() == version.getAsLong())) {
            return;
        }
        long v = version.getAsLong();
        long start = System.nanoTime();
        GeoPackageFormat.Content content = GeoPackageFormat.read(versions.file(v), factory);
        long read = System.nanoTime();
        recent.serve(new MemorySnapshot(v, content.published(), content.territories(), content.bands(),
                content.indicators(), content.venues()));
        LOG.info(() -> "Serving data version " + v + " from " + versions.file(v)
                + " (loaded in " + (System.nanoTime() - start) / 1_000_000 + " ms, of which read "
                + (read - start) / 1_000_000 + " ms)");
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // keep serving the version in memory; the next poll tries again
            LOG.log(Level.WARNING, "Could not load the new data version: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Snapshot> current() {
        return recent.current();
    }

    @Override
    public Optional<Snapshot> version(long v) {
        return recent.version(v, () -> {
            try {
                recent.poll(this::load, true);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not load the new data version: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public String describe() {
        return "embedded store in " + versions.dir();
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
