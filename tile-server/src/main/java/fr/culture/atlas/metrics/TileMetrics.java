package fr.culture.atlas.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import fr.culture.atlas.tile.Tile;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.TileRenderer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of the tiles served: time to get a tile (from the cache or made now) by level and zoom,
 * and size of the non-empty tiles by level. Meters are looked up once per (level, zoom) and kept,
 * so a request costs an array read and two recordings.
 */
final class TileMetrics implements TileRenderer.Listener {

    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> sizes = new ConcurrentHashMap<>();

    /** Meters are made on a level's first tile: a level comes with the data version that declares it. */
    TileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void served(TileRenderer.Content content, TileCoord coord, long nanos, Tile tile) {
        String level = content.level();
        timer(level, coord.z()).record(nanos, TimeUnit.NANOSECONDS);
        if (!tile.isEmpty()) {
            sizes.computeIfAbsent(level, this::size).record(tile.raw().length);
        }
    }

    private Timer timer(String level, int z) {
        AtomicReferenceArray<Timer> byZoom = timers.computeIfAbsent(level,
                l -> new AtomicReferenceArray<>(TileCoord.MAX_ZOOM + 1));
        Timer timer = byZoom.get(z);
        if (timer == null) {
            // registering twice is harmless: the registry answers the same meter for the same id
            timer = Timer.builder("atlas.tile.duration")
                    .description("Time to get a tile, from the cache or made now")
                    .tag("level", level)
                    .tag("zoom", Integer.toString(z))
                    // a histogram for histogram_quantile(), with few buckets: there may be a timer per
                    // level and zoom; a cache hit takes microseconds, a large tile made cold seconds
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            byZoom.set(z, timer);
        }
        return timer;
    }

    private DistributionSummary size(String level) {
        return DistributionSummary.builder("atlas.tile.size")
                .description("Size of the non-empty tiles served, before gzip")
                .baseUnit("bytes")
                .tag("level", level)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }
}
