package org.repcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.repcollapse.continuation.BranchMeasures;
import org.repcollapse.continuation.BranchPoint;
import org.repcollapse.continuation.BranchReport;
import org.repcollapse.continuation.MeanFieldProblem;
import org.repcollapse.continuation.PseudoArclength;
import org.repcollapse.continuation.SpecialPoint;
import org.repcollapse.continuation.StudentBranch;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.plot.BifurcationFigure;
import org.repcollapse.plot.FigureFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code continue FILE --param KEY=FROM:TO}: pseudo-arclength continuation ({@link PseudoArclength}) of
 * a fixed-point branch of the group-mean flow with real group weights ({@link MeanFieldProblem}), from
 * the seeded mean-field start integrated to {@code integrator.tEnd} and polished by Newton at FROM.
 * Every point is reported with its spectrum modulo the family of fixed points, label separations and
 * head eigenvalues against sqrt(tau_k); folds, branch points and the critical frustration are
 * detected. The teacher-student model without head is traced through its exact fixed points
 * ({@link StudentBranch}: the limit of its linear flow at each value of rates.samples, rates.labels,
 * teacher.noise or teacher.prototypeScale). {@code --out DIR} writes {@code branch.csv},
 * {@code continuation.json} and {@code bifurcation.{png,svg,pdf}} atomically. Exit 0 when the branch was
 * followed to TO or out of the interval or domain, 3 when the start or the corrector failed (teacher-student:
 * a point's residual above --tol).
 */
@Command(name = "continue", mixinStandardHelpOptions = true,
        description = {"Continue a fixed-point branch of the group-mean (mean-field) flow in one continuous key"
                + " (frustration.fraction or a rate) by pseudo-arclength with a Newton corrector: spectrum modulo the"
                + " family of fixed points, label separations, head eigenvalues against sqrt(tau_k); folds, branch"
                + " points and the critical frustration. Teacher-student without head: its exact fixed points (the"
                + " limit of its linear flow) along rates.samples, rates.labels, teacher.noise or teacher.prototypeScale.",
            "--out DIR writes DIR/branch.csv, DIR/continuation.json and DIR/bifurcation.{png,svg,pdf}."
                + " Exit 0 done, 2 bad input, 3 the start or the corrector failed, 4 output not writable."})
public final class ContinueCommand implements Callable<Integer> {

    /** The files this command writes into DIR. */
    static final List<String> FILES = List.of("branch.csv", "continuation.json", "bifurcation.png", "bifurcation.svg",
            "bifurcation.pdf");

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--param", required = true, paramLabel = "KEY=FROM:TO",
            description = "The key to continue and its interval, e.g. frustration.fraction=0.1:0.9 (keys: "
                    + "frustration.fraction, rates.samples, rates.labels, rates.head; teacher-student without head:"
                    + " rates.samples, rates.labels, teacher.noise, teacher.prototypeScale; linear-ssl: ssl.weightDecay,"
                    + " ssl.augmentationNoise).")
    String param;

    @Option(names = "--steps", paramLabel = "N", description = "Target number of steps across the interval (default 50;"
            + " the step adapts, at most 20 N points).")
    int steps = 50;

    @Option(names = "--tol", paramLabel = "EPS", description = "Residual |F| of every point (default 1e-10).")
    double tol = 1.0e-10;

    @Option(names = "--out", paramLabel = "DIR", description = "Write branch.csv, continuation.json and the bifurcation figure here.")
    Path out;

    @Option(names = "--force", description = "Replace this command's files in a non-empty DIR.")
    boolean force;

    @Option(names = "--format", paramLabel = "text|json", description = "stdout: text table (default) or the JSON summary.")
    String format = "text";

    /** KEY=FROM:TO, parsed. */
    record Range(String key, double from, double to) {
    }

    static Range parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw ExperimentException.of("--param", spec, "expected KEY=FROM:TO");
        }
        String key = spec.substring(0, eq);
        String[] v = spec.substring(eq + 1).split(":", -1);
        if (v.length != 2) {
            throw ExperimentException.of("--param", spec, "expected KEY=FROM:TO");
        }
        double[] x = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                x[i] = Double.parseDouble(v[i].trim());
            } catch (NumberFormatException e) {
                throw ExperimentException.of(key, v[i], "not a number (in --param " + spec + ")");
            }
            if (!Double.isFinite(x[i])) {
                throw ExperimentException.of(key, v[i], "must be finite");
            }
        }
        if (x[0] == x[1]) {
            throw ExperimentException.of(key, spec.substring(eq + 1), "FROM and TO must differ");
        }
        return new Range(key, x[0], x[1]);
    }

    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.of(format, true);
        if (output == OutputFormat.CSV) {
            throw ExperimentException.of("--format", format, "must be text or json");
        }
        Range range = parse(param);
        if (steps < 1 || steps > 100000) {
            throw ExperimentException.of("--steps", steps, "must lie in [1, 100000]");
        }
        if (!(tol > 0)) {
            throw ExperimentException.of("--tol", tol, "must be positive");
        }
        Experiment e = experiment.load();
        org.repcollapse.experiment.ModelReport own = "embedding".equals(e.model()) || e.isTeacherStudent() ? null
                : org.repcollapse.experiment.Models.build(e).ownBranch(range.key(), range.from(), range.to(), steps, tol);
        if (own != null) {
            return own(own, output);
        }
        if (!"embedding".equals(e.model()) && !e.isTeacherStudent()) {
            throw ExperimentException.of("model", e.model(), "continue supports the embedding and the teacher-student"
                    + " models");
        }
        org.repcollapse.model.LabelStructure structure = org.repcollapse.experiment.Systems.structure(e);
        if (e.hasPrevention()) {
            throw ExperimentException.of("prevention", "on", "continue follows the flow of spec sections 2-3:"
                    + " set the prevention weights to 0 and headLoss: symmetric");
        }
        if (!"degree".equals(e.rates().labelScaling())) {
            org.repcollapse.experiment.Systems.theoryGamma(e, structure);   // unequal degrees: refused as for run
            throw ExperimentException.of("rates.labelScaling", e.rates().labelScaling(), "continue follows the"
                    + " degree-scaled label rate gamma/n_c (labelScaling: degree)");
        }
        if (e.isTeacherStudent()) {
            return student(e, range, output);
        }
        MeanFieldProblem problem = new MeanFieldProblem(e, range.key());
        for (double v : new double[] {range.from(), range.to()}) {
            if (!problem.admissible(v)) {
                throw ExperimentException.of(range.key(), v, range.key().equals("frustration.fraction")
                        ? "must lie in [0, 1] with every class labelled" : "must be positive");
            }
        }
        if (out != null) {
            checkOut(out, force);
        }
        System.err.printf(Locale.ROOT, "continue: %s, %s from %g to %g; integrating the mean-field start to t = %g%n",
                e.name(), range.key(), range.from(), range.to(), e.integrator().tEnd());
        double[] start = problem.integratedStart(range.from());
        PseudoArclength.Settings settings = new PseudoArclength.Settings(range.from(), range.to(), steps, tol, 12,
                1.0e-8);
        PseudoArclength.Result result = new PseudoArclength(problem, settings,
                m -> System.err.println("continue: " + m)).run(start, range.from());
        if (result.points().isEmpty()) {
            System.err.println("error: " + result.stop());
            return ExitCodes.NUMERICAL_FAILURE;
        }
        BranchReport report = new BranchReport(problem, result, range.from(), range.to());
        Map<String, Object> summary = report.summary(range.from(), range.to(), steps, tol);
        if (output == OutputFormat.JSON) {
            System.out.print(output.render(summary));
        } else {
            print(e, problem, result, report);
        }
        if (out != null) {
            try {
                write(out, e, problem, result, report, summary);
            } catch (IOException ex) {
                System.err.println("error: cannot write " + out + ": " + ex.getMessage());
                return ExitCodes.IO;
            }
            if (output != OutputFormat.JSON) {
                System.out.println("wrote " + out.resolve("branch.csv") + ", continuation.json, bifurcation.{png,svg,pdf}");
            }
        }
        boolean failed = !result.reachedEnd() && (result.stop().startsWith("step size underflow")
                || result.stop().startsWith("singular tangent") || result.stop().startsWith("stopped after"));
        if (failed) {
            System.err.println("error: the branch stopped early: " + result.stop());
            return ExitCodes.NUMERICAL_FAILURE;
        }
        return ExitCodes.OK;
    }

    /**
     * Teacher-student without head: the exact fixed points of its linear flow along the key
     * ({@link StudentBranch}), the same files and columns (those without meaning there empty).
     */
    private int student(Experiment e, Range range, OutputFormat output) {
        StudentBranch.check(e, range.key());
        for (double v : new double[] {range.from(), range.to()}) {
            if (!StudentBranch.admissible(range.key(), v)) {
                throw ExperimentException.of(range.key(), v, range.key().startsWith("rates.") ? "must be positive"
                        : "must be non-negative");
            }
        }
        java.util.function.DoubleFunction<Experiment> at = v -> {
            List<String> o = new ArrayList<>(experiment.overrides.values);
            o.add(range.key() + "=" + java.math.BigDecimal.valueOf(v).toPlainString());
            return org.repcollapse.experiment.ExperimentLoader.load(experiment.file, o);
        };
        at.apply(range.from());   // both ends valid for the model (one line naming the key otherwise)
        at.apply(range.to());
        if (out != null) {
            checkOut(out, force);
        }
        System.err.printf(Locale.ROOT, "continue: %s, %s from %g to %g; teacher-student without head: the exact fixed"
                + " point of its linear flow at each value%n", e.name(), range.key(), range.from(), range.to());
        StudentBranch branch = new StudentBranch(e, range.key(), at);
        branch.run(range.from(), range.to(), steps, tol, m -> System.err.println("continue: " + m));
        Map<String, Object> summary = branch.summary(range.from(), range.to(), steps, tol);
        if (output == OutputFormat.JSON) {
            System.out.print(output.render(summary));
        } else {
            printStudent(branch);
        }
        if (out != null) {
            try {
                writeStudent(out, branch, summary);
            } catch (IOException ex) {
                System.err.println("error: cannot write " + out + ": " + ex.getMessage());
                return ExitCodes.IO;
            }
            if (output != OutputFormat.JSON) {
                System.out.println("wrote " + out.resolve("branch.csv") + ", continuation.json, bifurcation.{png,svg,pdf}");
            }
        }
        for (StudentBranch.Point p : branch.points()) {
            // at a located family change the kernel is numerically ambiguous (an eigenvalue at the threshold):
            // its residual is reported, not judged
            if (p.event() == null && p.fixedPoint().residual() > tol) {
                System.err.printf(Locale.ROOT, "error: the residual %.3e exceeds --tol %.1e at %s = %.10g%n",
                        p.fixedPoint().residual(), tol, range.key(), p.lambda());
                return ExitCodes.NUMERICAL_FAILURE;
            }
        }
        return ExitCodes.OK;
    }

    /** A model with its own branch (linear-ssl): the same files (branch.csv, continuation.json, bifurcation.*). */
    private int own(org.repcollapse.experiment.ModelReport r, OutputFormat output) {
        if (out != null) {
            checkOut(out, force);
        }
        if (output == OutputFormat.JSON) {
            System.out.print(output.render(r.json()));
        } else {
            r.lines().forEach(System.out::println);
        }
        if (out != null) {
            try {
                TableFiles.write(out, "branch.csv", r.header(), r.rows(), "continuation.json", r.json());
                FigureFiles.write(r.figure(), out.resolve("bifurcation"), FigureFiles.WIDTH, FigureFiles.HEIGHT,
                        FigureFiles.DEFAULT_SCALE);
            } catch (IOException ex) {
                System.err.println("error: cannot write " + out + ": " + ex.getMessage());
                return ExitCodes.IO;
            }
            if (output != OutputFormat.JSON) {
                System.out.println("wrote " + out.resolve("branch.csv") + ", continuation.json, bifurcation.{png,svg,pdf}");
            }
        }
        if ("failed".equals(r.verdict())) {
            System.err.println("error: the branch stopped early (see continuation.json's stops)");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        return ExitCodes.OK;
    }

    private static void printStudent(StudentBranch b) {
        Experiment e = b.experiment();
        System.out.printf(Locale.ROOT, "%s: fixed points of the linear teacher-student flow (exact: lim exp(-A t) z0),"
                + " %d points%n", e.name(), b.points().size());
        System.out.printf(Locale.ROOT, "%12s %9s %7s %9s %7s %12s %12s%n", b.key(), "residual", "stable", "st/un",
                "family", "max Re", "min sep");
        for (StudentBranch.Point p : b.points()) {
            System.out.printf(Locale.ROOT, "%12.6g %9.2e %7s %4d/%-4d %7d %12.4e %12.6g%s%n", p.lambda(),
                    p.fixedPoint().residual(), p.stable() ? "yes" : "NO", p.stableCount(), p.unstableCount(),
                    p.fixedPoint().family(), p.fixedPoint().slowest(), p.minSeparation(),
                    p.event() == null ? "" : "   <- " + p.event().replace('_', ' '));
        }
        if (b.events().isEmpty()) {
            System.out.println("the family of fixed points keeps its dimension along the branch");
        }
    }

    private static void writeStudent(Path dir, StudentBranch b, Map<String, Object> summary) throws IOException {
        TableFiles.write(dir, "branch.csv", b.header(), b.rows(), "continuation.json", summary);
        List<BifurcationFigure.Point> pts = new ArrayList<>();
        int k = b.experiment().classes();
        double[] none = new double[k];
        java.util.Arrays.fill(none, Double.NaN);
        for (StudentBranch.Point p : b.points()) {
            pts.add(new BifurcationFigure.Point(p.lambda(), p.minSeparation(), p.stable(), none, none));
        }
        List<BifurcationFigure.Marker> markers = new ArrayList<>();
        for (StudentBranch.Point p : b.events()) {
            markers.add(new BifurcationFigure.Marker(p.lambda(), "family change"));
        }
        String title = "Fixed points of " + b.experiment().name() + " against " + b.key();
        FigureFiles.write(() -> BifurcationFigure.create(title, b.key(), pts, markers, null),
                dir.resolve("bifurcation"), FigureFiles.WIDTH, FigureFiles.HEIGHT, FigureFiles.DEFAULT_SCALE);
    }

    /** A DIR that exists must be a directory, and empty of this command's files unless --force. */
    static void checkOut(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw ExperimentException.of("--out", dir, "exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new ExperimentException(dir + ": not empty (a previous continuation?); --force replaces its"
                            + " files, or choose another --out");
                }
            } catch (IOException ex) {
                throw ExperimentException.of("--out", dir, "cannot be read: " + ex.getMessage());
            }
        }
    }

    private static void print(Experiment e, MeanFieldProblem problem, PseudoArclength.Result r, BranchReport report) {
        System.out.printf(Locale.ROOT, "%s: branch of the group-mean flow (state %d, family of fixed points of dimension"
                + " %d, fixed by phase conditions), %d points; %s%n", e.name(), problem.dimension(), r.family(),
                r.points().size(), r.stop());
        boolean head = e.hasHead() && e.stopGradient();   // R5 applies with stop-gradient
        System.out.printf(Locale.ROOT, "%12s %9s %7s %8s %12s %12s%s%n", problem.key(), "residual", "stable", "st/un",
                "max Re", "min sep", head ? "   head eig on mode 1 (sqrt tau_1, rel. diff)" : "");
        for (int i = 0; i < r.points().size(); i++) {
            BranchPoint p = r.points().get(i);
            BranchMeasures m = report.measures().get(i);
            double eps = BranchReport.uncertainty(p);
            String h = "";
            if (head && m.tau().length > 1) {
                h = String.format(Locale.ROOT, "   %.8f (%.8f, %.1e)", m.measured()[1], m.predicted()[1],
                        m.relativeDifference(1));
            }
            System.out.printf(Locale.ROOT, "%12.6f %9.2e %7s %3d/%-4d %12.4e %12.6f%s%s%n", p.lambda(), p.residual(),
                    BranchReport.stable(p) ? "yes" : "NO", p.spectrum().stable(eps), p.spectrum().unstable(eps),
                    p.spectrum().largestRealPart(), m.minSeparation(), h,
                    p.event() == null ? "" : "   <- " + p.event().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (r.events().isEmpty()) {
            System.out.println("no fold or branch point on the branch");
        }
        for (SpecialPoint s : r.events()) {
            System.out.printf(Locale.ROOT, "%s at %s = %.10g (%s)%n", s.typeName().replace('_', ' '), problem.key(),
                    s.lambda(), s.note());
        }
        double[] c = report.criticalClosedForm();
        double[] b = report.criticalFromBranch();
        if (c != null || b != null) {
            System.out.printf(Locale.ROOT, "critical frustration (a separation mode is lost, tau_k -> 0): closed form %s,"
                    + " extrapolated from the branch %s%n", c == null ? "none in the interval"
                    : String.format(Locale.ROOT, "%.10g (mode %d)", c[0], (int) c[1]),
                    b == null ? "n/a" : String.format(Locale.ROOT, "%.8g (mode %d)", b[0], (int) b[1]));
        }
    }

    private static void write(Path dir, Experiment e, MeanFieldProblem problem, PseudoArclength.Result r,
                              BranchReport report, Map<String, Object> summary) throws IOException {
        TableFiles.write(dir, "branch.csv", report.header(), report.rows(), "continuation.json", summary);
        List<BifurcationFigure.Point> pts = new ArrayList<>();
        for (int i = 0; i < r.points().size(); i++) {
            BranchPoint p = r.points().get(i);
            BranchMeasures m = report.measures().get(i);
            pts.add(new BifurcationFigure.Point(p.lambda(), m.minSeparation(), BranchReport.stable(p), m.measured(),
                    m.predicted()));
        }
        List<BifurcationFigure.Marker> markers = new ArrayList<>();
        for (SpecialPoint s : r.events()) {
            markers.add(new BifurcationFigure.Marker(s.lambda(), s.typeName().replace('_', ' ')));
        }
        double[] c = report.criticalClosedForm();
        if (c != null) {
            markers.add(new BifurcationFigure.Marker(c[0], "critical φ"));
        }
        String title = "Branch of " + e.name() + " against " + problem.key();
        java.util.function.DoubleFunction<double[]> theory = e.hasHead() && e.stopGradient()
                ? l -> BranchMeasures.predicted(problem.flow(l).groups()) : null;
        FigureFiles.write(() -> BifurcationFigure.create(title, problem.key(), pts, markers, theory),
                dir.resolve("bifurcation"), FigureFiles.WIDTH, FigureFiles.HEIGHT,
                FigureFiles.DEFAULT_SCALE);
    }
}
