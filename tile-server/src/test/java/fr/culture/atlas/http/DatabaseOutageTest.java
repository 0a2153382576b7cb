package fr.culture.atlas.http;

import static fr.culture.atlas.TestData.SQUARES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.importer.ImportReport;
import fr.culture.atlas.importer.Importer;
import fr.culture.atlas.store.postgis.PostgisPublisher;
import fr.culture.atlas.store.postgis.PostgisStore;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops under a server on the PostGIS store, then starts again: tiles already in the
 * cache keep being served, others answer 503 with {@code Retry-After} at once (not a hang, not a
 * 500), readiness goes down and up, and tiles come back within 5 s of the database's return,
 * without restart. Uses the private instance of {@code ./atlas test} ({@code ATLAS_TEST_PG_CTL}
 * stops and starts it) and a database of its own in it, so the other PostGIS tests keep theirs.
 */
class DatabaseOutageTest {

    /** Tiles over the squares (2°E–3°E, 47°N–49°N): z7 is one tile, z9 has 2 × 4 of them, z10 4 × 8. */
    private static final List<String> CACHED = List.of("/tiles/carres/7/64/44.mvt", "/tiles/carres/9/258/177.mvt");
    private static final List<String> UNCACHED = List.of("/tiles/carres/10/517/354.mvt", "/tiles/carres/10/518/355.mvt",
            "/tiles/carres/10/519/356.mvt", "/tiles/carres/10/517/357.mvt");
    private static final String DATABASE = "atlas_outage";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void cachedTilesServeUncachedAnswer503AndAllRecoverWithoutRestart(@TempDir Path dir) throws Exception {
        String ctl = System.getenv("ATLAS_TEST_PG_CTL");
        if (ctl == null || ctl.isBlank()) {
            throw new IllegalStateException("ATLAS_TEST_PG_CTL is not set: run the tests with ./atlas test, which "
                    + "starts a private PostgreSQL and says how to stop and start it");
        }
        Settings.Database db = TestData.postgis(DATABASE);
        Catalogue catalogue = publishSquares(dir, db);
        PostgisStore store = new PostgisStore(db, 4, 250);
        WebServer server = Server.start(TestData.settings(dir.resolve("home"), Settings.StoreKind.POSTGIS, db), store);
        String base = "http://127.0.0.1:" + server.port();
        try {
            assertEquals(200, get(base + "/observe/health/ready").statusCode());
            List<byte[]> cached = CACHED.stream().map(p -> ok(base + p)).toList();

            pg(ctl, "stop");
            for (int i = 0; i < CACHED.size(); i++) {
                HttpResponse<byte[]> res = get(base + CACHED.get(i));
                assertEquals(200, res.statusCode(), "a cached tile is served while the database is down");
                assertArrayEquals(cached.get(i), res.body());
            }
            for (String path : UNCACHED.subList(0, 2)) {
                long start = System.nanoTime();
                HttpResponse<byte[]> res = get(base + path);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, res.statusCode(), path + ": " + new String(res.body()));
                assertTrue(res.headers().firstValue("Retry-After").isPresent(), "503 says when to retry");
                assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElse(""));
                assertTrue(millis < 4_000, "answered in " + millis + " ms, not a hang");
            }
            awaitStatus(base + "/observe/health/ready", 503, 5_000, "readiness goes down");

            pg(ctl, "start");
            long back = System.nanoTime();
            awaitStatus(base + UNCACHED.get(2), 200, 5_000, "an uncached tile is served again");
            awaitStatus(base + "/observe/health/ready", 200, 5_000, "readiness comes back");
            long recovery = (System.nanoTime() - back) / 1_000_000;
            System.out.println("DatabaseOutageTest: served again " + recovery + " ms after PostgreSQL was back");
            assertTrue(recovery < 5_000, "recovered in " + recovery + " ms");
            assertEquals(200, get(base + UNCACHED.get(3)).statusCode());
            assertEquals(200, get(base + UNCACHED.get(0)).statusCode(), "a tile refused during the outage is served now");
        } finally {
            pg(ctl, "start");   // whatever failed, the other PostGIS tests need their database
            server.stop();
            store.close();
        }
    }

    private static Catalogue publishSquares(Path dir, Settings.Database db) throws IOException {
        Catalogue catalogue = TestData.squaresCatalogue(dir, SQUARES);
        Path data = dir.resolve("data");
        Importer importer = new Importer(catalogue, IndicatorCatalogue.load(dir.resolve("none.yaml"), false, catalogue),
                new VenueCatalogue(1000, 12, List.of()), data, line -> { });
        try (PostgisPublisher publisher = new PostgisPublisher(db, 2)) {
            ImportReport report = importer.run(publisher);
            assertEquals("published", report.outcome(), report.summary());
        }
        return catalogue;
    }

    private static void pg(String ctl, String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ctl, action).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int status = p.waitFor();
        // starting a running instance fails harmlessly (the finally block does it after a passing run)
        if (status != 0 && !action.equals("start")) {
            throw new IllegalStateException(ctl + " " + action + " failed (" + status + "): " + out);
        }
    }

    private byte[] ok(String url) {
        try {
            HttpResponse<byte[]> res = get(url);
            assertEquals(200, res.statusCode(), url);
            return res.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(url, e);
        }
    }

    private void awaitStatus(String url, int status, long millis, String what) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = get(url).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": " + url + " still answers " + last + " after " + millis + " ms");
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
