package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        warmup.listening(null); // no server to ask: that part is skipped, not waited for
        assertFalse(warmup.done(), "not done before it ran");
        assertEquals("none", warmup.summary());
        warmup.start(store, renderer);
        for (int i = 0; i < 1200 && !warmup.done(); i++) {
            Thread.sleep(50);
        }
        assertTrue(warmup.done());
        int planned = Warmup.plan(store.current().orElseThrow(), renderer.layouts()).size();
        assertTrue(warmup.summary().matches(planned + " of " + planned + " tiles in \\d+ ms, no requests \\(.*\\)"),
                warmup.summary());
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
        warmup.listening(new InetSocketAddress("127.0.0.1", closed));
        Store store = TestData.embeddedStore(); // (made by the first test that asks: not timed)
        long start = System.nanoTime();
        warmup.start(store, renderer);
        for (int i = 0; i < 200 && !warmup.done(); i++) {
            Thread.sleep(10);
        }
        assertTrue(warmup.done());
        assertTrue(System.nanoTime() - start < 1_400_000_000L, "over within its budget (400 ms), give or take a tile");
        // one failed connection per thread, each thread's part over
        assertTrue(warmup.summary().matches("\\d+ of \\d+ tiles in \\d+ ms, 0 requests in \\d+ ms, \\d+ failed"),
                warmup.summary());
        assertEquals(0, renderer.cache().estimatedSize(), "the visitors' cache is left as it was");
    }

    @Test
    void itReadsEachAnswerWholeOnAKeptAliveConnectionAndCountsWhatFailed() throws Exception {
        // a server answering as ours does: a tile with its length, an empty tile, then a refusal
        List<String> asked = new CopyOnWriteArrayList<>();
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket connection = listening.accept();
                        Thread.ofVirtual().start(() -> answer(connection, asked));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            Warmup warmup = new Warmup(Duration.ofMillis(400));
            warmup.listening((InetSocketAddress) listening.getLocalSocketAddress());
            warmup.start(TestData.embeddedStore(), new TileRenderer(64 << 20, 12));
            for (int i = 0; i < 200 && !warmup.done(); i++) {
                Thread.sleep(10);
            }
            assertTrue(warmup.done());
            Matcher summary = Pattern.compile(", (\\d+) requests in \\d+ ms, (\\d+) failed").matcher(warmup.summary());
            assertTrue(summary.find(), warmup.summary());
            // each connection: a tile (200 and its bytes, skipped whole), an empty one (204), then a
            // 503, which ends that connection's part as a failure
            // (a connection whose part the budget ended before its refusal has no failure)
            int answered = Integer.parseInt(summary.group(1));
            int failed = Integer.parseInt(summary.group(2));
            int threads = Runtime.getRuntime().availableProcessors();
            assertTrue(failed >= 1 && answered >= 2 * failed && answered <= 2 * threads, warmup.summary());
            assertTrue(asked.size() >= answered + failed && asked.size() <= 3 * threads,
                    "nothing asked after a failure: " + asked);
            assertTrue(asked.stream().allMatch(r -> r.startsWith("GET /tiles/") && r.contains(" HTTP/1.1")), asked.toString());
            // the France view's tiles: every visitor's first view, none of them empty
            assertTrue(asked.stream().allMatch(r -> r.contains(".mvt?layout=france ")), asked.toString());
        }
    }

    /** Answers a connection's requests: 200 with a body, 204, then 503 and closes. */
    private static void answer(Socket connection, List<String> asked) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = connection.getOutputStream();
            String[] answers = {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde", "HTTP/1.1 204 No Content\r\n\r\n",
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"};
            for (String answer : answers) {
                String request = in.readLine();
                if (request == null) {
                    return;
                }
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    // the headers
                }
                asked.add(request);
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the warm-up closed it
        }
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
