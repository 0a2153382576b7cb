package fr.culture.atlas.work;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where CPU-heavy work runs: a tile made now below zoom 8, a portrait, breaks, label sets, a glyph range, a
 * large CSV. As many platform threads as cores, behind a short queue; when both are full the work
 * is refused at once ({@link Overloaded}, a 503 with {@code Retry-After}) instead of queueing
 * without bound.
 *
 * <p>Why not on the request's own thread: requests run on virtual threads, which share as many
 * carrier threads as there are cores. CPU-bound work never yields, so two expensive requests held
 * both carriers of a 2-core pod and every other request (health probes, cached tiles) waited
 * behind them for seconds although each took milliseconds once handled (issue 14). Here the
 * request's virtual thread parks while a worker computes, its carrier stays free for cheap
 * requests, and the operating system shares the cores between workers and carriers. Callers
 * wait outside any monitor (caches take the {@link #submit} future, not a blocking computation),
 * as a virtual thread blocked inside {@code synchronized} keeps its carrier on Java 21–23.
 *
 * <p>Work submitted from a worker (a portrait asking for a level's rows), or from a background
 * thread that {@link #inPlace runs as one}, runs in place, so that nested work never waits for a
 * queue its own thread holds up.
 */
public final class Workers {

    /** Per worker thread: 32 waiting per core is a browser's burst of cold tiles for a few visitors. */
    private static final int QUEUE_PER_THREAD = 32;
    private static final Workers SHARED = new Workers(Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().availableProcessors() * QUEUE_PER_THREAD);
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private final ThreadPoolExecutor pool;

    /**
     * @param threads how many computations run at once
     * @param queue   how many more may wait for a thread
     */
    public Workers(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(() -> {
                INSIDE.set(true);
                r.run();
            }, "atlas-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), factory,
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** The workers of this process: one CPU, one pool, whatever the number of servers or stores in the JVM. */
    public static Workers shared() {
        return SHARED;
    }

    /** Whether this thread is a worker, or runs {@link #inPlace} as one: work submitted here runs in place. */
    public static boolean inside() {
        return INSIDE.get();
    }

    /**
     * {@code work} on this thread, with whatever it submits run in place too: for a background
     * thread of its own (the preseeder, at low priority), whose work must not take the requests'
     * place in the queue.
     */
    public static <T> T inPlace(Supplier<T> work) {
        boolean was = INSIDE.get();
        INSIDE.set(true);
        try {
            return work.get();
        } finally {
            INSIDE.set(was);
        }
    }

    /**
     * The result of {@code work}, to come from a worker (or already there when submitted from
     * one). Failures come back as the future's exception.
     *
     * @throws Overloaded when every worker is busy and the queue is full
     */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (inside()) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            throw new Overloaded(pool.getMaximumPoolSize(), pool.getQueue().size());
        }
    }

    /**
     * Runs {@code task} on a worker, later.
     *
     * @throws Overloaded when every worker is busy and the queue is full
     */
    public void execute(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            throw new Overloaded(pool.getMaximumPoolSize(), pool.getQueue().size());
        }
    }

    /**
     * The result of {@code work}, computed on a worker while the caller waits.
     *
     * @throws Overloaded when every worker is busy and the queue is full
     */
    public <T> T run(Supplier<T> work) {
        return join(submit(work));
    }

    /** The future's value, or its own exception as if the work had run here (an overloaded queue stays a 503). */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw e;
            }
        }
    }

    /** Computations running or waiting now, for the metrics. */
    public int load() {
        return pool.getActiveCount() + pool.getQueue().size();
    }
}
