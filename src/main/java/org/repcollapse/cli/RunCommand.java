package org.repcollapse.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.repcollapse.analysis.CollapseType;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunJournal;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.experiment.SummaryJson;
import org.repcollapse.experiment.Model;
import org.repcollapse.experiment.Models;
import org.repcollapse.plot.FigureFiles;
import org.repcollapse.plot.HeadModeRecorder;
import org.repcollapse.plot.HeadRunFigure;
import org.repcollapse.plot.RunFigure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run FILE}: integrate one experiment and write its trajectory, summary and figure. The
 * trajectory is streamed to {@code DIR/trajectory.partial.csv} as it is recorded and checkpointed
 * ({@link RunJournal}); {@code run --resume DIR} finishes an interrupted run. An output folder
 * that is not empty is refused unless {@code --force}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Integrate an experiment; write DIR/trajectory.csv, DIR/summary.json and DIR/dynamics.{png,svg,pdf}"
                + " (no figure with --no-plot).",
            "A non-empty DIR is refused (exit 2) unless --force; an interrupted run is finished with --resume DIR."})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Experiment file (YAML), e.g. models/eom-frustrated.yaml (optional with --resume).")
    Path file;

    @Mixin
    OverrideOptions overrides;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/NAME); must be empty or new.")
    Path out;

    @Option(names = "--force", description = "Replace the run files in a non-empty DIR (other files are left alone).")
    boolean force;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Finish the interrupted run in DIR from its last checkpoint (integrator.method dop853);"
                    + " the result is identical to an uninterrupted run.")
    Path resume;

    @Option(names = "--no-progress", description = "No progress bar (model time against tEnd, on stderr, for runs"
            + " longer than a second; off anyway when not on a terminal or when CI is set).")
    boolean noProgress;

    @Option(names = "--no-plot", description = "Write no figure (dynamics.png/.svg/.pdf): for sweeps and scripts.")
    boolean noPlot;

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS",
            description = "Wall time between checkpoints (default 60; 0: after every step).")
    double checkpointSeconds = 60;

    /** A number for prose: never NaN or Infinity, but "n/a" and why. */
    static String value(double v, String format, String whyNot) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a (" + whyNot + ")";
    }

    /**
     * A short account on stdout: verdict, when accuracy peaked, rates fitted against predicted. A
     * failed run gets no verdict, only the time of failure; a quantity the solver does not compute is
     * "n/a (solver)".
     */
    static void report(Experiment e, RunResult r, double fast, double slow, Path dir, boolean plotted) {
        double[] last = r.trajectory().isEmpty() ? r.initial() : r.trajectory().last();
        int clusters = r.verdict().clusters().size();
        if (!r.complete()) {
            System.out.printf(Locale.ROOT, "%s: failed at t = %.6g (%s) [%s solver]; no collapse verdict%n", e.name(),
                    r.failure().time(), r.failure().getMessage(), r.solver());
        } else {
            System.out.printf("%s: %s collapse (%d label cluster%s of %d classes) [%s solver]%n", e.name(),
                    r.verdict().type() == CollapseType.NONE ? "no" : r.verdict().type().key(), clusters,
                    clusters == 1 ? "" : "s", e.classes(), r.solver());
        }
        double[] t = r.trajectory().column(Metrics.T);
        double[] acc = r.trajectory().column(Metrics.ACCURACY);
        double best = Double.NaN;
        double when = Double.NaN;
        for (int k = 0; k < acc.length; k++) {
            if (!Double.isNaN(acc[k]) && !(acc[k] <= best)) {
                best = acc[k];
                when = t[k];
            }
        }
        boolean meanField = "mean-field".equals(r.solver());
        if (meanField) {
            System.out.println("  accuracy n/a (mean-field: no individual samples)");
        } else if (Double.isNaN(best)) {
            System.out.println("  accuracy n/a (nothing recorded)");
        } else {
            System.out.printf(Locale.ROOT, "  accuracy %.3f at t = %.4g, %s at the %s%n", best, when,
                    Double.isNaN(last[Metrics.ACCURACY]) ? "unresolved (labels closer than the integration tolerance)"
                            : String.format(Locale.ROOT, "%.3f", last[Metrics.ACCURACY]),
                    r.complete() ? "end" : "last recorded time");
        }
        System.out.printf("  min label distance %s -> %s%n", value(r.initial()[Metrics.MIN_LABEL_DISTANCE], "%.4g", "undefined"),
                value(last[Metrics.MIN_LABEL_DISTANCE], "%.4g", "undefined"));
        if (e.linearTheory() && r.complete()) {
            System.out.printf("  slow rate fitted %s, predicted %s; fast rate fitted %s, predicted %s%n",
                    value(r.slowRateFitted(), "%.6g", "no decay to fit"), value(slow, "%.6g", "no frustration"),
                    value(r.fastRateFitted(), "%.6g", "no decay to fit"), value(fast, "%.6g", "undefined"));
        }
        if (e.hasHead() && r.theory().get("head") instanceof java.util.Map<?, ?> head
                && head.get("final") instanceof java.util.Map<?, ?> fin && fin.get("modes") instanceof java.util.List<?> modes) {
            StringBuilder sb = new StringBuilder("  head on label modes (measured vs sqrt(tau_k)"
                    + (e.stopGradient() ? "" : "; R5 holds with stop-gradient only")
                    + ("sample".equals(e.headLoss()) ? "; headLoss: sample carries tau_k itself" : "") + "):");
            for (Object o : modes) {
                java.util.Map<?, ?> m = (java.util.Map<?, ?>) o;
                sb.append(" k=").append(m.get("mode")).append(' ')
                        .append(prose(m.get("measured"), "mode collapsed")).append(" vs ")
                        .append(prose(m.get("predicted"), "undefined")).append(';');
            }
            System.out.println(sb);
        }
        if (r.integration() != null && (r.integration().switched()
                || ("auto".equals(r.integration().method()) && !Double.isNaN(r.integration().stiffDetectedAt())))) {
            System.out.println("  integrator: " + r.integration().reason());
        }
        System.out.println("  wrote " + dir.resolve(RunJournal.TRAJECTORY) + ", summary.json"
                + (plotted ? ", dynamics.png, dynamics.svg, dynamics.pdf" : ""));
    }

    private static String prose(Object v, String whyNot) {
        return v instanceof Number n ? value(n.doubleValue(), "%.6f", whyNot) : "n/a (" + whyNot + ")";
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        if (!(checkpointSeconds >= 0) || Double.isInfinite(checkpointSeconds)) {
            throw ExperimentException.of("--checkpoint-every", checkpointSeconds, "need a finite number of seconds >= 0");
        }
        if (resume != null && (force || out != null)) {
            throw usage("--resume DIR continues the run in DIR: it takes neither --out nor --force");
        }
        if (resume == null && file == null) {
            throw usage("Missing required parameter: 'FILE' (or --resume DIR)");
        }
        Experiment e;
        Path dir;
        if (resume != null) {
            dir = resume;
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new ExperimentException("--resume " + dir + ": no such folder");
            }
            if (file == null && !overrides.values.isEmpty()) {
                throw usage("--set needs FILE; --resume DIR alone reruns the experiment saved in DIR");
            }
            e = file != null ? ExperimentLoader.load(file, overrides.values) : RunJournal.experimentOf(dir);
        } else {
            e = ExperimentLoader.load(file, overrides.values);
            dir = out != null ? out : Path.of("runs", e.name());
            if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
                throw new ExperimentException("--out " + dir + ": exists and is not a folder");
            }
        }
        Model model = Models.build(e);
        FlowSystem system = model.system();
        ExperimentRunner.integrator(e, system);   // a method this flow cannot run is refused before anything is written
        HeadModeRecorder headModes = e.hasHead() ? new HeadModeRecorder(system) : null;
        List<String> columns = model.columns();
        RunJournal journal;
        if (resume != null) {
            journal = RunJournal.resume(dir, e, ExperimentRunner.integrator(e, system), columns, checkpointSeconds);
            RunJournal.Resume from = journal.resume();
            System.err.printf(Locale.ROOT, "resuming %s from %s%n", dir, from == null ? "t = 0 (no checkpoint yet)"
                    : String.format(Locale.ROOT, "t = %.6g (%d of %d points recorded)", from.t(), from.recorded(),
                    e.record().points()));
        } else {
            if (RunJournal.occupied(dir)) {
                if (!force) {
                    throw new ExperimentException(dir + ": not empty (a previous run?); --force replaces it, "
                            + "--resume " + dir + " finishes an interrupted run, or choose another --out");
                }
                RunJournal.clear(dir);
            }
            journal = RunJournal.start(dir, e, columns, checkpointSeconds);
        }
        if (!noPlot) {
            org.repcollapse.plot.FigureWarmUp.start();
        }
        RunResult r;
        try {
            try (RunProgress progress = new RunProgress(Progress.enabled(noProgress), e.integrator().tEnd(), headModes)) {
                r = ExperimentRunner.run(e, model, progress, journal);
            }
        } catch (RuntimeException ex) {
            journal.abandon();
            throw ex;
        }
        SummaryJson.write(dir.resolve(RunJournal.SUMMARY), r);
        List<String> own = model.runReport(r);
        double fast = e.linearTheory() && own == null ? (Double) r.theory().get("fast_rate") : Double.NaN;
        double slow = e.linearTheory() && own == null ? (Double) r.theory().get("slow_rate") : Double.NaN;
        boolean plot = !noPlot && r.trajectory().size() >= 2 && own == null;
        if (plot) {
            String title = RunFigure.title(e, r.solver());
            FigureFiles.write(() -> headModes != null
                    ? HeadRunFigure.create(title, r.trajectory(), r.initial(), headModes, e.stopGradient())
                    : RunFigure.create(title, r.trajectory(), r.initial(), fast, slow),
                    dir.resolve("dynamics"), FigureFiles.WIDTH, FigureFiles.HEIGHT, FigureFiles.DEFAULT_SCALE);
        }
        journal.finish();
        if (own != null) {
            own.forEach(System.out::println);
            System.out.println("  wrote " + dir.resolve(RunJournal.TRAJECTORY) + ", summary.json");
        } else {
            report(e, r, fast, slow, dir, plot);
        }
        if (!r.complete()) {
            System.err.println("error: " + r.failure().getMessage() + "; the trajectory up to then is written"
                    + " and summary.json is marked failed");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        return ExitCodes.OK;
    }
}
