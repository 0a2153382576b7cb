package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /observe/metrics} in the Prometheus text format, beside the observe feature's health.
 * Each test server has its own registry, so the counts below are this class's requests only.
 */
class MetricsTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    @Test
    void tilesAndTheirCacheAreMetered() throws Exception {
        assertEquals(200, server.get("/tiles/regions/5/16/11.mvt").statusCode()); // made
        assertEquals(200, server.get("/tiles/regions/5/16/11.mvt").statusCode()); // from the cache
        assertEquals(200, server.get("/ogc/collections/population/tiles/WebMercatorQuad/8/88/129").statusCode());
        assertEquals(204, server.get("/tiles/regions/6/20/20.mvt").statusCode()); // empty: timed, not sized
        String metrics = scrape();

        assertEquals(2, value(metrics, "atlas_tile_duration_seconds_count{level=\"region\",zoom=\"5\"}"));
        assertEquals(1, value(metrics, "atlas_tile_duration_seconds_count{level=\"commune\",zoom=\"8\"}"));
        assertEquals(1, value(metrics, "atlas_tile_duration_seconds_count{level=\"region\",zoom=\"6\"}"));
        assertEquals(2, value(metrics, "atlas_tile_duration_seconds_bucket{level=\"region\",zoom=\"5\",le=\"+Inf\"}"));
        assertEquals(2, value(metrics, "atlas_tile_size_bytes_count{level=\"region\"}"));
        assertEquals(1, value(metrics, "atlas_tile_size_bytes_count{level=\"commune\"}"));

        assertEquals(1, value(metrics, "cache_gets_total{cache=\"tiles\",result=\"hit\"}"));
        assertEquals(3, value(metrics, "cache_gets_total{cache=\"tiles\",result=\"miss\"}"));
        assertEquals(3, value(metrics, "cache_size{cache=\"tiles\"}"));
        assertEquals(0, value(metrics, "cache_evictions_total{cache=\"tiles\"}"));
        assertTrue(value(metrics, "atlas_tile_cache_weight_bytes") > 100_000, "a commune tile is held");

        assertEquals(1, value(metrics, "atlas_data_version"));
        for (String jvm : List.of("jvm_memory_used_bytes{", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
                "system_cpu_count", "process_cpu_usage")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith(jvm)), jvm + " is missing");
        }
    }

    @Test
    void metricsAreTextForPrometheusAndHealthStillAnswers() throws Exception {
        HttpResponse<byte[]> res = server.get("/observe/metrics");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertEquals(200, server.get("/observe/health/ready").statusCode());
        assertEquals(200, server.get("/observe/health/live").statusCode());
    }

    private static String scrape() throws Exception {
        HttpResponse<byte[]> res = server.get("/observe/metrics");
        assertEquals(200, res.statusCode());
        return new String(res.body(), StandardCharsets.UTF_8);
    }

    /** The value of one series, written {@code name{labels} value}. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in the metrics"));
    }
}
