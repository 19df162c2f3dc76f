package org.repcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jfree.chart.JFreeChart;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.plot.FigureFiles;
import org.repcollapse.plot.sweep.AggregateCsv;
import org.repcollapse.plot.sweep.PhaseDiagram;
import org.repcollapse.plot.sweep.SeedStatistics;
import org.repcollapse.plot.sweep.SweepAggregate;
import org.repcollapse.plot.sweep.SweepChart;
import org.repcollapse.plot.sweep.SweepColumns;
import org.repcollapse.plot.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plot SWEEP_DIR --x KEY [--y COLUMN ...] [--series KEY] [--log x|y|xy] [--error sd|ci95]}
 * or {@code --heatmap COLUMN}: a sweep's {@code sweep.csv} averaged over seeds and drawn, with
 * the theory where sweep.csv has it; PNG, SVG, PDF and the aggregated CSV that was drawn. Every
 * option is checked against {@code sweep.json} before anything is drawn or written.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Plot a sweep: the mean over seeds of sweep.csv columns against a swept key, with error bars"
                + " and the theory (dashed) where sweep.csv has it; or a phase diagram over two swept keys.",
            "Writes FILE.png, FILE.svg, FILE.pdf and FILE.csv (exactly the numbers drawn)."})
public final class PlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "A sweep directory (sweep.csv and sweep.json).")
    Path dir;

    @Option(names = "--x", paramLabel = "KEY", required = true, description = "Swept key on the horizontal axis.")
    String x;

    @Option(names = "--y", paramLabel = "COLUMN",
            description = "sweep.csv column(s) to plot (repeatable; default slow_fitted).")
    List<String> ys = new ArrayList<>();

    @Option(names = "--series", paramLabel = "KEY",
            description = "Another swept key: one line per value (with --heatmap: the vertical axis).")
    String series;

    @Option(names = "--where", paramLabel = "KEY=VALUE",
            description = "Keep only the runs where a swept key on no axis has this value (repeatable).")
    List<String> where = new ArrayList<>();

    @Option(names = "--log", paramLabel = "x|y|xy", description = "Logarithmic axes.")
    String log = "";

    @Option(names = "--error", paramLabel = "sd|ci95",
            description = "Error bars: standard deviation over seeds (default) or 95 %% interval of the mean.")
    String error = "sd";

    @Option(names = "--heatmap", paramLabel = "COLUMN",
            description = "Phase diagram of COLUMN over --x and the other swept key (a number: colour map;"
                    + " text such as collapse: categories), with the theory's boundary where known.")
    String heatmap;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Output base name; .png/.svg/.pdf/.csv are added (default: SWEEP_DIR/plot-Y-vs-X).")
    Path out;

    @Option(names = "--dpi", paramLabel = "DPI", description = "PNG resolution (default 192, i.e. twice the layout).")
    double dpi = FigureFiles.LAYOUT_DPI * FigureFiles.DEFAULT_SCALE;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title (default: what against what).")
    String title;

    @Override
    public Integer call() throws IOException {
        if (!log.matches("x|y|xy|yx|")) {
            throw ExperimentException.of("--log", log, "must be x, y or xy");
        }
        if (!(dpi >= 24 && dpi <= 2400)) {
            throw ExperimentException.of("--dpi", dpi, "must lie in [24, 2400]");
        }
        SeedStatistics.ErrorBar bar = SeedStatistics.ErrorBar.of(error);
        SweepTable table = SweepTable.read(dir);
        table.requireSwept("--x", x);
        if (series != null) {
            table.requireSwept("--series", series);
            if (series.equals(x)) {
                throw ExperimentException.of("--series", series, "is already --x");
            }
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        for (String w : where) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw ExperimentException.of("--where", w, "must be KEY=VALUE");
            }
            fixed.put(w.substring(0, eq), w.substring(eq + 1));
        }
        SweepChart.Drawn drawn;
        String csv;
        String base;
        long seeds = table.rows().stream().map(r -> r.get("seed")).distinct().count();
        String subtitle = String.format("%s: %d runs, %d seed%s per point", dir.getFileName(), table.rows().size(),
                seeds, seeds == 1 ? "" : "s");
        if (heatmap != null) {
            table.requireColumn("--heatmap", heatmap);
            String yKey = series;
            if (yKey == null) {
                List<String> others = table.parameters().keySet().stream().filter(k -> !k.equals(x)).toList();
                if (others.size() != 1) {
                    throw ExperimentException.of("--heatmap", heatmap, "needs two swept keys: --x and --series"
                            + " (swept: " + String.join(", ", table.parameters().keySet()) + ")");
                }
                yKey = others.get(0);
            }
            List<SweepAggregate.Cell> cells = SweepAggregate.cells(table, x, yKey, heatmap, fixed);
            String t = title != null ? title : SweepColumns.label(heatmap) + " over "
                    + SweepColumns.label(x) + " and " + SweepColumns.label(yKey);
            drawn = PhaseDiagram.draw(cells, table.parameters().get(x), table.parameters().get(yKey), x, yKey,
                    heatmap, t, subtitle + (SweepAggregate.numeric(table, heatmap) ? "; colour: mean over seeds"
                            : "; colour: most frequent over seeds"));
            csv = AggregateCsv.cells(cells, x, yKey);
            base = "phase-" + heatmap + "-" + x + "-" + yKey;
        } else {
            if (ys.isEmpty()) {
                ys.add("slow_fitted");
            }
            for (String y : ys) {
                table.requireColumn("--y", y);
                if (!SweepAggregate.numeric(table, y)) {
                    throw ExperimentException.of("--y", y, "not a numeric column (use --heatmap " + y
                            + " for categories)");
                }
            }
            if (!table.numeric(x)) {
                throw ExperimentException.of("--x", x, "its values are not numbers (use it as --series)");
            }
            List<SweepAggregate.Point> points = SweepAggregate.lines(table, x, series, ys, fixed);
            String yText = ys.size() == 1 ? SweepColumns.label(ys.get(0)) : String.join(", ", ys);
            String t = title != null ? title : yText + " against " + SweepColumns.label(x);
            drawn = SweepChart.draw(points, x, series, ys, log.contains("x"), log.contains("y"), bar, t,
                    subtitle + "; mean with " + bar.legend() + "; theory dashed");
            csv = AggregateCsv.lines(points, x, series, bar);
            base = "plot-" + String.join("-", ys) + "-vs-" + x;
        }
        Path target = out != null ? stripExtension(out) : dir.resolve(base);
        write(drawn.chart(), target, csv);
        drawn.notes().forEach(n -> System.err.println("note: " + n));
        System.out.println("wrote " + target + ".{png,svg,pdf,csv}");
        return ExitCodes.OK;
    }

    private void write(JFreeChart chart, Path target, String csv) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FigureFiles.write(chart, target, FigureFiles.WIDTH, FigureFiles.HEIGHT, FigureFiles.scaleOf(dpi));
        AtomicFiles.writeString(FigureFiles.sibling(target, ".csv"), csv);
    }

    private static Path stripExtension(Path p) {
        String name = p.getFileName().toString().replaceFirst("\\.(png|svg|pdf|csv)$", "");
        return p.resolveSibling(name);
    }
}
