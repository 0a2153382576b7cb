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
 * old tile and old entries simply age out. The cache holds each tile's future: the first caller
 * makes the tile outside the cache's locks and the others wait for the future, parked (a virtual
 * thread blocked inside a {@code synchronized} block would keep its carrier on Java 21–23).
 */
final class TileCache {

    private record Key(long version, TileRenderer.Content content, TileCoord coord) {
    }

    private final AsyncCache<Key, Tile> cache;

    /** @param maxBytes the tiles' bytes the cache may hold */
    TileCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Tile t) -> t.weight())
                .recordStats()
                .buildAsync();
    }

    /**
     * The tile, from the cache or made by {@code make} on this thread (once, however many ask at
     * the same time: the others wait for it). A tile that fails is not kept.
     */
    TileRenderer.Served get(Snapshot snapshot, TileRenderer.Content content, TileCoord coord, Supplier<Tile> make) {
        Key key = new Key(snapshot.version(), content, coord);
        CompletableFuture<Tile> known = cache.getIfPresent(key);
        if (known != null) {
            return new TileRenderer.Served(Workers.join(known), true);
        }
        CompletableFuture<Tile> mine = new CompletableFuture<>();
        known = cache.asMap().putIfAbsent(key, mine);
        if (known != null) {
            return new TileRenderer.Served(Workers.join(known), true);
        }
        try {
            mine.complete(make.get());
        } catch (Throwable e) {
            mine.completeExceptionally(e); // Caffeine drops a future that fails; waiters get e
            throw e;
        }
        return new TileRenderer.Served(mine.join(), false);
    }

    /** The Caffeine cache itself, for its metrics. */
    Cache<?, Tile> caffeine() {
        return cache.synchronous();
    }
}
