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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

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
 * PostgreSQL stops under a server on the PostGIS store, then starts again. The version is held in
 * memory ({@code PostgisSnapshots}): tiles already in the cache and tiles never asked for are all
 * served while the database is down, readiness stays up, and once it is back the server follows
 * a new version without restart. Uses the private instance of {@code ./atlas test}
 * ({@code ATLAS_TEST_PG_CTL} stops and starts it) and a database of its own in it, so the other
 * PostGIS tests keep theirs.
 */
class DatabaseOutageTest {

    /** Tiles over the squares (2°E–3°E, 47°N–49°N): z7 is one tile, z9 has 2 × 4 of them, z10 4 × 8. */
    private static final List<String> CACHED = List.of("/tiles/carres/7/64/44.mvt", "/tiles/carres/9/258/177.mvt");
    private static final List<String> UNCACHED = List.of("/tiles/carres/10/517/354.mvt", "/tiles/carres/10/518/355.mvt",
            "/tiles/carres/10/519/356.mvt", "/tiles/carres/10/517/357.mvt");
    /** The z8 tile holding both squares, with their names (TileEncoder.LEAN_BELOW_ZOOM). */
    private static final String NAMED = "/tiles/carres/8/129/88.mvt";
    private static final String DATABASE = "atlas_outage";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyTileIsServedWhileTheDatabaseIsDownAndNewVersionsFollowAfter(@TempDir Path dir) throws Exception {
        String ctl = System.getenv("ATLAS_TEST_PG_CTL");
        if (ctl == null || ctl.isBlank()) {
            throw new IllegalStateException("ATLAS_TEST_PG_CTL is not set: run the tests with ./atlas test, which "
                    + "starts a private PostgreSQL and says how to stop and start it");
        }
        Settings.Database db = TestData.postgis(DATABASE);
        Importer importer = squares(dir);
        publish(importer, db);
        PostgisStore store = new PostgisStore(db, 4, 250);
        WebServer server = Server.start(TestData.settings(dir.resolve("home"), Settings.StoreKind.POSTGIS, db), store);
        // the store's own word that it found the database down, so that readiness is checked after it
        // (after the server's start, whose logging configuration resets the loggers' handlers)
        CountDownLatch outage = new CountDownLatch(1);
        Logger storeLog = Logger.getLogger(PostgisStore.class.getName());
        Handler seen = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("PostGIS does not answer")) {
                    outage.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        storeLog.addHandler(seen);
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
            for (String path : UNCACHED) {
                HttpResponse<byte[]> res = get(base + path);
                assertEquals(200, res.statusCode(), path + " is made from memory while the database is down: "
                        + new String(res.body()));
            }
            awaitLog(outage, 10_000);
            for (int i = 0; i < 5; i++) { // polls every 250 ms find the database down meanwhile
                assertEquals(200, get(base + "/observe/health/ready").statusCode(), "ready: everything is still served");
                Thread.sleep(200);
            }
            assertTrue(ok(base + "/api/territories/search?q=nord").length > 0, "the data API answers too");

            pg(ctl, "start");
            Files.writeString(dir.resolve("data/carres.geojson"), SQUARES.replace("Nord", "Nord-Est"));
            publish(importer, db);
            long published = System.nanoTime();
            awaitBody(base + NAMED, "Nord-Est", 5_000, "the version published after the outage is served");
            System.out.println("DatabaseOutageTest: version 2 served " + (System.nanoTime() - published) / 1_000_000
                    + " ms after its publication");
        } finally {
            storeLog.removeHandler(seen);
            pg(ctl, "start");   // whatever failed, the other PostGIS tests need their database
            server.stop();
            store.close();
        }
    }

    private static Importer squares(Path dir) throws IOException {
        Catalogue catalogue = TestData.squaresCatalogue(dir, SQUARES);
        return new Importer(catalogue, IndicatorCatalogue.load(dir.resolve("none.yaml"), false, catalogue),
                new VenueCatalogue(1000, 12, List.of()), dir.resolve("data"), line -> { });
    }

    private static void publish(Importer importer, Settings.Database db) {
        try (PostgisPublisher publisher = new PostgisPublisher(db, 2)) {
            ImportReport report = importer.run(publisher);
            assertEquals("published", report.outcome(), report.summary());
        }
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

    private static void awaitLog(CountDownLatch logged, long millis) throws InterruptedException {
        assertTrue(logged.await(millis, TimeUnit.MILLISECONDS), "the store logs that PostGIS does not answer");
    }

    private void awaitBody(String url, String text, long millis, String what) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> res = get(url);
            if (res.statusCode() == 200 && new String(res.body(), StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": " + url + " does not hold '" + text + "' after " + millis + " ms");
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
