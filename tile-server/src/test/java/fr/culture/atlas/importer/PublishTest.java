package fr.culture.atlas.importer;

import static fr.culture.atlas.TestData.SQUARES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.http.Server;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing on a tiny hand-written level: a failed import leaves the live version serving,
 * a good one is picked up without restart, old versions can be restored, and only the
 * configured number of versions is kept.
 */
class PublishTest {


    /** z7 tile over the squares (2°E–3°E, 47°N–49°N). */
    // zoom 8: the first zoom where polygons carry their names (TileEncoder.LEAN_BELOW_ZOOM)
    private static final String TILE = "/tiles/carres/8/129/88.mvt";

    @Test
    void failedImportLeavesTheLiveVersionServing(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Catalogue catalogue = TestData.squaresCatalogue(dir, SQUARES);
        Path data = dir.resolve("data");
        Importer importer = new Importer(catalogue, IndicatorCatalogue.load(dir.resolve("none.yaml"), false, catalogue),
                new VenueCatalogue(1000, 12, List.of()), data, line -> { });

        try (EmbeddedPublisher publisher = new EmbeddedPublisher(home, 2)) {
            assertEquals("published", importer.run(publisher).outcome());
            EmbeddedStore store = new EmbeddedStore(home, 100);
            Settings settings = TestData.settings(home, Settings.StoreKind.EMBEDDED, null);
            WebServer server = Server.start(settings, store);
            try {
                assertEquals(200, get(server, TILE).statusCode());
                byte[] before = get(server, TILE).body();

                // the Deps file arrives truncated: the import aborts and says where
                Files.writeString(data.resolve("carres.geojson"), SQUARES.substring(0, 200));
                ImportReport failed = importer.run(publisher);
                assertTrue(failed.outcome().startsWith("aborted"), failed.outcome());
                ImportReport.Entry entry = failed.entries().getFirst();
                assertEquals("carres.geojson", entry.file());
                assertTrue(entry.message().contains("malformed JSON at line"), entry.message());
                assertEquals(List.of(1L), publisher.versions());
                for (int i = 0; i < 5; i++) {
                    HttpResponse<byte[]> res = get(server, TILE);
                    assertEquals(200, res.statusCode());
                    assertTrue(java.util.Arrays.equals(before, res.body()), "version 1 keeps serving, unchanged");
                }

                // a good file again: version 2 is served without restart
                Files.writeString(data.resolve("carres.geojson"), SQUARES.replace("Nord", "Nord-Est"));
                assertEquals("published", importer.run(publisher).outcome());
                awaitVersion(server, 2);
                assertTrue(new String(get(server, TILE).body(), java.nio.charset.StandardCharsets.UTF_8).contains("Nord-Est"));

                // rollback
                publisher.activate(1);
                awaitVersion(server, 1);

                // two more publishes: only the 2 configured versions are kept, never the current
                assertEquals("published", importer.run(publisher).outcome());
                assertEquals("published", importer.run(publisher).outcome());
                assertEquals(List.of(3L, 4L), publisher.versions());
            } finally {
                server.stop();
                store.close();
            }
        }
    }

    @Test
    void aStoreFileOfAnotherFormatIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Catalogue catalogue = TestData.squaresCatalogue(dir, SQUARES);
        Importer importer = new Importer(catalogue, IndicatorCatalogue.load(dir.resolve("none.yaml"), false, catalogue),
                new VenueCatalogue(1000, 12, List.of()), dir.resolve("data"), line -> { });
        try (EmbeddedPublisher publisher = new EmbeddedPublisher(home, 2)) {
            assertEquals("published", importer.run(publisher).outcome());
        }
        new EmbeddedStore(home, 60_000).close(); // this version's file reads
        // the file as an older version of Atlas wrote it: no format table
        Path file;
        try (var files = Files.list(home.resolve("embedded"))) {
            file = files.filter(f -> f.toString().endsWith(".gpkg")).findFirst().orElseThrow();
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var st = c.createStatement()) {
            st.execute("DROP TABLE atlas_format");
        }
        StoreException refused = assertThrows(StoreException.class, () -> new EmbeddedStore(home, 60_000));
        assertTrue(refused.getMessage().contains("older version of Atlas (store format 1; this server reads format "),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("./atlas import"), refused.getMessage());
    }

    private static void awaitVersion(WebServer server, long version) throws Exception {
        for (int i = 0; i < 100; i++) {
            String health = new String(get(server, "/observe/health/ready").body());
            if (health.matches("(?s).*\"version\":" + version + "[,}].*")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not switch to version " + version);
    }

    private static HttpResponse<byte[]> get(WebServer server, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
