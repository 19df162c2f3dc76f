package org.repcollapse.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.sweep.SweepCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code basins FILE --x KEY=FROM:TO:n --y KEY=FROM:TO:n}: a phase diagram of outcomes. Each cell of
 * the grid is run to {@code integrator.tEnd} and classified (none, cluster, complete or dimensional
 * collapse) with its final separation. It is the two-key {@code sweep} (so resumable, shardable and
 * bounded the same way) drawn by {@code plot --heatmap collapse} (the theory's boundary where the
 * predicted collapse changes), with the per-cell table in {@code DIR/basins.csv}.
 */
@Command(name = "basins", mixinStandardHelpOptions = true,
        description = {"Phase diagram of outcomes over two keys: run every grid cell, classify its collapse, write"
                + " DIR/basins.csv and DIR/basins.{png,svg,pdf} (theory boundary drawn where known).",
            "Rerunning the same command completes an interrupted diagram (it is a sweep underneath).",
            "model: linear-ssl: --x ssl.start.p=FROM:TO:n --y ssl.start.s=FROM:TO:n, the aligned start on every mode,"
                + " run in process, with the derived collapse boundary drawn."})
public final class BasinsCommand implements Callable<Integer> {

    /** The columns of basins.csv after the two keys. */
    static final List<String> COLUMNS = List.of("seed", "status", "collapse", "clusters", "final_separation",
            "relative_separation", "theory_collapse");

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--x", required = true, paramLabel = "KEY=FROM:TO:n", description = "Horizontal axis: a key and its range.")
    String x;

    @Option(names = "--y", required = true, paramLabel = "KEY=FROM:TO:n", description = "Vertical axis: another key and its range.")
    String y;

