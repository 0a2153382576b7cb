package fr.culture.atlas.metrics;


import com.github.benmanes.caffeine.cache.Cache;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.tile.TileRenderer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meters of one server, in its own Micrometer registry scraped in the Prometheus text format:
 * tiles ({@link TileMetrics}), the tile cache, the JVM, the data version, and the store's own
 * meters when it has some (the PostGIS connection pool). One registry per server rather than the
 * global one, so that servers started side by side (tests) do not share meters.
 */
public final class Metrics implements AutoCloseable {

    /** The content type of {@link #scrape()}: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final TileMetrics tiles;

    public Metrics(Store store) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("atlas.data.version", store, s -> s.current().map(Snapshot::version).orElse(-1L))
                .description("Data version served; -1 while none is published")
                .register(registry);
        if (store instanceof MeterBinder binder) {
            binder.bindTo(registry);
        }
        this.tiles = new TileMetrics(registry);
    }

    /** What the tile renderer reports every tile to. */
    public TileRenderer.Listener tiles() {
        return tiles;
    }

    /** Meters the tile cache: hits, misses, evictions, size, and the bytes it holds. */
    public void monitor(Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, "tiles");
        cache.policy().eviction().ifPresent(eviction -> Gauge.builder("atlas.tile.cache.weight", eviction,
                        e -> e.weightedSize().orElse(0))
                .description("Bytes held by the tile cache")
                .baseUnit("bytes")
                .register(registry));
    }

    /** Every meter, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
