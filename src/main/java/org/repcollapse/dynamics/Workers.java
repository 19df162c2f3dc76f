package org.repcollapse.dynamics;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the tasks {@code 0 .. n-1} of one parallel phase on a fixed number of threads (the caller
 * included). Which thread runs which task is left to chance, so callers make every task write
 * only its own outputs and reduce them afterwards in task order: results are then bit-identical
 * for any thread count. The thread count defaults to the number of cores, or the system property
 * {@code repcollapse.threads}. Task wrappers are allocated once; an instance runs one phase at a time.
 */
public final class Workers {

    /**
     * Helper threads, shared by every instance: a cached pool never makes a task wait for a busy
     * thread, so flows running inside other pools (sweeps, figures) cannot deadlock on it.
     */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "collapse-worker");
        t.setDaemon(true);
        return t;
    });

    private final int threads;
    private final AtomicInteger next = new AtomicInteger();
    private final Runnable[] helpers;
    private final Semaphore done = new Semaphore(0);
    /** The first exception thrown by a task of the phase in progress, on any thread. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile IntConsumer body;
    private volatile int count;

    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
        helpers = new Runnable[threads - 1];
        for (int k = 0; k < helpers.length; k++) {
            helpers[k] = () -> {
                try {
                    drain();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    next.set(Integer.MAX_VALUE / 2);    // the other threads stop at their next task
                } finally {
                    done.release();
                }
            };
        }
    }

    /** The default: {@code repcollapse.threads} if set, else the number of available cores. */
    public static Workers defaults() {
        return new Workers(defaultThreads());
    }

    public static int defaultThreads() {
        String p = System.getProperty("repcollapse.threads");
        if (p != null && !p.isBlank()) {
            return Math.max(1, Integer.parseInt(p.trim()));
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    private void drain() {
        IntConsumer b = body;
        int n = count;
        for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
            b.accept(k);
        }
    }

    /**
     * Runs {@code body(k)} for every k in {@code 0 .. n-1}, returning when all are done. If a task
     * throws, on the caller's thread or a helper's, the first exception thrown is rethrown here once
     * every thread has stopped (the tasks not yet started may be skipped).
     */
    public void run(int n, IntConsumer task) {
        if (helpers.length == 0 || n <= 1) {
            for (int k = 0; k < n; k++) {
                task.accept(k);
            }
            return;
        }
        body = task;
        count = n;
        next.set(0);
        failure.set(null);
        int used = Math.min(helpers.length, n - 1);
        for (int k = 0; k < used; k++) {
            POOL.execute(helpers[k]);
        }
        try {
            drain();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            next.set(Integer.MAX_VALUE / 2);        // the helpers stop at their next task
        } finally {
            done.acquireUninterruptibly(used);
            body = null;
        }
        Throwable t = failure.getAndSet(null);
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
