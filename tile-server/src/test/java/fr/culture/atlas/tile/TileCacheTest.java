package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import fr.culture.atlas.store.MemorySnapshot;
import fr.culture.atlas.store.Snapshot;
import org.junit.jupiter.api.Test;

/** A tile is made once however many ask for it at the same time; a failure is not kept. */
class TileCacheTest {

    private static final TileRenderer.Content CONTENT = new TileRenderer.Content("commune", List.of());
    private static final TileCoord COORD = new TileCoord(9, 259, 180);

    private static Snapshot snapshot() {
        return new MemorySnapshot(1, null, Map.of(), Map.of(), List.of(), List.of());
    }

    @Test
    void eightRequestsAtOnceMakeTheTileOnce() throws Exception {
        TileCache cache = new TileCache(1 << 20);
        Snapshot snapshot = snapshot();
        AtomicInteger made = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TileRenderer.Served>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return cache.get(snapshot, CONTENT, COORD, () -> {
                        made.incrementAndGet();
                        sleep(200);
                        return Tile.of(1, new byte[] {1, 2, 3});
                    });
                }));
            }
            start.countDown();
            Tile first = answers.getFirst().get().tile();
            int fresh = 0;
            for (Future<TileRenderer.Served> answer : answers) {
                assertSame(first, answer.get().tile());
                fresh += answer.get().cached() ? 0 : 1;
            }
            assertEquals(1, fresh, "one request made it, the others waited for it");
        }
        assertEquals(1, made.get());
        assertTrue(cache.get(snapshot, CONTENT, COORD, () -> {
            throw new AssertionError("made again");
        }).cached());
    }

    @Test
    void aFailedTileIsNotKept() {
        TileCache cache = new TileCache(1 << 20);
        Snapshot snapshot = snapshot();
        assertThrows(IllegalStateException.class, () -> cache.get(snapshot, CONTENT, COORD, () -> {
            throw new IllegalStateException("database down");
        }));
        assertFalse(cache.get(snapshot, CONTENT, COORD, () -> Tile.of(1, new byte[] {4})).cached(),
                "the next request makes it again");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
