package fr.culture.atlas.view;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import fr.culture.atlas.work.Workers;

/**
 * Values computed once per key, however many callers ask at the same time: the first computes,
 * the others wait for its result (the commune label points take seconds; eight visitors arriving
 * with a new data version must not compute them eight times). A computation that fails is
 * forgotten, so the next caller tries again.
 *
 * <p>The computation runs on a {@link Workers} thread, never holding a request carrier. A worker
 * that needs a value another caller has queued runs it itself (a no-op once started): waiting for
 * a task queued behind its own thread would wait forever on a one-core pod.
 *
 * @param <K> the key, a record of what the value is computed from
 * @param <V> the value
 */
final class Memo<K, V> {

    /** A computation that can also be failed from outside, when the workers refuse it. */
    private static final class Task<V> extends FutureTask<V> {
        Task(Supplier<V> compute) {
            super(compute::get);
        }

        void fail(RuntimeException e) {
            setException(e);
        }
    }

    private final Map<K, Task<V>> values = new ConcurrentHashMap<>();
    private final Workers workers;

    Memo() {
        this(Workers.shared());
    }

    /** @param workers where values are computed (the shared ones but in tests) */
    Memo(Workers workers) {
        this.workers = workers;
    }

    V get(K key, Supplier<V> compute) {
        Task<V> task = values.get(key);
        if (task == null) {
            Task<V> mine = new Task<>(compute);
            task = values.putIfAbsent(key, mine);
            if (task == null) {
                task = mine;
                if (!Workers.inside()) {
                    try {
                        workers.execute(mine);
                    } catch (RuntimeException e) { // Overloaded: nothing computed, nothing kept,
                        mine.fail(e);             // and whoever waits for it gets the same 503
                        values.remove(key, mine);
                        throw e;
                    }
                }
            }
        }
        if (Workers.inside()) {
            task.run();
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            values.remove(key, task);
            // the computing caller's own exception (an overloaded worker pool is a 503, not a 500)
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a value", e);
        }
    }
}