    @Option(names = "--seeds", paramLabel = "S", description = "Seeds per cell (default 1; the map shows the most frequent outcome).")
    int seeds = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: basins/NAME).")
    Path out;

    @Option(names = "--threads", paramLabel = "T", description = "Runs at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--yes", description = "Run even beyond the sweep limits.")
    boolean yes;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    private static String key(String option, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw ExperimentException.of(option, spec, "expected KEY=FROM:TO:n");
        }
        return spec.substring(0, eq);
    }

    @Override
    public Integer call() throws IOException {
        String xKey = key("--x", x);
        String yKey = key("--y", y);
        if (xKey.equals(yKey)) {
            throw ExperimentException.of("--y", y, "needs another key than --x");
        }
        Experiment e = experiment.load();
        Path dir = out != null ? out : Path.of("basins", e.name());
        if (!"embedding".equals(e.model()) && !e.isTeacherStudent()) {
            return own(e, dir, xKey, yKey);
        }
        List<String> sweep = new ArrayList<>(List.of("sweep", experiment.file.toString(), "--param", x, "--param", y,
                "--out", dir.toString(), "--seeds", Integer.toString(seeds)));
        for (String s : experiment.overrides.values) {
            sweep.add("--set");
            sweep.add(s);
        }
        if (threads != null) {
            sweep.add("--threads");
            sweep.add(threads.toString());
        }
        if (yes) {
            sweep.add("--yes");
        }
        if (noProgress) {
            sweep.add("--no-progress");
        }
        int status = Main.commandLine().execute(sweep.toArray(new String[0]));
        if (status != ExitCodes.OK) {
            return status;
        }
        int plotted = Main.commandLine().execute("plot", dir.toString(), "--x", xKey, "--series", yKey,
                "--heatmap", "collapse", "--out", dir.resolve("basins").toString(),
                "--title", "Outcome of " + e.name() + " over " + xKey + " and " + yKey);
        if (plotted != ExitCodes.OK) {
            return plotted;
        }
        writeTable(dir, xKey, yKey);
        System.out.println("wrote " + dir.resolve("basins.csv") + " (one row per run) and "
                + dir.resolve("basins") + ".{png,svg,pdf}");
        return ExitCodes.OK;
    }

    /**
     * A model with its own basin map (linear-ssl: the aligned start {@code ssl.start.p}, {@code ssl.start.s}), run in
     * process: {@code DIR/basins.csv}, {@code DIR/basins.json} and {@code DIR/basins.{png,svg,pdf}} (rewritten by a rerun).
     */
    private int own(Experiment e, Path dir, String xKey, String yKey) throws IOException {
        if (seeds != 1) {
            throw ExperimentException.of("--seeds", seeds, "basins on model " + e.model() + " runs one start per cell"
                    + " (its outcome does not depend on the seed)");
        }
        double[] xs = axis("--x", x);
        double[] ys = axis("--y", y);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw ExperimentException.of("--out", dir, "exists and is not a directory");
        }
        org.repcollapse.experiment.ModelReport r = org.repcollapse.experiment.Models.build(e).ownBasins(xKey, xs, yKey, ys);
        if (r == null) {
            throw ExperimentException.of("model", e.model(), "basins supports the embedding, teacher-student and linear-ssl"
                    + " models");
        }
        System.err.printf("basins: %d cells of %s in process%n", xs.length * ys.length, e.name());
        try {
            TableFiles.write(dir, "basins.csv", r.header(), r.rows(), "basins.json", r.json());
            org.repcollapse.plot.FigureFiles.write(r.figure(), dir.resolve("basins"), org.repcollapse.plot.FigureFiles.WIDTH,
                    org.repcollapse.plot.FigureFiles.HEIGHT, org.repcollapse.plot.FigureFiles.DEFAULT_SCALE);
        } catch (IOException ex) {
            System.err.println("error: cannot write " + dir + ": " + ex.getMessage());
            return ExitCodes.IO;
        }
        r.lines().forEach(System.out::println);
        System.out.println("wrote " + dir.resolve("basins.csv") + ", basins.json and " + dir.resolve("basins")
                + ".{png,svg,pdf}");
        return ExitCodes.OK;
    }

    /** KEY=FROM:TO:n, n >= 2 equally spaced values. */
    private static double[] axis(String option, String spec) {
        String[] v = spec.substring(spec.indexOf('=') + 1).split(":", -1);
        if (v.length != 3) {
            throw ExperimentException.of(option, spec, "expected KEY=FROM:TO:n");
        }
        double from;
        double to;
        int n;
        try {
            from = Double.parseDouble(v[0].trim());
            to = Double.parseDouble(v[1].trim());
            n = Integer.parseInt(v[2].trim());
        } catch (NumberFormatException ex) {
            throw ExperimentException.of(option, spec, "FROM and TO must be numbers, n a whole number");
        }
        if (!Double.isFinite(from) || !Double.isFinite(to) || from == to) {
            throw ExperimentException.of(option, spec, "FROM and TO must be finite and differ");
        }
        if (n < 2 || n > 1000) {
            throw ExperimentException.of(option, spec, "n must lie in 2..1000");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i == n - 1 ? to : new java.math.BigDecimal(from + i * (to - from) / (n - 1))
                    .round(new java.math.MathContext(12)).doubleValue();
        }
        return out;
    }

    /** {@code DIR/basins.csv}: the two keys, then {@link #COLUMNS}, one row per run, from the sweep's table. */
    static void writeTable(Path dir, String xKey, String yKey) throws IOException {
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(dir.resolve(SweepCsv.FILE), StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(xKey, yKey));
        header.addAll(COLUMNS);
        b.append(SweepCsv.line(header)).append('\n');
        for (CSVRecord r : rows) {
            String sep = r.get("min_label_distance");
            String init = r.get("initial_min_label_distance");
            String rel = "";
            if (!sep.isEmpty() && !init.isEmpty()) {
                double i0 = Double.parseDouble(init);
                rel = i0 > 0 ? Double.toString(Double.parseDouble(sep) / i0) : "";
            }
            b.append(SweepCsv.line(List.of(r.get(xKey), r.get(yKey), r.get("seed"), r.get("status"), r.get("collapse"),
                    r.get("clusters"), sep, rel, r.get("theory_collapse")))).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("basins.csv"), b.toString());
    }
}
