package org.repcollapse.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.NumericalFailure;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.Model;
import org.repcollapse.experiment.Models;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.model.BlockLayout;
import org.repcollapse.model.LabelStructure;

/**
 * Benchmark (d), the Java side of the instance: for an experiment file, the seeded instance a
 * {@code run} integrates, written for the scipy peer ({@code bench/baseline_stiff.py}), and the
 * end state of the same run integrated in-process with the file's {@code integrator.method}
 * ({@link ExperimentRunner#run}, so exactly what {@code collapse run} does, recording included).
 *
 * <p>Files in DIR (little-endian; row-major; {@code instance.json} describes them):
 * {@code z0.f64} the initial state; {@code dz0.f64} and {@code dzend.f64} the Java right-hand side
 * {@code dz/dt} at z0 and at the end state (the peer's {@code --check} compares its own against
 * them); {@code zend.f64} the end state; {@code edges.i32} the training edges (sample, class); for
 * the teacher-student model also {@code xi.f64} (the N x D inputs) and {@code trueclass.i32}.
 * State layouts: embedding {@code x (N x d), y (K x d), P (d x d)}; teacher-student
 * {@code W (d x D), y (K x d), P (d x d)}.
 *
 * <p>Usage: {@code java -cp target/collapse.jar org.repcollapse.bench.StiffInstance FILE --out DIR
 * [--set key.path=value ...]}. Bad input: one line naming the key, exit status 2, nothing written.
 */
public final class StiffInstance {

    private StiffInstance() {
    }

    public static void main(String[] args) throws IOException {
        Path file = null;
        Path out = null;
        List<String> overrides = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            if (("--out".equals(a) || "--set".equals(a)) && k + 1 < args.length) {
                if ("--out".equals(a)) {
                    out = Path.of(args[++k]);
                } else {
                    overrides.add(args[++k]);
                }
            } else if (!a.startsWith("--") && file == null) {
                file = Path.of(a);
            } else {
                usage("unexpected argument " + a);
            }
        }
        if (file == null || out == null) {
            usage("need FILE and --out DIR");
        }
        String line;
        try {
            line = export(ExperimentLoader.load(file, overrides), out);
        } catch (ExperimentException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        } catch (NumericalFailure f) {
            System.err.println("integration failed at t = " + f.time() + ": " + f.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(line);
    }

    /**
     * Builds the experiment's system ({@link Systems#build}), runs it ({@link ExperimentRunner#run}),
     * writes the instance files into {@code out}; returns a one-line account.
     *
     * @throws ExperimentException when the experiment is not a full-solver instance (nothing written)
     * @throws NumericalFailure    when the run fails (nothing written)
     */
    public static String export(Experiment e, Path out) throws IOException {
        Model model = Models.build(e);
        FlowSystem system = model.system();
        if (!"full".equals(system.solver())) {
            throw ExperimentException.of("solver", system.solver(), "the instance export needs the full solver");
        }
        double[] z0 = system.initialState();
        RunResult r = ExperimentRunner.run(e, model);
        if (!r.complete()) {
            throw r.failure();
        }
        double[] zEnd = r.finalState();
        double[] dz0 = system.ode().computeDerivatives(0.0, z0).clone();
        double[] dzEnd = system.ode().computeDerivatives(e.integrator().tEnd(), zEnd).clone();
        writeDoubles(out.resolve("z0.f64"), z0);
        writeDoubles(out.resolve("dz0.f64"), dz0);
        writeDoubles(out.resolve("zend.f64"), zEnd);
        writeDoubles(out.resolve("dzend.f64"), dzEnd);
        writeEdges(out.resolve("edges.i32"), system.structure());
        for (Map.Entry<String, Object> d : model.instanceData().entrySet()) {
            if (d.getValue() instanceof double[] v) {
                writeDoubles(out.resolve(d.getKey() + ".f64"), v);
            } else if (d.getValue() instanceof int[] v) {
                writeInts(out.resolve(d.getKey() + ".i32"), v);
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeString(out.resolve("instance.json"), json.writeValueAsString(header(e, model, r)) + "\n");
        return String.format(java.util.Locale.ROOT, "%s: state %d, %s to t = %g: %d evaluations, %.3f s in process; wrote %s",
                e.name(), z0.length, e.integrator().method(), e.integrator().tEnd(), r.evaluations(), r.wallSeconds(), out);
    }

    private static void usage(String why) {
        System.err.println("StiffInstance: " + why
                + " (usage: StiffInstance FILE --out DIR [--set key.path=value ...])");
        System.exit(2);
    }

    /** The JSON header: sizes, rates, layout offsets, the run's integration figures, the files. */
    static Map<String, Object> header(Experiment e, Model model, RunResult r) {
        LabelStructure s = model.system().structure();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", e.name());
        h.put("model", e.model());
        h.put("classes", s.classes());
        h.put("samples", s.samples());
        h.put("dim", e.dim());
        h.put("edges", s.edgeCount());
        h.put("head", e.hasHead());
        h.put("stopGradient", e.stopGradient());
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("samples", e.rates().samples());
        rates.put("labels", e.rates().labels());
        rates.put("head", e.rates().head());
        h.put("rates", rates);
        List<String> files = new ArrayList<>(List.of("z0.f64", "dz0.f64", "zend.f64", "dzend.f64", "edges.i32"));
        for (Map.Entry<String, Object> d : model.instanceData().entrySet()) {
            if (d.getValue() instanceof double[]) {
                files.add(d.getKey() + ".f64");
            } else if (d.getValue() instanceof int[]) {
                files.add(d.getKey() + ".i32");
            } else {
                h.put(d.getKey(), d.getValue());
            }
        }
        Map<String, Object> layout = new LinkedHashMap<>();
        for (BlockLayout.Block b : model.layout().blocks()) {
            layout.put(b.name().toLowerCase(java.util.Locale.ROOT), b.offset());
        }
        layout.put("dimension", model.layout().dimension());
        h.put("layout", layout);
        Map<String, Object> integ = new LinkedHashMap<>();
        integ.put("method", e.integrator().method());
        integ.put("rtol", e.integrator().rtol());
        integ.put("atol", e.integrator().atol());
        integ.put("tEnd", e.integrator().tEnd());
        integ.put("rhs_evaluations", r.evaluations());
        integ.put("wall_seconds", r.wallSeconds());
        h.put("integration", integ);
        h.put("files", files);
        return h;
    }

    static void writeDoubles(Path file, double[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        AtomicFiles.write(file, o -> o.write(b.array()));
    }

    static void writeInts(Path file, int[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        AtomicFiles.write(file, o -> o.write(b.array()));
    }

    /** The training edges as (sample, class) int pairs, in sample order. */
    static void writeEdges(Path file, LabelStructure s) throws IOException {
        int[] pairs = new int[2 * s.edgeCount()];
        int k = 0;
        for (int i = 0; i < s.samples(); i++) {
            for (int e = s.labelStart(i); e < s.labelStart(i + 1); e++) {
                pairs[k++] = i;
                pairs[k++] = s.edgeClass(e);
            }
        }
        writeInts(file, pairs);
    }
}
