package org.repcollapse.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentValidator;
import org.repcollapse.experiment.SummaryJson;
import org.repcollapse.experiment.Systems;

/**
 * A sweep resolved and validated before anything runs: the experiment of every run (file,
 * {@code --set}, the point's {@code --param} values, then the seed), the runs this shard owns,
 * and the definition written to {@code sweep.json}. Run {@code (p, s)} uses seed
 * {@code seed_p + s}, {@code seed_p} being the point's {@code seed} key (42 by default), so
 * adding seeds later keeps the rows already computed.
 *
 * @param runs            the runs of this shard, in run-number order
 * @param largestRunBytes the memory the largest run needs ({@link #checkMemory})
 */
public record SweepPlan(SweepGrid grid, Shard shard, List<Run> runs, List<String> columns, ObjectNode definition,
                        String experimentName, double largestRunBytes) {

    public static final String DEFINITION = "sweep.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: its key and value columns, and the experiment it integrates. */
    public record Run(RunKey key, List<String> values, Experiment experiment) {
    }

    /**
     * Loads and validates every run of the grid (all shards, so that every shard accepts or
     * refuses the same input) and keeps the runs of {@code shard}.
     */
    public static SweepPlan resolve(Path file, List<String> overrides, SweepGrid grid, Shard shard) {
        Experiment base = ExperimentLoader.load(file, overrides);
        if (!org.repcollapse.experiment.Models.build(base).columns()
                .equals(org.repcollapse.analysis.Metrics.columns(base.dim()))) {
            // sweep.csv holds the label metrics' final values (SweepRow); a model with other columns has no row yet
            throw ExperimentException.of("model", base.model(), "sweep and basins read the label models' metrics;"
                    + " not available for this model");
        }
        String text = ExperimentLoader.read(file);
        String stem = ExperimentLoader.stem(file);
        MessageDigest digest = sha256();
        List<String> keys = grid.parameters().stream().map(SweepParameter::key).toList();
        List<String> columns = SweepRow.columns(keys);
        List<Experiment> points = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (int p = 0; p < grid.points(); p++) {
            List<String> set = new ArrayList<>(overrides);
            set.addAll(grid.assignments(p));
            Experiment e = ExperimentLoader.parse(text, file.toString(), stem, set);
            Systems.build(e);                       // what run would refuse, refused before anything runs
            digest.update(SummaryJson.toJson(e).getBytes(StandardCharsets.UTF_8));
            points.add(e);
            values.add(grid.values(p));
        }
        List<Run> runs = new ArrayList<>();
        double largestRunBytes = 0;
        for (int p = 0; p < grid.points(); p++) {
            Experiment e = points.get(p);
            largestRunBytes = Math.max(largestRunBytes, ExperimentValidator.memoryNeed(e).bytes());
            for (int s = 0; s < grid.seeds(); s++) {
                long seed;
                try {
                    seed = Math.addExact(e.seed(), s);
                } catch (ArithmeticException ex) {
                    throw ExperimentException.of("seed", e.seed(), "seed + " + s + " (--seeds " + grid.seeds()
                            + ") overflows a 64-bit whole number");
                }
                long r = (long) p * grid.seeds() + s;
                boolean owned = shard.owns(r);
                boolean seedMatters = s > 0 && "random".equals(e.frustration().pairing());
                if (!owned && !seedMatters) {
                    continue;
                }
                Experiment es = e;
                if (s > 0) {
                    List<String> set = new ArrayList<>(overrides);
                    set.addAll(grid.assignments(p));
                    set.add("seed=" + seed);
                    es = ExperimentLoader.parse(text, file.toString(), stem, set);
                }
                if (seedMatters) {
                    Systems.structure(es);          // the random pairing depends on the seed
                }
                if (owned) {
                    runs.add(new Run(new RunKey(p, seed), values.get(p), es));
                }
            }
        }
        return new SweepPlan(grid, shard, runs, columns, definition(base.name(), grid, shard, columns, digest), base.name(),
                largestRunBytes);
    }

    private static ObjectNode definition(String name, SweepGrid grid, Shard shard, List<String> columns,
                                         MessageDigest digest) {
        ObjectNode d = JSON.createObjectNode();
        d.put("format", 2);
        d.put("experiment", name);
        d.put("experiments_sha256", HexFormat.of().formatHex(digest.digest()));
        ArrayNode params = d.putArray("parameters");
        for (SweepParameter p : grid.parameters()) {
            ObjectNode o = params.addObject();
            o.put("key", p.key());
            if (p.range() != null) {                 // a range, not its values: sweep.json stays small
                o.put("from", p.range().from());
                o.put("to", p.range().to());
                o.put("count", p.range().count());
                o.put("spacing", p.range().spacing());
            } else {
                ArrayNode v = o.putArray("values");
                p.values().forEach(v::add);
            }
        }
        d.put("points", grid.points());
        d.put("seeds", grid.seeds());
        d.put("runs", grid.runs());
        d.put("shard", shard.toString());
        ArrayNode c = d.putArray("columns");
        columns.forEach(c::add);
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(d));   // as read back from sweep.json
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a sweep.json. */
    public static ObjectNode readDefinition(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n instanceof ObjectNode o && o.has("shard") && o.has("columns") && o.has("runs")) {
                return o;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ExperimentException(file + ": not a sweep definition");
    }

    /** The first field where two definitions differ (null if equal), shard ignored if asked. */
    public static String difference(ObjectNode a, ObjectNode b, boolean ignoreShard) {
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(n -> {
            if (!a.has(n)) {
                names.add(n);
            }
        });
        for (String n : names) {
            if (ignoreShard && n.equals("shard")) {
                continue;
            }
            if (!a.path(n).equals(b.path(n))) {
                return n;
            }
        }
        return null;
    }

    /** The columns a definition names. */
    public static List<String> columnsOf(ObjectNode definition) {
        List<String> c = new ArrayList<>();
        definition.path("columns").forEach(n -> c.add(n.asText()));
        return c;
    }

    public static void writeDefinition(Path file, ObjectNode definition) throws IOException {
        AtomicFiles.writeString(file, SummaryJson.toJson(definition));
    }

    /** A copy of a definition with another shard (merge writes the whole sweep's: 0/1). */
    public static ObjectNode withShard(ObjectNode definition, Shard shard) {
        ObjectNode d = definition.deepCopy();
        d.put("shard", shard.toString());
        return d;
    }

    public String header() {
        return SweepCsv.line(columns);
    }

    /** A copy of the definition written to {@code sweep.json}. */
    @Override
    public ObjectNode definition() {
        return definition.deepCopy();
    }

    /** Checks that {@code threads} runs at once fit in the heap. */
    public void checkMemory(int threads) {
        double need = largestRunBytes * threads;
        long have = Runtime.getRuntime().maxMemory();
        if (need > have) {
            throw new ExperimentException(String.format(Locale.ROOT,
                    "--threads %d: %d runs at once need about %.1f GiB, the heap allows %.1f GiB (use fewer threads)",
                    threads, threads, need / 1073741824.0, have / 1073741824.0));
        }
    }
}
