package fr.culture.atlas.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The workers run expensive work off the caller's thread, refuse at once when full, and run nested work in place. */
class WorkersTest {

    @Test
    void workRunsOnAWorkerAndItsResultAndExceptionsComeBack() {
        Workers workers = new Workers(1, 1);
        Thread caller = Thread.currentThread();
        assertNotEquals(caller, workers.run(Thread::currentThread));
        IllegalArgumentException thrown = new IllegalArgumentException("bad");
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> workers.run(() -> {
            throw thrown;
        })));
    }

    @Test
    void beyondTheThreadsAndTheQueueWorkIsRefusedAtOnce() throws Exception {
        Workers workers = new Workers(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Thread busy = Thread.ofVirtual().start(() -> workers.run(() -> {
            started.countDown();
            await(release);
            return 1;
        }));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        AtomicReference<Integer> queued = new AtomicReference<>();
        Thread waiting = Thread.ofVirtual().start(() -> queued.set(workers.run(() -> 2)));
        while (workers.load() < 2) { // the second is in the queue
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        assertThrows(Overloaded.class, () -> workers.run(() -> 3));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "refused at once, not after waiting");
        release.countDown();
        busy.join();
        waiting.join();
        assertEquals(2, queued.get(), "the queued work ran once a thread was free");
    }

    @Test
    void workSubmittedFromAWorkerRunsInPlace() {
        Workers workers = new Workers(1, 0);
        // with one thread and no queue, nested work would be refused (or wait behind its own thread)
        assertEquals(42, workers.run(() -> workers.run(() -> 42)));
        // a background thread of its own runs its work in place too, not in the requests' queue
        Workers queued = new Workers(1, 1);
        Thread caller = Thread.currentThread();
        assertSame(caller, Workers.inPlace(() -> queued.run(Thread::currentThread)));
        assertNotEquals(caller, queued.run(Thread::currentThread), "and only while it says so");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
