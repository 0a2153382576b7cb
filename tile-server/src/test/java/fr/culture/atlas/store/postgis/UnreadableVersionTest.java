package fr.culture.atlas.store.postgis;

import static fr.culture.atlas.TestData.SQUARES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.http.Server;
import fr.culture.atlas.importer.Importer;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version the database holds but the server cannot read (here a table gone) is not an outage:
 * readiness gives the reason, the version is not read again at every poll, and the next version
 * published is served. Runs in a database of its own on the PostGIS of ./atlas test.
 */
class UnreadableVersionTest {

    @Test
    void anUnreadableVersionSaysWhyAndTheNextOneIsServed(@TempDir Path dir) throws Exception {
        Settings.Database db = TestData.postgis("atlas_unreadable");
        Catalogue catalogue = TestData.squaresCatalogue(dir, SQUARES);
        Importer importer = new Importer(catalogue, IndicatorCatalogue.load(dir.resolve("none.yaml"), false, catalogue),
                new VenueCatalogue(1000, 12, List.of()), dir.resolve("data"), line -> { });
        long broken;
        try (PostgisPublisher publisher = new PostgisPublisher(db, 5)) {
            assertEquals("published", importer.run(publisher).outcome());
            broken = publisher.current().orElseThrow();
        }
        try (Connection c = DriverManager.getConnection(db.url()); Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + Postgis.schema(broken) + ".venue");
        }

        PostgisStore store = new PostgisStore(db, 2, 100);
        WebServer server = Server.start(TestData.settings(dir.resolve("home"), Settings.StoreKind.POSTGIS, db), store);
        try {
            assertTrue(store.current().isEmpty());
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/observe/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains(Postgis.schema(broken) + " could not be read"), ready.body());
            assertFalse(ready.body().contains("does not answer"), "the database answers: " + ready.body());
            Thread.sleep(1_000); // ten polls
            assertEquals(1, store.loads(), "a version that could not be read is not read again every poll");

            Files.writeString(dir.resolve("data/carres.geojson"), SQUARES.replace("Nord", "Nord-Est"));
            try (PostgisPublisher publisher = new PostgisPublisher(db, 5)) {
                assertEquals("published", importer.run(publisher).outcome());
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (store.current().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(broken + 1, store.current().orElseThrow().version(), "the next version is served");
            assertTrue(store.problem().isEmpty(), store.problem().orElse(""));
        } finally {
            server.stop();
            store.close();
        }
    }
}
