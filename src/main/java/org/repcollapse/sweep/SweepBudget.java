package org.repcollapse.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentValidator;
import org.repcollapse.experiment.Systems;
import org.repcollapse.model.LabelStructure;

/**
 * What a sweep will cost, estimated before anything runs, and the limits beyond which it is
 * refused unless {@code --yes}:
 * <ul>
 * <li>runs of this shard: at most {@link #MAX_RUNS} (checked before the grid's experiments are
 *     even resolved, which for 10^6 points alone takes minutes and gigabytes);</li>
 * <li>run time: at most {@link #MAX_SECONDS}, estimated as {@code sum over runs of c(run) E / (R T)}
 *     with {@code c} the multiply-adds of one right-hand side ({@link Systems#rhsCost}), E =
 *     {@link #NOMINAL_EVALUATIONS} evaluations per run, R = {@link #RATE} multiply-adds per second
 *     and thread, T threads: an order of magnitude, no more (stiff or long runs take more steps);</li>
 * <li>memory: the runs in flight must fit in the heap (always refused, {@code --yes} or not:
 *     {@link SweepPlan#checkMemory}).</li>
 * </ul>
 */
public final class SweepBudget {

    /** Most runs a shard may hold without {@code --yes}. */
    public static final long MAX_RUNS = 100_000;
    /** Longest estimated run time without {@code --yes}: 24 hours. */
    public static final double MAX_SECONDS = 24 * 3600.0;
    /** Right-hand-side evaluations assumed per run (DOP853 at rtol 1e-8 to t = 100 took 2634 in bench/). */
    public static final double NOMINAL_EVALUATIONS = 3000;
    /** Multiply-adds per second and thread assumed (well below the measured 1e10: small runs have overheads). */
    public static final double RATE = 1.0e9;
    /** Smallest cost charged per evaluation (the integrator's own passes and call overheads). */
    private static final double MIN_COST = 1.0e4;

    /** The estimate: runs, bytes of the runs in flight, seconds. */
    public record Estimate(long runs, double bytes, double seconds, int threads) {

        public String describe() {
            return String.format(Locale.ROOT, "%d runs, about %s of memory, roughly %s on %d thread%s", runs,
                    SweepBudget.bytes(bytes), duration(seconds), threads, threads == 1 ? "" : "s");
        }
    }

    private SweepBudget() {
    }

    /** Refuses a grid with too many runs for this shard, before it is resolved. */
    public static void checkRuns(SweepGrid grid, Shard shard, boolean yes) {
        long runs = (grid.runs() + shard.count() - 1 - shard.index()) / shard.count();
        if (runs > MAX_RUNS && !yes) {
            throw new ExperimentException(String.format(Locale.ROOT, "--param: the sweep has %d runs%s, more than the"
                    + " %d allowed without --yes (add --yes, or split it with --shard)", runs,
                    shard.count() > 1 ? " in this shard" : "", MAX_RUNS));
        }
    }

    /**
     * Estimates the runs of {@code shard} from each grid point's experiment (seeds only multiply),
     * before the sweep is resolved run by run: a point's bad input is refused here as it would be later.
     */
    public static Estimate estimate(Path file, List<String> overrides, SweepGrid grid, Shard shard, int threads) {
        ExperimentLoader.load(file, overrides);
        String text = ExperimentLoader.read(file);
        String stem = ExperimentLoader.stem(file);
        double work = 0;
        double largest = 0;
        long runs = 0;
        for (int p = 0; p < grid.points(); p++) {
            long owned = 0;
            for (int s = 0; s < grid.seeds(); s++) {
                if (shard.owns((long) p * grid.seeds() + s)) {
                    owned++;
                }
            }
            if (owned == 0) {
                continue;
            }
            List<String> set = new ArrayList<>(overrides);
            set.addAll(grid.assignments(p));
            Experiment e = ExperimentLoader.parse(text, file.toString(), stem, set);
            LabelStructure st = Systems.structure(e);
            work += owned * Math.max(MIN_COST, Systems.rhsCost(e, st, Systems.solver(e, st))) * NOMINAL_EVALUATIONS;
            largest = Math.max(largest, ExperimentValidator.memoryNeed(e).bytes());
            runs += owned;
        }
        int t = (int) Math.max(1, Math.min(threads, runs));
        return new Estimate(runs, largest * t, work / (RATE * t), t);
    }

    /** Refuses an estimated run time beyond {@link #MAX_SECONDS} unless {@code yes}. */
    public static void checkTime(Estimate e, boolean yes) {
        if (e.seconds() > MAX_SECONDS && !yes) {
            throw new ExperimentException("--param: estimated " + e.describe() + ", longer than the "
                    + duration(MAX_SECONDS) + " allowed without --yes (add --yes, or split it with --shard)");
        }
    }

    static String duration(double s) {
        if (s < 120) {
            return String.format(Locale.ROOT, "%.0f s", Math.max(1, s));
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        if (s < 3 * 86400) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", s / 86400);
    }

    static String bytes(double b) {
        if (b < 1 << 20) {
            return String.format(Locale.ROOT, "%.0f KiB", Math.max(1, b / 1024));
        }
        if (b < 1L << 30) {
            return String.format(Locale.ROOT, "%.0f MiB", b / (1 << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", b / (1L << 30));
    }
}
