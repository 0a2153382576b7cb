package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import fr.culture.atlas.TestData;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/** The tiles a starting server makes before it says ready, on the real data: which, and that they are dropped. */
class WarmupTest {

    @Test
    void itsTilesAreThoseOfTheBiggestCitiesAndOfTheFranceView() throws Exception {
        Snapshot snapshot = TestData.embeddedStore().current().orElseThrow();
        List<Warmup.Job> plan = Warmup.plan(snapshot, new Layouts());
        assertEquals(plan, Warmup.plan(snapshot, new Layouts()), "the same tiles in the same order every time");
        assertEquals(plan.size(), Set.copyOf(plan).size(), "each tile once");

        // around Paris, the most populous commune: its tile and the 8 around it, at zooms 6 to 12
        Territory paris = snapshot.territories("commune").stream().filter(t -> t.code().equals("75056")).findFirst()
                .orElseThrow();
        for (int z = Warmup.FROM_ZOOM; z <= Warmup.TO_ZOOM; z++) {
            TileCoord centre = tileOf(paris.label(), z);
            int zoom = z;
            Set<TileCoord> aroundParis = plan.stream().map(Warmup.Job::coord)
                    .filter(c -> c.z() == zoom && Math.abs(c.x() - centre.x()) <= 1 && Math.abs(c.y() - centre.y()) <= 1)
                    .collect(Collectors.toSet());
            assertEquals(9, aroundParis.size(), "zoom " + z + ": " + aroundParis);
        }
        // in the level of each zoom (levels.yaml: départements at 6–7, communes from 8), the first
        // indicator of the catalogue and the venues
        String first = snapshot.indicators().all().getFirst().def().id();
        assertTrue(has(plan, 7, "departement", List.of(), null));
        assertTrue(has(plan, 12, "commune", List.of(), null));
        assertTrue(plan.stream().anyMatch(j -> j.coord().z() == 10 && j.content().indicators().equals(List.of(first))));
        assertTrue(has(plan, 9, Tilesets.VENUES, List.of(), null));
        // and the France view the homepage and widget open on, zoom 0 to 6
        for (int z = 0; z <= Warmup.VIEW_TO_ZOOM; z++) {
            int zoom = z;
            assertTrue(plan.stream().anyMatch(j -> j.coord().z() == zoom && "france".equals(j.content().layout())
                    && j.content().indicators().equals(List.of(first))), "France view at zoom " + z);
        }
        // each with the request that asks for it: what a tile URL without parameters gets, or the view's
        assertTrue(plan.contains(new Warmup.Job(new TileRenderer.Content("commune", List.of()), new TileCoord(12, 2074, 1409),
                "/tiles/communes/12/2074/1409.mvt")), "a tile of Paris's communes");
        assertTrue(plan.stream().anyMatch(j -> j.path().equals("/tiles/" + first + "/0/0/0.mvt?layout=france")
                && "france".equals(j.content().layout())), "the France view's first tile");
        // shuffled: the first tenth, all a budget cut short may make, already holds every zoom
        Set<Integer> zooms = plan.subList(0, plan.size() / 10).stream().map(j -> j.coord().z()).collect(Collectors.toSet());
        assertTrue(zooms.containsAll(Set.of(6, 7, 8, 9, 10, 11, 12)), "zooms of the first tenth: " + zooms);
    }

    @Test
    void itMakesEveryTileOfItsPlanAndCachesNone() throws Exception {
        Store store = TestData.embeddedStore();
        TileRenderer renderer = new TileRenderer(64 << 20, 12);
        Warmup warmup = new Warmup(Duration.ofMinutes(1)); // more than enough: the plan ends it
        assertFalse(warmup.done(), "not done before it ran");
        assertEquals("none", warmup.summary());
        warmup.start(store, renderer);
        for (int i = 0; i < 1200 && !warmup.done(); i++) {
            Thread.sleep(50);
        }
        assertTrue(warmup.done());
        int planned = Warmup.plan(store.current().orElseThrow(), renderer.layouts()).size();
        assertTrue(warmup.summary().startsWith(planned + " of " + planned + " tiles in "), warmup.summary());
        assertEquals(0, renderer.cache().estimatedSize(), "the visitors' cache is left as it was");
    }

    @Test
    void aServerItCannotAskIsAFailureSaidNotAWait() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // nobody listens there once closed
        }
        TileRenderer renderer = new TileRenderer(64 << 20, 12);
        Warmup warmup = new Warmup(Duration.ofMillis(400));
        warmup.listening(URI.create("http://127.0.0.1:" + closed + "/"));
        warmup.start(TestData.embeddedStore(), renderer);
        for (int i = 0; i < 200 && !warmup.done(); i++) {
            Thread.sleep(50);
        }
        assertTrue(warmup.done(), "over within its budget");
        assertTrue(warmup.summary().matches("\\d+ of \\d+ tiles in \\d+ ms, 0 requests in \\d+ ms, [12] failed"),
                warmup.summary());
        assertEquals(0, renderer.cache().estimatedSize(), "the visitors' cache is left as it was");
    }

    @Test
    void itWaitsForAVersionAndEndsWithItsServer(@TempDir Path dir) throws Exception {
        try (EmbeddedStore empty = new EmbeddedStore(dir, 60_000)) {
            Warmup warmup = new Warmup(Duration.ofSeconds(1));
            warmup.start(empty, new TileRenderer(1 << 20, 12));
            Thread.sleep(300);
            assertFalse(warmup.done(), "no version yet: nothing to warm up on, not ready");
            warmup.stop();
            for (int i = 0; i < 100 && !warmup.done(); i++) {
                Thread.sleep(50);
            }
            assertTrue(warmup.done(), "stopped with its server");
            assertEquals("none", warmup.summary());
        }
    }

    @Test
    void noBudgetNoWarmup() throws Exception {
        Warmup warmup = new Warmup(Duration.ZERO);
        assertTrue(warmup.done(), "ready as soon as the data is loaded");
        warmup.start(TestData.embeddedStore(), new TileRenderer(1 << 20, 12));
        assertEquals("none", warmup.summary());
    }

    private static boolean has(List<Warmup.Job> plan, int z, String level, List<String> indicators, String layout) {
        return plan.stream().anyMatch(j -> j.coord().z() == z && j.content().equals(
                new TileRenderer.Content(level, indicators, layout)));
    }

    private static TileCoord tileOf(Coordinate point, int z) {
        double cell = 2 * WebMercator.HALF_WORLD / (1 << z);
        return new TileCoord(z, (int) ((point.x + WebMercator.HALF_WORLD) / cell),
                (int) ((WebMercator.HALF_WORLD - point.y) / cell));
    }
}
