package org.repcollapse.cli;

import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import org.repcollapse.dynamics.StateObserver;

/**
 * Progress of one integration: model time t against tEnd, in thousandths, updated at each
 * recorded time. The bar appears only once the run has taken {@link #DELAY_NANOS} of wall time
 * (short runs show nothing), and only where {@link Progress} allows one.
 */
final class RunProgress implements org.repcollapse.dynamics.RecordingObserver, AutoCloseable {

    /** Wall time before the bar appears: 1 s (the property {@code collapse.progress.delayMillis} changes it, for tests). */
    static final long DELAY_NANOS = Long.getLong("collapse.progress.delayMillis", 1000L) * 1_000_000L;
    static final int STEPS = 1000;

    private final boolean enabled;
    private final double tEnd;
    private final StateObserver next;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    /** @param next another observer to call first (null: none) */
    RunProgress(boolean enabled, double tEnd, StateObserver next) {
        this.enabled = enabled;
        this.tEnd = tEnd;
        this.next = next;
    }

    @Override
    public void observe(double t, double[] z) {
        if (next != null) {
            next.observe(t, z);
        }
        if (!enabled || !(tEnd > 0)) {
            return;
        }
        if (bar == null && System.nanoTime() - start >= DELAY_NANOS) {
            bar = Progress.bar(true, "run", STEPS, null);
        }
        if (bar != null) {
            bar.stepTo(Math.min(STEPS, Math.round(STEPS * t / tEnd)));
            bar.setExtraMessage(String.format(Locale.ROOT, "t = %.4g of %.4g", t, tEnd));
        }
    }

    /** The wrapped observer's rows when it keeps any (a checkpoint saves them), else a throwaway list. */
    @Override
    public java.util.List<double[]> rows() {
        return next instanceof org.repcollapse.dynamics.RecordingObserver ro ? ro.rows() : new java.util.ArrayList<>();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
