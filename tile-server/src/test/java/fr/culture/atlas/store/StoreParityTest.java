package fr.culture.atlas.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.TestData;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import fr.culture.atlas.store.postgis.PostgisPublisher;
import fr.culture.atlas.store.postgis.PostgisStore;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.tile.Mvt;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.TileEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The same import published to PostGIS and to the embedded store gives the same tiles and values. */
class StoreParityTest {

    private static EmbeddedStore embedded;
    private static PostgisStore postgis;

    @BeforeAll
    static void publishBoth() throws IOException {
        embedded = TestData.embeddedStore();
        try (PostgisPublisher publisher = new PostgisPublisher(TestData.postgis(), 5)) {
            publisher.publish(TestData.dataset());
        }
        postgis = new PostgisStore(TestData.postgis(), 2, 60_000);
    }

    @AfterAll
    static void close() {
        postgis.close();
    }

    @ParameterizedTest
    @CsvSource({"region, 0, 0, 0", "region, 5, 16, 11", "departement, 7, 64, 44", "departement, 9, 259, 176",
        "region, 6, 41, 35", "epci, 8, 129, 88", "commune, 12, 2074, 1409", "commune, 6, 32, 22"})
    void sameTileFromBothStores(String level, int z, int x, int y) throws IOException {
        TileCoord tile = new TileCoord(z, x, y);
        TileEncoder encoder = new TileEncoder();
        var env = tile.envelope((double) TileEncoder.BUFFER / TileEncoder.EXTENT);
        Snapshot fromFile = embedded.current().orElseThrow();
        Snapshot fromDb = postgis.current().orElseThrow();
        int band = ZoomBands.of(z).index();
        List<Mvt.Feature> a = Mvt.decode(encoder.encode(tile, level, fromFile.territories(level, band, env)));
        List<Mvt.Feature> b = Mvt.decode(encoder.encode(tile, level, fromDb.territories(level, band, env)));
        assertFalse(a.isEmpty(), "the tile has features");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            assertEquals(a.get(i).properties(), b.get(i).properties());
            assertTrue(a.get(i).geometry().equalsExact(b.get(i).geometry()),
                    "same geometry for " + a.get(i).code());
        }
    }

    /** Both stores read their values as columns ({@link IndicatorColumns}); each is the one imported. */
    @Test
    void bothStoresServeTheImportedValues() throws IOException {
        assertServes(TestData.dataset(), embedded.current().orElseThrow());
        assertServes(TestData.dataset(), postgis.current().orElseThrow());
    }

    /** A file published before the values were also stored as columns is served from its rows, the same. */
    @Test
    void aFileWithoutColumnsIsServedFromItsRows(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("embedded"));
        try (var files = Files.list(TestData.embeddedHome().resolve("embedded"))) {
            for (Path f : files.toList()) {
                Files.copy(f, home.resolve("embedded").resolve(f.getFileName()));
            }
        }
        try (var files = Files.list(home.resolve("embedded"))) {
            Path file = files.filter(f -> f.toString().endsWith(".gpkg")).findFirst().orElseThrow();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
                st.execute("DROP TABLE atlas_indicator_column");
                st.execute("DROP TABLE atlas_indicator_codes");
            }
        }
        EmbeddedStore old = new EmbeddedStore(home, 60_000);
        try {
            assertServes(TestData.dataset(), old.current().orElseThrow());
        } finally {
            old.close();
        }
    }

    /** A PostGIS version published before the values were also stored as columns is served from its rows, the same. */
    @Test
    void aSchemaWithoutColumnsIsServedFromItsRows() throws Exception {
        String schema = "atlas_v" + postgis.current().orElseThrow().version();
        try (var c = java.sql.DriverManager.getConnection(TestData.postgis().url()); var st = c.createStatement()) {
            st.execute("ALTER TABLE " + schema + ".indicator_column RENAME TO indicator_column_hidden");
            try {
                PostgisStore old = new PostgisStore(TestData.postgis(), 2, 60_000);
                try {
                    assertServes(TestData.dataset(), old.current().orElseThrow());
                } finally {
                    old.close();
                }
            } finally {
                st.execute("ALTER TABLE " + schema + ".indicator_column_hidden RENAME TO indicator_column");
            }
        }
    }

    /** Every value, coverage and France's value of the dataset, as the snapshot serves it. */
    private static void assertServes(Dataset dataset, Snapshot snapshot) {
        Indicators served = snapshot.indicators();
        int checked = 0;
        for (IndicatorData imported : dataset.indicators()) {
            String id = imported.def().id();
            IndicatorData def = served.get(id).orElseThrow(() -> new AssertionError("no indicator " + id));
            assertEquals(imported.france(), def.france(), id + " France");
            assertEquals(imported.franceCoverage(), def.franceCoverage(), id + " France's coverage");
            for (Dataset.LevelData level : dataset.levels()) {
                String lvl = level.level().id();
                Map<String, Object> values = imported.values().getOrDefault(lvl, Map.of());
                Map<String, Coverage> coverage = imported.coverage().getOrDefault(lvl, Map.of());
                Object[] column = served.column(id, lvl);
                Coverage[] covered = served.coverage(id, lvl);
                assertEquals(values.isEmpty(), column == null, id + " at " + lvl);
                for (Territory t : snapshot.territories(lvl)) {
                    int row = served.row(lvl, t.code());
                    Object value = column == null ? null : column[row];
                    assertEquals(values.get(t.code()), value, id + " of " + lvl + " " + t.code());
                    assertEquals(coverage.get(t.code()), covered == null ? null : covered[row],
                            id + " coverage of " + lvl + " " + t.code());
                    checked += value == null ? 0 : 1;
                }
            }
        }
        assertTrue(checked > 500_000, checked + " values checked");
    }
}
