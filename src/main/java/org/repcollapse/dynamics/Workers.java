package org.repcollapse.dynamics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the tasks {@code 0 .. n-1} of one parallel phase on a fixed number of threads (the caller
 * included). Which thread runs which task is left to chance, so callers make every task write
 * only its own outputs and reduce them afterwards in task order: results are then bit-identical
 * for any thread count. The thread count defaults to the number of cores, or the system property
 * {@code repcollapse.threads}. Task wrappers are allocated once; an instance runs one phase at a time.
 */
public final class Workers {

    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private final int threads;
    private final ForkJoinPool pool;
    private final AtomicInteger next = new AtomicInteger();
    private final ForkJoinTask<?>[] helpers;
    private volatile IntConsumer body;
    private volatile int count;

    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : POOLS.computeIfAbsent(threads - 1, ForkJoinPool::new);
        helpers = new ForkJoinTask<?>[threads - 1];
        for (int k = 0; k < helpers.length; k++) {
            helpers[k] = ForkJoinTask.adapt(this::drain);
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

    /** Runs {@code body(k)} for every k in {@code 0 .. n-1}, returning when all are done. */
    public void run(int n, IntConsumer task) {
        if (pool == null || n <= 1) {
            for (int k = 0; k < n; k++) {
                task.accept(k);
            }
            return;
        }
        body = task;
        count = n;
        next.set(0);
        int used = Math.min(helpers.length, n - 1);
        for (int k = 0; k < used; k++) {
            helpers[k].reinitialize();
            pool.execute(helpers[k]);
        }
        drain();
        for (int k = 0; k < used; k++) {
            helpers[k].join();
        }
        body = null;
    }
}
