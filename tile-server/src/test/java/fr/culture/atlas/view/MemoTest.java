package fr.culture.atlas.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import fr.culture.atlas.work.Workers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Derived data is computed once however many requests ask for it at the same time. */
class MemoTest {

    @Test
    void eightCallersAtOnceComputeOnceAndShareTheResult() throws Exception {
        Memo<String, Object> memo = new Memo<>();
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return memo.get("labels/commune", () -> {
                        computed.incrementAndGet();
                        sleep(200);   // the commune label points take seconds
                        return new Object();
                    });
                }));
            }
            start.countDown();
            Object first = answers.getFirst().get();
            for (Future<Object> answer : answers) {
                assertSame(first, answer.get());
            }
        }
        assertEquals(1, computed.get());
    }

    @Test
    void aFailureReachesEveryWaiterAsItsOwnExceptionAndIsNotKept() {
        Memo<String, String> memo = new Memo<>();
        assertThrows(IllegalStateException.class, () -> memo.get("rows", () -> {
            throw new IllegalStateException("cannot compute now");
        }));
        assertEquals("rows again", memo.get("rows", () -> "rows again"), "the next caller computes again");
    }

    @Test
    void aWorkerNeedingAValueQueuedBehindItRunsItItself() {
        // one worker: it is busy with a portrait that will need "rows"; meanwhile a request asks
        // for "rows", whose computation waits in the queue behind that very worker
        Workers one = new Workers(1, 4);
        Memo<String, String> memo = new Memo<>(one);
        CountDownLatch queued = new CountDownLatch(1);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            CompletableFuture<String> portrait = one.submit(() -> {
                await(queued);
                return "portrait of " + memo.get("rows", () -> "rows");
            });
            Thread request = Thread.ofVirtual().start(() -> memo.get("rows", () -> "rows"));
            while (one.load() < 2) { // the request's task is in the queue
                Thread.sleep(5);
            }
            queued.countDown();
            assertEquals("portrait of rows", Workers.join(portrait));
            request.join();
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
