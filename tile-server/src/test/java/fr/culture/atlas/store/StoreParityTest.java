package fr.culture.atlas.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The same import published to PostGIS and to the embedded store gives the same tiles. */
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
}
