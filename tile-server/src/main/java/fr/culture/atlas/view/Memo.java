package fr.culture.atlas.view;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import fr.culture.atlas.work.Workers;

/**
 * Values computed once per key, however many callers ask at the same time: the first computes,
 * the others wait for its result (the commune label points take seconds; eight visitors arriving
 * with a new data version must not compute them eight times). A computation that fails is
 * forgotten, so the next caller tries again. The computation runs on a {@link Workers} thread,
 * so that it never holds a request carrier.
 *
 * @param <K> the key, a record of what the value is computed from
 * @param <V> the value
 */
final class Memo<K, V> {

    private final Map<K, CompletableFuture<V>> values = new ConcurrentHashMap<>();

    V get(K key, Supplier<V> compute) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> known = values.putIfAbsent(key, mine);
        if (known == null) {
            try {
                mine.complete(Workers.shared().run(compute));
            } catch (RuntimeException | Error e) {
                values.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return known.join();
        } catch (CompletionException e) {
            // the computing caller's own exception (a database down is a 503, not a 500)
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
