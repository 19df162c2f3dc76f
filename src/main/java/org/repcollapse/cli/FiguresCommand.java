package org.repcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import org.jfree.chart.JFreeChart;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.plot.ChartData;
import org.repcollapse.plot.FigureFiles;
import org.repcollapse.plot.paper.FigureContext;
import org.repcollapse.plot.paper.FigureReadme;
import org.repcollapse.plot.paper.FigureUnavailable;
import org.repcollapse.plot.paper.PaperFigure;
import org.repcollapse.plot.paper.PaperFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code figures}: the paper's figure set (spec section 7) from the experiment files in
 * {@code models/}: every input is validated first (bad input writes nothing), then each figure
 * is run and drawn, then
 * all files are written, with {@code README.md} listing captions, checks and commands. A figure
 * that cannot be drawn (an optional input missing, or its runs failing) is named on stderr and in
 * the README, the others are still written, and the exit status is 3: never a silent gap.
 */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = "Regenerate every figure of the paper's set from the experiment files in models/ into figures/:"
                + " PNG, SVG, PDF, and a tidy CSV of exactly the plotted series (theory included).")
public final class FiguresCommand implements Callable<Integer> {

    @Option(names = "--models", paramLabel = "DIR", description = "Experiment files (default: models).")
    Path models = Path.of("models");

    @Option(names = "--out", paramLabel = "DIR",
            description = "Figure directory (default: figures; with --quick a new temporary directory).")
    Path out;

    @Option(names = "--quick", description = "CI smoke mode: smaller N, fewer points and seeds.")
    boolean quick;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Draw only these figures (e.g. fig2-slow-rate); README.md is left alone.")
    List<String> only = new ArrayList<>();

    @Option(names = "--set", paramLabel = "key.path=value",
            description = "Redraw the set at other parameters: override a key in every experiment (repeatable;"
                    + " a key a figure sweeps keeps the figure's values). Needs --out.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--dpi", paramLabel = "DPI", description = "PNG resolution (default 192, twice the layout size).")
    double dpi = FigureFiles.LAYOUT_DPI * FigureFiles.DEFAULT_SCALE;

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "No progress bar on stderr (one step per figure; off anyway when"
            + " not on a terminal or when CI is set).")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw ExperimentException.of("--threads", threads, "must be at least 1");
        }
        if (!settings.isEmpty() && out == null) {
            throw ExperimentException.of("--set", settings.get(0), "redraws the figures at other parameters: give"
                    + " --out DIR (figures/ holds the committed set)");
        }
        if (!(dpi >= 24 && dpi <= 2400)) {
            throw ExperimentException.of("--dpi", dpi, "must lie in [24, 2400]");
        }
        List<PaperFigure> figures = new ArrayList<>();
        for (PaperFigure f : PaperFigures.all()) {
            if (only.isEmpty() || only.contains(f.name())) {
                figures.add(f);
            }
        }
        for (String name : only) {
            if (figures.stream().noneMatch(f -> f.name().equals(name))) {
                throw ExperimentException.of("--only", name, "no such figure (known: "
                        + String.join(", ", PaperFigures.all().stream().map(PaperFigure::name).toList()) + ")");
            }
        }
        List<FigureReadme.Entry> entries = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Map<PaperFigure, JFreeChart> charts = new LinkedHashMap<>();
        List<String> report = new ArrayList<>();        // printed once the bar is gone: never interleaved
        List<String> warnings = new ArrayList<>();
        ProgressBar bar = Progress.bar(Progress.enabled(noProgress), "figures", figures.size(), null);
        try (FigureContext ctx = new FigureContext(models, quick, settings, threads, bar)) {
            Map<PaperFigure, String> missing = validate(ctx, figures);
            for (PaperFigure f : figures) {
                ctx.begin(f.name());
                String skipped = missing.get(f);
                if (skipped == null) {
                    try {
                        charts.put(f, f.render(ctx));
                    } catch (FigureUnavailable u) {
                        skipped = u.getMessage();
                    } catch (ExperimentException | org.repcollapse.dynamics.NumericalFailure ex) {
                        skipped = "failed: " + ex.getMessage();
                    } catch (RuntimeException ex) {
                        skipped = "failed: " + ex;
                        ex.printStackTrace();
                    }
                }
                if (skipped != null) {
                    failed.add(f.name());
                    warnings.add("error: figure " + f.name() + " not drawn: " + skipped);
                }
                entries.add(new FigureReadme.Entry(f, skipped, ctx.measurements(f.name()), ctx.notes(f.name())));
                ctx.measurements(f.name()).forEach((k, v) -> report.add(f.name() + ": " + k + " = "
                        + FigureReadme.format(v)));
                ctx.done();
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        warnings.forEach(System.err::println);
        report.forEach(System.out::println);
        Path dir = out != null ? out : quick ? Files.createTempDirectory("figures-quick") : Path.of("figures");
        for (Map.Entry<PaperFigure, JFreeChart> c : charts.entrySet()) {
            PaperFigure f = c.getKey();
            FigureFiles.write(c.getValue(), dir.resolve(f.name()), f.width(), f.height(), FigureFiles.scaleOf(dpi));
            ChartData.write(c.getValue(), dir.resolve(f.name()), ChartData::role);
            System.out.println("wrote " + dir.resolve(f.name()) + ".{png,svg,pdf,csv}");
        }
        if (only.isEmpty()) {
            AtomicFiles.writeString(dir.resolve("README.md"), FigureReadme.render(entries, quick, settings));
            System.out.println("wrote " + dir.resolve("README.md"));
        }
        if (!failed.isEmpty()) {
            System.err.println("error: " + failed.size() + " of " + figures.size() + " figures not drawn: "
                    + String.join(", ", failed));
            return ExitCodes.NUMERICAL_FAILURE;
        }
        return ExitCodes.OK;
    }

    /** Loads every input (bad input throws before anything runs); returns the figures whose inputs are missing. */
    private static Map<PaperFigure, String> validate(FigureContext ctx, List<PaperFigure> figures) {
        Map<PaperFigure, String> missing = new LinkedHashMap<>();
        for (PaperFigure f : figures) {
            for (String file : f.inputs()) {
                if (!ctx.has(file)) {
                    if (!f.optional()) {
                        throw new ExperimentException(ctx.models().resolve(file) + ": no such file (needed by "
                                + f.name() + ")");
                    }
                    missing.putIfAbsent(f, ctx.models().resolve(file) + " not found");
                } else {
                    ctx.load(file);
                }
            }
        }
        return missing;
    }
}
