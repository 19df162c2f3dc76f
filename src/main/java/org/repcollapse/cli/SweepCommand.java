package org.repcollapse.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.sweep.RunKey;
import org.repcollapse.sweep.Shard;
import org.repcollapse.sweep.SweepBudget;
import org.repcollapse.sweep.SweepGrid;
import org.repcollapse.sweep.SweepParameter;
import org.repcollapse.sweep.SweepPlan;
import org.repcollapse.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sweep FILE --param key=from:to:count[:lin|:log] ...}: one run per grid point and seed,
 * one row per run in {@code DIR/sweep.csv}; resumable, shardable (see {@link SweepRunner}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run an experiment over a grid of key values and seeds; one row per run in DIR/sweep.csv.",
            "Rerunning the same command completes an interrupted sweep; the finished file is sorted by"
                    + " (point, seed) and does not depend on --threads or interruptions."})
public final class SweepCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--param", paramLabel = "key.path=SPEC",
            description = {"A swept key (repeatable; the grid is their product, the first varying slowest).",
                "SPEC is from:to:count (evenly spaced, both ends included), from:to:count:log (geometric),",
                "from:to:count:lin, or a list v1,v2,... . Whole-number keys are rounded."})
    List<String> params = new ArrayList<>();

    @Option(names = "--log", description = "Geometric spacing for ranges that do not say :lin or :log.")
    boolean log;

    @Option(names = "--seeds", paramLabel = "S", description = "Seeds per point: seed, seed+1, ..., seed+S-1 (default 1).")
    int seeds = 1;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Run only part i of n (i = 0..n-1; run r belongs to part r mod n). Combine with merge.")
    String shard = "0/1";

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: sweeps/NAME).")
    Path out;

    @Option(names = "--threads", paramLabel = "T", description = "Runs at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--yes", description = "Run even beyond the limits (" + SweepBudget.MAX_RUNS
            + " runs, an estimated 24 h); memory beyond the heap is refused regardless.")
    boolean yes;

    @Option(names = "--no-progress", description = "No progress bar (it is off anyway when stderr is not a terminal or CI is set).")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new ExperimentException("--threads " + threads + ": need at least 1");
        }
        List<SweepParameter> parameters = new ArrayList<>();
        for (String p : params) {
            parameters.add(SweepParameter.parse(p, log));
        }
        SweepGrid grid = new SweepGrid(parameters, seeds);
        Shard part = Shard.parse(shard);
        SweepBudget.checkRuns(grid, part, yes);
        SweepBudget.Estimate estimate = SweepBudget.estimate(experiment.file, experiment.overrides.values, grid, part, threads);
        SweepBudget.checkTime(estimate, yes);
        SweepPlan plan = SweepPlan.resolve(experiment.file, experiment.overrides.values, grid, part);
        plan.checkMemory(Math.min(threads, Math.max(1, plan.runs().size())));
        Path dir = out != null ? out : Path.of("sweeps", plan.experimentName());
        SweepRunner.checkDirectory(plan, dir);
        System.err.println("sweep " + plan.experimentName() + ": " + estimate.describe() + " (estimate)");
        Progress progress = new Progress(showProgress());
        SweepRunner.Outcome o;
        try {
            o = SweepRunner.run(plan, dir, threads, progress);
        } finally {
            progress.close();
        }
        System.out.printf("sweep %s: %d runs (shard %s of %d points x %d seeds): %d computed, %d already present;"
                        + " wrote %s%n", plan.experimentName(), o.total(), part, grid.points(), grid.seeds(),
                o.computed(), o.present(), o.csv());
        if (o.failed() > 0) {
            System.err.println("error: " + o.failed() + " runs failed numerically (status failed, failure_time in "
                    + o.csv() + ")");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        return ExitCodes.OK;
    }

    private boolean showProgress() {
        return org.repcollapse.cli.Progress.enabled(noProgress);
    }

    /** The progress bar on stderr, with its ETA (counting only runs computed in this call). */
    private static final class Progress implements SweepRunner.Listener, AutoCloseable {

        private final boolean enabled;
        private ProgressBar bar;

        Progress(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public void started(long total, long alreadyDone) {
            if (enabled) {
                bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(total)
                        .startsFrom(alreadyDone, java.time.Duration.ZERO)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(500).build();
            }
        }

        @Override
        public void finished(RunKey key, RunResult result) {
            if (bar != null) {
                synchronized (this) {
                    bar.step();
                }
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
