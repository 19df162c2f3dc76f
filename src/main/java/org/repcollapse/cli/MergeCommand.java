package org.repcollapse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.sweep.MissingRuns;
import org.repcollapse.sweep.RunKey;
import org.repcollapse.sweep.Shard;
import org.repcollapse.sweep.SweepCsv;
import org.repcollapse.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code merge DIR... --out DIR}: join the shards of one sweep. The definitions must agree
 * (except for the shard); a run present twice must have the same row. The result is the
 * whole sweep's directory (shard 0/1): a plain {@code sweep} rerun into it computes whatever
 * rows are still missing. With runs missing, the merged directory is still written, the missing
 * runs are listed (the input directories short of their shard's runs, the shards of the same
 * count with no directory given, and the runs by point and seed where the rows present tell the
 * seed, see {@link MissingRuns}), and the exit status is {@link ExitCodes#MISSING_RUNS}.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the sweep.csv of several shard directories of one sweep into DIR/sweep.csv (sorted).",
            "Exit status 3 when runs are missing: they are listed, DIR is written, and the sweep rerun without"
                    + " --shard into DIR computes them."})
public final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Shard directories (each with sweep.json and sweep.csv).")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    /** Shards, and points, listed one by one when runs are missing; the rest are counted. */
    static final int LISTED = 20;

    /** An input directory, its shard and how many rows it held. */
    private record Input(Path dir, Shard shard, int rows) {
    }

    @Override
    public Integer call() throws Exception {
        List<Input> read = new ArrayList<>();
        ObjectNode definition = null;
        Path first = null;
        SortedMap<RunKey, String> rows = new TreeMap<>();
        for (Path dir : inputs) {
            Path def = dir.resolve(SweepPlan.DEFINITION);
            if (!Files.isRegularFile(def)) {
                throw new ExperimentException(dir + ": no " + SweepPlan.DEFINITION + " (not a sweep directory)");
            }
            ObjectNode d = SweepPlan.readDefinition(def);
            if (definition == null) {
                definition = d;
                first = dir;
            } else {
                String diff = SweepPlan.difference(definition, d, true);
                if (diff != null) {
                    throw new ExperimentException(dir + ": another sweep than " + first + " (" + diff + " differs)");
                }
            }
            List<String> columns = SweepPlan.columnsOf(d);
            int points = d.path("points").asInt();
            SweepCsv.Contents c = SweepCsv.read(dir.resolve(SweepCsv.FILE), SweepCsv.line(columns), columns.size(),
                    k -> k.point() >= 0 && k.point() < points);
            read.add(new Input(dir, Shard.parse(d.path("shard").asText()), c.rows().size()));
            for (var e : c.rows().entrySet()) {
                String had = rows.putIfAbsent(e.getKey(), e.getValue());
                if (had != null && !had.equals(e.getValue())) {
                    throw new ExperimentException(dir + ": the row of point " + e.getKey().point() + ", seed "
                            + e.getKey().seed() + " differs from the one in an earlier directory");
                }
            }
        }
        ObjectNode whole = SweepPlan.withShard(definition, Shard.ALL);
        Path def = out.resolve(SweepPlan.DEFINITION);
        if (Files.exists(def)) {
            String diff = SweepPlan.difference(SweepPlan.readDefinition(def), whole, true);
            if (diff != null) {
                throw new ExperimentException(out + " holds a different sweep (" + diff + " differs); use another --out");
            }
            List<String> columns = SweepPlan.columnsOf(whole);       // keep what the output already holds
            int points = whole.path("points").asInt();
            SweepCsv.read(out.resolve(SweepCsv.FILE), SweepCsv.line(columns), columns.size(),
                    k -> k.point() >= 0 && k.point() < points).rows().forEach(rows::putIfAbsent);
        }
        Files.createDirectories(out);
        SweepPlan.writeDefinition(def, whole);
        SweepCsv.writeSorted(out.resolve(SweepCsv.FILE), SweepCsv.line(SweepPlan.columnsOf(whole)), rows);
        long runs = whole.path("runs").asLong();
        System.out.printf("merged %d of %d runs from %d directories into %s%n", rows.size(), runs, inputs.size(),
                out.resolve(SweepCsv.FILE));
        if (rows.size() < runs) {
            reportMissing(whole, runs, rows, read);
            return ExitCodes.MISSING_RUNS;
        }
        return ExitCodes.OK;
    }

    private void reportMissing(ObjectNode whole, long runs, SortedMap<RunKey, String> rows, List<Input> read) {
        List<String> columns = SweepPlan.columnsOf(whole);
        boolean seedSwept = columns.indexOf("seed") != columns.lastIndexOf("seed");
        MissingRuns missing = MissingRuns.of(whole.path("points").asInt(), whole.path("seeds").asInt(), seedSwept,
                rows.keySet());
        StringBuilder b = new StringBuilder();
        b.append("error: ").append(missing.count()).append(" of ").append(runs).append(" runs are missing; rerun the")
                .append(" sweep without --shard, with --out ").append(out).append(", to compute them\n");
        for (Input in : read) {
            long owned = in.shard().runsOf(runs);
            if (in.rows() < owned) {
                b.append("  ").append(in.dir()).append(" (shard ").append(in.shard()).append("): ")
                        .append(in.rows()).append(" of ").append(owned).append(" runs\n");
            }
        }
        int n = read.get(0).shard().count();
        if (n > 1 && read.stream().allMatch(in -> in.shard().count() == n)) {
            List<Shard> absent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                if (read.stream().noneMatch(in -> in.shard().index() == index) && new Shard(i, n).runsOf(runs) > 0) {
                    absent.add(new Shard(i, n));
                }
            }
            for (Shard s : absent.subList(0, Math.min(absent.size(), LISTED))) {
                b.append("  shard ").append(s).append(": no directory given\n");
            }
            if (absent.size() > LISTED) {
                b.append("  ... and ").append(absent.size() - LISTED).append(" more shards with no directory\n");
            }
        }
        List<MissingRuns.Point> points = missing.points();
        for (MissingRuns.Point p : points.subList(0, Math.min(points.size(), LISTED))) {
            b.append("  point ").append(p.point()).append(": ");
            if (p.seeds().isEmpty()) {
                b.append(p.missing()).append(" of ").append(whole.path("seeds").asInt()).append(" seeds");
            } else {
                b.append(p.seeds().size() == 1 ? "seed " : "seeds ")
                        .append(p.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            }
            b.append('\n');
        }
        if (points.size() > LISTED) {
            b.append("  ... and ").append(points.size() - LISTED).append(" more points\n");
        }
        System.err.print(b);
    }
}
