package fr.culture.atlas.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values computed once per key, however many callers ask at the same time: the first computes,
 * the others wait for its result (the commune label points take seconds; eight visitors arriving
 * with a new data version must not compute them eight times). A computation that fails is
 * forgotten, so the next caller tries again.
 */
final class Memo {

    private final Map<String, CompletableFuture<Object>> values = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> compute) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> known = values.putIfAbsent(key, mine);
        if (known == null) {
            try {
                mine.complete(compute.get());
            } catch (RuntimeException | Error e) {
                values.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return (T) mine.join();
        }
        try {
            return (T) known.join();
        } catch (CompletionException e) {
            // the computing caller's own exception (a database down is a 503, not a 500)
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
