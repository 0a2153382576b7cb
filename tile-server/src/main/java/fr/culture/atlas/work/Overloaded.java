package fr.culture.atlas.work;

/**
 * Expensive work refused because every worker is busy and the queue is full: the client should
 * retry shortly (503 with {@code Retry-After}); cheap requests are still served meanwhile.
 */
public final class Overloaded extends RuntimeException {

    public Overloaded(int threads, int queued) {
        super("Busy: " + threads + " expensive computations running and " + queued
                + " waiting; retry in a second", null, false, false);
    }
}
