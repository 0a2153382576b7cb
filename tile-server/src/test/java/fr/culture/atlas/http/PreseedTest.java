package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import org.junit.jupiter.api.Test;

/** After a publish (here: at start, the first version seen), the low zooms are made before anyone asks. */
class PreseedTest {

    @Test
    void lowZoomTilesAreInTheCacheBeforeTheFirstRequest() throws Exception {
        Settings base = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null);
        Settings settings = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null)
                .withPreseed(new Settings.Preseed(List.of("regions", "population", "no-such-tileset"), 4));
        try (TestServer server = TestServer.embedded(settings)) {
            // zoom 0–4 over the 18 régions: 15 tiles per tileset (France is 2×2 tiles at zoom 4, each
            // overseas région 1); and 13 in the France view (its frame and the row of the insets under
            // it: 1, 2, 2, 4, 4 tiles, the insets in a row of tiles of their own at zoom 3)
            double size = 0;
            double before = -1;
            for (int i = 0; i < 120 && (size < 56 || size != before); i++) { // until it stops growing
                Thread.sleep(500);
                before = size;
                size = value(server, "cache_size{cache=\"tiles\"}");
            }
            assertEquals(56, size, "tiles made in the background: " + size);
            assertEquals(0, value(server, "cache_gets_total{cache=\"tiles\",result=\"hit\"}"));
            // Paris at zoom 4, and the world tile: served from the cache
            assertEquals(200, server.get("/tiles/regions/4/8/5.mvt").statusCode());
            assertEquals(200, server.get("/tiles/population/0/0/0.mvt").statusCode());
            assertEquals(2, value(server, "cache_gets_total{cache=\"tiles\",result=\"hit\"}"));
            // the France view the homepage opens on: Paris, and the row of the overseas insets
            assertEquals(200, server.get("/tiles/population/4/8/5.mvt?layout=france").statusCode());
            assertEquals(200, server.get("/tiles/population/3/4/3.mvt?layout=france").statusCode());
            assertEquals(4, value(server, "cache_gets_total{cache=\"tiles\",result=\"hit\"}"));
            // zoom 5 was not made
            assertEquals(200, server.get("/tiles/regions/5/16/11.mvt").statusCode());
            assertEquals(4, value(server, "cache_gets_total{cache=\"tiles\",result=\"hit\"}"));
        }
    }

    private static double value(TestServer server, String series) throws Exception {
        String metrics = new String(server.get("/observe/metrics").body(), StandardCharsets.UTF_8);
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(0.0);
    }
}
