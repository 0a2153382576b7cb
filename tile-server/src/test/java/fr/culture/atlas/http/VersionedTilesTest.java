package fr.culture.atlas.http;

import static fr.culture.atlas.TestData.SQUARES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.importer.Importer;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import fr.culture.atlas.store.postgis.PostgisPublisher;
import fr.culture.atlas.store.postgis.PostgisStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tile URLs name their data version (issue 19): TileJSON and OGC API write {@code ?v=N}, such a
 * tile is cached for a year, and a refresh never leaves a client with a map of two versions or
 * holes. Two servers over one store play two replicas that poll on their own (here: not at all
 * during the test, their poll being a minute): one switches first and hands out URLs of the new
 * version, the other serves them at once; both keep serving the version before for the grace
 * period, and past it a tile of that version is a 404 naming the current one.
 */
class VersionedTilesTest {

    /** Zoom 8 over the squares, the first zoom where polygons carry their names. */
    private static final String TILE = "/tiles/carres/8/129/88.mvt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC = "https://atlas.example.fr";

    @ParameterizedTest
    @EnumSource(Settings.StoreKind.class)
    void aRefreshKeepsEveryMapOnOneVersion(Settings.StoreKind kind, @TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Settings.Database db = kind == Settings.StoreKind.POSTGIS ? TestData.postgis("atlas_versioned") : null;
        Importer importer = squares(dir);
        // behind a CDN the public URL is configured: documents are then public, for shared caches too
        Settings settings = TestData.settings(home, kind, db).withPublicUrl(PUBLIC);
        try (Publisher publisher = publisher(kind, home, db)) {
            assertEquals("published", importer.run(publisher).outcome());
            long v1 = publisher.current().orElseThrow();
            try (TestServer first = new TestServer(settings, store(kind, home, db, Duration.ofMinutes(10)));
                 TestServer second = new TestServer(settings, store(kind, home, db, Duration.ofMinutes(10)));
                 TestServer noGrace = new TestServer(settings, store(kind, home, db, Duration.ZERO))) {

                // the TileJSON names the version in its tile URLs, which are cached for a year
                HttpResponse<byte[]> tileJson = first.get("/tiles/carres.json");
                String template = tilesUrl(tileJson);
                assertEquals(PUBLIC + "/tiles/carres/{z}/{x}/{y}.mvt?v=" + v1, template);
                assertEquals("public, max-age=60", header(tileJson, "cache-control"));
                String tileV1 = TILE + "?v=" + v1;
                HttpResponse<byte[]> versioned = first.get(tileV1);
                assertEquals(200, versioned.statusCode());
                assertEquals("public, max-age=31536000, immutable", header(versioned, "cache-control"));
                assertTrue(header(versioned, "etag").startsWith("\"v" + v1 + "-"), header(versioned, "etag"));
                // a URL without a version follows the current one, and is kept only for atlas.tiles.maxage
                assertEquals("public, max-age=3600", header(first.get(TILE), "cache-control"));

                // the TileJSON revalidates: same bytes, same strong ETag, 304
                String etag = header(tileJson, "etag");
                assertTrue(etag.matches("\"[0-9a-f]{24}\""), etag);
                assertEquals(etag, header(first.get("/tiles/carres.json"), "etag"));
                assertEquals(304, first.get("/tiles/carres.json", "If-None-Match", etag).statusCode());

                // a new version is published; the first replica switches, the second has not polled yet
                Files.writeString(dir.resolve("data/carres.geojson"), SQUARES.replace("Nord", "Nord-Est"));
                assertEquals("published", importer.run(publisher).outcome());
                long v2 = publisher.current().orElseThrow();
                refresh(first);
                refresh(noGrace);
                HttpResponse<byte[]> newJson = first.get("/tiles/carres.json");
                assertEquals(PUBLIC + "/tiles/carres/{z}/{x}/{y}.mvt?v=" + v2, tilesUrl(newJson));
                assertNotEquals(etag, header(newJson, "etag"), "a new version is a new TileJSON");
                assertEquals(200, first.get("/tiles/carres.json", "If-None-Match", etag).statusCode());

                // a client that loaded the new TileJSON from the first asks the second for its tiles
                HttpResponse<byte[]> fromSecond = second.get(TILE + "?v=" + v2);
                assertEquals(200, fromSecond.statusCode());
                assertTrue(text(fromSecond).contains("Nord-Est"), "the second replica followed at once");
                assertTrue(header(fromSecond, "etag").startsWith("\"v" + v2 + "-"));

                // a client that loaded the old TileJSON goes on with the old version, from both
                for (TestServer replica : List.of(first, second)) {
                    HttpResponse<byte[]> old = replica.get(tileV1);
                    assertEquals(200, old.statusCode());
                    assertFalse(text(old).contains("Nord-Est"), "version " + v1 + " is still the old data");
                    assertEquals(header(versioned, "etag"), header(old, "etag"));
                    assertEquals("public, max-age=31536000, immutable", header(old, "cache-control"));
                    HttpResponse<byte[]> ogc = replica.get("/ogc/collections/carres/tiles/WebMercatorQuad/8/88/129?v=" + v1);
                    assertEquals(header(versioned, "etag"), header(ogc, "etag"), "OGC API serves the same versioned tile");
                }
                // a server started after the switch (the autoscaler, a rolling update): on PostGIS it learns
                // the version before and when it was replaced from atlas.current, and serves it too; an
                // embedded store knows only its own memory
                try (TestServer late = new TestServer(settings, store(kind, home, db, Duration.ofMinutes(10)))) {
                    HttpResponse<byte[]> old = late.get(tileV1);
                    if (kind == Settings.StoreKind.POSTGIS) {
                        assertEquals(200, old.statusCode());
                        assertEquals(header(versioned, "etag"), header(old, "etag"));
                    } else {
                        assertEquals(404, old.statusCode());
                    }
                }
                try (TestServer lateNoGrace = new TestServer(settings, store(kind, home, db, Duration.ofMillis(1)))) {
                    assertEquals(404, lateNoGrace.get(tileV1).statusCode(), "past the grace period, not even on PostGIS");
                }

                // a generated style names its version's TileJSON (its classes are of that version): it
                // stays that version's, immutable, for the grace period
                HttpResponse<byte[]> pinned = second.get("/tiles/carres.json?v=" + v1);
                assertEquals(PUBLIC + "/tiles/carres/{z}/{x}/{y}.mvt?v=" + v1, tilesUrl(pinned));
                assertEquals("public, max-age=31536000, immutable", header(pinned, "cache-control"));
                Map<String, Object> ogcTileset = JSON.readValue(first.get("/ogc/collections/carres/tiles/WebMercatorQuad").body(), Map.class);
                assertTrue(JSON.writeValueAsString(ogcTileset.get("links")).contains("{tileCol}?v=" + v2),
                        "the OGC API template names the version");

                // without a grace period the old version is gone: 404 naming the current one, never cached
                HttpResponse<byte[]> gone = noGrace.get(tileV1);
                Map<String, Object> problem = TileServiceTest.problem(gone, 404);
                assertEquals(v2, ((Number) problem.get("current")).longValue());
                assertTrue(problem.get("detail").toString().contains("load the TileJSON again"), problem.toString());
                assertEquals("no-store", header(gone, "cache-control"));
                Map<String, Object> never = TileServiceTest.problem(first.get(TILE + "?v=" + (v2 + 40)), 404);
                assertTrue(never.get("detail").toString().contains("never published"), never.toString());
                TileServiceTest.problem(first.get(TILE + "?v=latest"), 400);
                TileServiceTest.problem(noGrace.get("/tiles/carres.json?v=" + v1), 404);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Settings.StoreKind.class)
    void aReplacedVersionIsForgottenAfterTheGracePeriod(Settings.StoreKind kind, @TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Settings.Database db = kind == Settings.StoreKind.POSTGIS ? TestData.postgis("atlas_versioned") : null;
        Importer importer = squares(dir);
        try (Publisher publisher = publisher(kind, home, db)) {
            assertEquals("published", importer.run(publisher).outcome());
            long v1 = publisher.current().orElseThrow();
            try (TestServer server = new TestServer(TestData.settings(home, kind, db), store(kind, home, db, Duration.ofMillis(300)))) {
                Files.writeString(dir.resolve("data/carres.geojson"), SQUARES.replace("Nord", "Nord-Ouest"));
                assertEquals("published", importer.run(publisher).outcome());
                long v2 = publisher.current().orElseThrow();
                refresh(server);
                assertEquals(200, server.get(TILE + "?v=" + v1).statusCode(), "within the grace period");
                Thread.sleep(400);
                refresh(server); // what each poll does: the replaced snapshot is let go
                Map<String, Object> problem = TileServiceTest.problem(server.get(TILE + "?v=" + v1), 404);
                assertEquals(v2, ((Number) problem.get("current")).longValue());
                assertTrue(problem.get("detail").toString().contains("longer ago than the grace period"), problem.toString());
                assertEquals(200, server.get(TILE + "?v=" + v2).statusCode());
            }
        }
    }

    /** The importer of the two squares of dir/data/carres.geojson (a publish in a second). */
    private static Importer squares(Path dir) throws java.io.IOException {
        Catalogue catalogue = TestData.squaresCatalogue(dir, SQUARES);
        return new Importer(catalogue, IndicatorCatalogue.load(dir.resolve("none.yaml"), false, catalogue),
                new VenueCatalogue(1000, 12, List.of()), dir.resolve("data"), line -> { });
    }

    private static Publisher publisher(Settings.StoreKind kind, Path home, Settings.Database db) {
        return kind == Settings.StoreKind.POSTGIS ? new PostgisPublisher(db, 3) : new EmbeddedPublisher(home, 3);
    }

    private static Store store(Settings.StoreKind kind, Path home, Settings.Database db, Duration grace) {
        // a poll of a minute: the test says when each replica looks
        return kind == Settings.StoreKind.POSTGIS ? new PostgisStore(db, 4, 60_000, grace) : new EmbeddedStore(home, 60_000, grace);
    }

    private static void refresh(TestServer server) {
        switch (server.store()) {
            case PostgisStore p -> p.refresh();
            case EmbeddedStore e -> e.refresh();
            default -> throw new IllegalStateException();
        }
    }

    @SuppressWarnings("unchecked")
    private static String tilesUrl(HttpResponse<byte[]> tileJson) throws Exception {
        assertEquals(200, tileJson.statusCode());
        return ((List<String>) JSON.readValue(tileJson.body(), Map.class).get("tiles")).getFirst();
    }

    private static String header(HttpResponse<byte[]> res, String name) {
        return res.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static String text(HttpResponse<byte[]> res) {
        return new String(res.body(), StandardCharsets.ISO_8859_1);
    }
}
