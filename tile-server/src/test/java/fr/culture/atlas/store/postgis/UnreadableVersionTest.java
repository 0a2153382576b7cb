package fr.culture.atlas.store.postgis;

import static fr.culture.atlas.TestData.SQUARES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import fr.culture.atlas.importer.Importer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version the database holds but the server cannot read (here a table gone) is not an outage:
 * the server says why it is not ready, does not read it again every second, and serves the next
 * version published. Runs in a database of its own on the PostGIS of ./atlas test.
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
        try {
            assertTrue(store.current().isEmpty());
            String problem = store.problem().orElseThrow();
            assertTrue(problem.contains(Postgis.schema(broken) + " could not be read"), problem);
            assertFalse(problem.contains("does not answer"), "the database answers: " + problem);

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
            store.close();
        }
    }
}
