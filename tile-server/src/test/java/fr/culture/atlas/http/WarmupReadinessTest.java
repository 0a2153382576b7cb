package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.tile.Warmup;
import io.helidon.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** A starting server says ready once its data is loaded and its warm-up is over, not before. */
class WarmupReadinessTest {

    @Test
    void notReadyWhileWarmingUp() throws Exception {
        HealthCheckResponse warming = Server.readiness(TestData.embeddedStore(), new Warmup(Duration.ofSeconds(1)));
        assertEquals(HealthCheckResponse.Status.DOWN, warming.status());
        assertTrue(String.valueOf(warming.details().get("reason")).startsWith("warming up: making tiles for at most 1000 ms"),
                warming.details().toString());
        HealthCheckResponse none = Server.readiness(TestData.embeddedStore(), new Warmup(Duration.ZERO));
        assertEquals(HealthCheckResponse.Status.UP, none.status());
        assertEquals(1L, ((Number) none.details().get("version")).longValue());
    }

    @Test
    void readyAfterItsWarmupWithTheCacheLeftEmpty() throws Exception {
        Settings settings = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null)
                .withWarmup(Duration.ofSeconds(2));
        try (TestServer server = TestServer.embedded(settings)) {
            HttpResponse<byte[]> ready = server.get("/observe/health/ready");
            for (int i = 0; i < 600 && ready.statusCode() != 200; i++) {
                Thread.sleep(50);
                ready = server.get("/observe/health/ready");
            }
            String health = new String(ready.body(), StandardCharsets.UTF_8);
            assertEquals(200, ready.statusCode(), health);
            // the details say what the warm-up did ("1192 of 1192 tiles in 640 ms")
            assertTrue(health.matches("(?s).*\"warmup\":\"\\d+ of \\d+ tiles in \\d+ ms\".*"), health);
            String metrics = new String(server.get("/observe/metrics").body(), StandardCharsets.UTF_8);
            assertTrue(metrics.lines().anyMatch(l -> l.matches("cache_size\\{cache=\"tiles\"} 0(\\.0)?")),
                    "no tile of the warm-up in the visitors' cache");
            HttpResponse<byte[]> paris = server.get("/tiles/communes/12/2074/1409.mvt");
            assertEquals("miss", paris.headers().firstValue("x-atlas-cache").orElse(""),
                    "a tile around Paris the warm-up made is made again for its first visitor");
        }
    }
}
