package fr.culture.atlas.tile;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.work.Workers;

/**
 * The hot tiles: a Caffeine cache bounded by bytes, one computation per key under concurrent
 * misses, and keys carrying the data version, so that a newly published version never serves an
 * old tile and old entries simply age out. A tile is made on {@link Workers}; the cache holds its
 * future, so that no request waits inside the cache's locks (a virtual thread blocked in a
 * {@code synchronized} block keeps its carrier on Java 21–23).
 */
final class TileCache {

    private record Key(long version, TileRenderer.Content content, TileCoord coord) {
    }

    private final AsyncCache<Key, Tile> cache;
    private final Workers workers;

    /** @param maxBytes the tiles' bytes the cache may hold */
    TileCache(long maxBytes, Workers workers) {
        this.workers = workers;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Tile t) -> t.weight())
                .recordStats()
                .buildAsync();
    }

    /** The tile, from the cache or made by {@code make} on a worker (once, however many ask at the same time). */
    TileRenderer.Served get(Snapshot snapshot, TileRenderer.Content content, TileCoord coord, Supplier<Tile> make) {
        boolean[] made = {false};
        CompletableFuture<Tile> tile = cache.get(new Key(snapshot.version(), content, coord), (k, executor) -> {
            made[0] = true;
            return workers.submit(make);
        });
        return new TileRenderer.Served(Workers.join(tile), !made[0]);
    }

    /** The Caffeine cache itself, for its metrics. */
    Cache<?, Tile> caffeine() {
        return cache.synchronous();
    }
}
