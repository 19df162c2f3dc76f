package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@link Workers}: an exception thrown by a task on a helper thread reaches the caller of
 * {@code run} (before, it was swallowed and the task's output left stale), and the instance
 * stays usable for the next phase.
 */
class WorkersTest {

    /**
     * Task 0 runs on the caller's thread or a helper's (left to chance), so the failing task waits,
     * on a latch, until a task has started on a thread other than the caller's: then it throws on a
     * helper thread for certain when it is not the caller that reached it. Both ways it must surface.
     */
    @Test
    void anExceptionOnAHelperThreadReachesTheCaller() throws Exception {
        Workers w = new Workers(2);
        Thread caller = Thread.currentThread();
        for (int repeat = 0; repeat < 20; repeat++) {
            IllegalStateException boom = new IllegalStateException("boom");
            CountDownLatch helperStarted = new CountDownLatch(1);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> w.run(64, k -> {
                if (Thread.currentThread() != caller) {
                    helperStarted.countDown();
                    try {
                        helperStarted.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw boom;
                }
                try {
                    helperStarted.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertSame(boom, thrown, "the helper's own exception, not a wrapper");
        }
    }

    @Test
    void anExceptionOnTheCallerThreadStillWaitsForTheHelpersAndPropagates() {
        Workers w = new Workers(3);
        ArithmeticException boom = new ArithmeticException("caller");
        Thread caller = Thread.currentThread();
        CountDownLatch callerRan = new CountDownLatch(1);
        // helpers block until the caller has taken a task, so the caller surely throws on its own thread
        ArithmeticException thrown = assertThrows(ArithmeticException.class, () -> w.run(1000, k -> {
            if (Thread.currentThread() == caller) {
                callerRan.countDown();
                throw boom;
            }
            try {
                callerRan.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertSame(boom, thrown);
    }

    /** After a failed phase the next one computes every task exactly once (sum of 0..n-1 in order). */
    @Test
    void theNextPhaseAfterAFailureIsComplete() {
        Workers w = new Workers(2);
        assertThrows(RuntimeException.class, () -> w.run(100, k -> {
            if (k == 50) {
                throw new RuntimeException("task 50");
            }
        }));
        int n = 10_000;
        int[] hits = new int[n];
        w.run(n, k -> hits[k]++);
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(ones, hits, "every task ran once");
        long[] sum = new long[1];
        w.run(1, k -> sum[0] += 7);
        assertEquals(7, sum[0]);
        assertTrue(w.threads() == 2);
    }
}
