package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    void readyAfterItsWarmupWhichAskedItForTheFirstViews() throws Exception {
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
            // the details say what the warm-up did ("430 of 1192 tiles in 1500 ms, 2210 requests in 500 ms")
            Matcher summary = Pattern.compile("\"warmup\":\"\\d+ of \\d+ tiles in \\d+ ms, (\\d+) requests in \\d+ ms\"")
                    .matcher(health);
            assertTrue(summary.find(), health);
            assertTrue(Integer.parseInt(summary.group(1)) >= 1, "it asked the server: " + health);
            // the tiles it asked the server for are in the visitors' cache, those it made itself are not
            String metrics = new String(server.get("/observe/metrics").body(), StandardCharsets.UTF_8);
            double cached = metrics.lines().filter(l -> l.startsWith("cache_size{cache=\"tiles\"} "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
            assertTrue(cached >= 1 && cached <= Warmup.HTTP_TILES, "tiles in the cache: " + cached);
            HttpResponse<byte[]> paris = server.get("/tiles/communes/12/2074/1409.mvt");
            assertEquals("miss", paris.headers().firstValue("x-atlas-cache").orElse(""),
                    "a tile around Paris the warm-up made is made again for its first visitor");
        }
    }
}
