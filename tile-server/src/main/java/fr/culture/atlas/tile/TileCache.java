package fr.culture.atlas.tile;

import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.culture.atlas.store.Snapshot;

/**
 * The hot tiles: a Caffeine cache bounded by bytes, one computation per key under concurrent
 * misses, and keys carrying the data version, so that a newly published version never serves an
 * old tile and old entries simply age out.
 */
final class TileCache {

    private record Key(long version, TileRenderer.Content content, TileCoord coord) {
    }

    private final Cache<Key, Tile> cache;

    /** @param maxBytes the tiles' bytes the cache may hold */
    TileCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Tile t) -> t.weight())
                .recordStats()
                .build();
    }

    /** The tile, from the cache or made by {@code make} (once, however many ask at the same time). */
    TileRenderer.Served get(Snapshot snapshot, TileRenderer.Content content, TileCoord coord, Supplier<Tile> make) {
        boolean[] made = {false};
        Tile tile = cache.get(new Key(snapshot.version(), content, coord), k -> {
            made[0] = true;
            return make.get();
        });
        return new TileRenderer.Served(tile, !made[0]);
    }

    /** The Caffeine cache itself, for its metrics. */
    Cache<?, Tile> caffeine() {
        return cache;
    }
}
