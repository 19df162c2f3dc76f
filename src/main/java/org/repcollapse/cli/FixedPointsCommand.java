package org.repcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hipparchus.complex.Complex;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.NumericalFailure;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.SummaryJson;
import org.repcollapse.experiment.Models;
import org.repcollapse.fixedpoint.FixedPointAnalysis;
import org.repcollapse.fixedpoint.GroupSplit;
import org.repcollapse.fixedpoint.JacobianSpectrum;
import org.repcollapse.theory.HeadTheory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fixed-points FILE}: run to {@code integrator.tEnd}, polish the end state to a fixed point
 * and judge its stability with the structure of the group reduction ({@link FixedPointAnalysis}):
 * the Jacobian on the coupled subspace only, the rest in closed form, the zero modes identified
 * with the predicted family of fixed points. Progress goes to stderr, the report to stdout,
 * {@code --out DIR} writes {@code DIR/fixed_point.json}. Exit 0 for a stable fixed point, 3 when
 * the residual tolerance is not met, 5 when it is not stable (unstable or marginal).
 */
@Command(name = "fixed-points", mixinStandardHelpOptions = true,
        description = "Locate a fixed point from the end of a run, polish it (Levenberg-Marquardt on the group"
                + " reduction's coupled subspace), and judge it: residual, Jacobian spectrum modulo the predicted"
                + " family of fixed points, margin, head spectrum against theory. Exit 0 stable, 3 not converged,"
                + " 5 not stable.")
public final class FixedPointsCommand implements Callable<Integer> {

    /** Largest coupled-subspace dimension (its Jacobian is dense: 8 q^2 bytes, O(q^3) eigen-solve). */
    public static final int MAX_COUPLED = 3000;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--tol", paramLabel = "EPS", description = "Residual |dz/dt| to reach (default: 1e-10).")
    double tol = 1.0e-10;

    @Option(names = "--zero-tol", paramLabel = "EPS",
            description = "Relative size (to the spectral scale) below which an eigenvalue's real part is"
                    + " undecided, on top of the residual's share (default: 1e-9).")
    double zeroTol = JacobianSpectrum.DEFAULT_TOLERANCE;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Levenberg-Marquardt iterations (default: 50).")
    int maxIterations = 50;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/fixed_point.json.")
    Path out;

    @Option(names = "--format", paramLabel = "text|json|csv",
            description = "text (default), json (one object; null for NaN) or csv (quantity,value; empty for NaN).")
    String format = "text";

    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.of(format, true);
        Experiment e = experiment.load();
        if (!(tol > 0)) {
            throw ExperimentException.of("--tol", tol, "must be positive");
        }
        if (!(zeroTol > 0 && zeroTol < 1)) {
            throw ExperimentException.of("--zero-tol", zeroTol, "must lie in (0, 1)");
        }
        if (maxIterations < 1) {
            throw ExperimentException.of("--max-iterations", maxIterations, "must be at least 1");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw ExperimentException.of("--out", out, "exists and is not a directory");
        }
        if (e.hasPrevention()) {
            throw ExperimentException.of("prevention", "on", "fixed-points analyses the flow of spec sections 2-3:"
                    + " set the prevention weights to 0 and headLoss: symmetric");
        }
        org.repcollapse.experiment.Model model = Models.build(e);
        org.repcollapse.experiment.ModelReport own;
        try {
            own = model.ownFixedPoints(tol, maxIterations, zeroTol);
        } catch (NumericalFailure f) {
            System.err.println("error: " + f.getMessage() + "; no fixed point located");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        if (own != null) {
            return own(own, output);
        }
        org.repcollapse.dynamics.TeacherStudentSystem exact = model.linearFixedPointSystem();
        if (exact != null) {
            return linear(e, exact, output);
        }
        EmbeddingSystem system = model.fixedPointSystem();
        if (system == null) {
            boolean embedding = "embedding".equals(e.model());
            throw ExperimentException.of(e.isTeacherStudent() ? "head" : embedding ? "solver" : "model",
                    e.isTeacherStudent() ? e.head() : embedding ? e.solver() : e.model(), "fixed-points supports the embedding model (solver: full) and the teacher-student"
                    + " model without head (its linear flow); not a teacher-student model with a head");
        }
        int n = system.layout().dimension();
        double tEnd = e.integrator().tEnd();
        System.err.printf("fixed-points: integrating to t = %g%n", tEnd);
        double[] end;
        try {
            end = ExperimentRunner.integrator(e, system).integrate(system.ode(), system.initialState(), tEnd,
                    new GridRecorder(new double[] {tEnd}, (t, z) -> { }, ExperimentRunner.BLOW_UP));
        } catch (NumericalFailure f) {
            System.err.println("error: " + f.getMessage() + "; no fixed point located");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        int coupled = new GroupSplit(system.structure(), system.layout(), end,
                FixedPointAnalysis.DEVIATION_TOLERANCE).size();
        if (coupled > MAX_COUPLED) {
            throw ExperimentException.of("samples", e.samples(), "the coupled subspace of the end state has"
                    + " dimension " + coupled + " > " + MAX_COUPLED + " (its Jacobian is dense); lower dim or classes");
        }
        FixedPointAnalysis a = FixedPointAnalysis.of(system, end, tol, maxIterations, zeroTol,
                m -> System.err.println("fixed-points: " + m));
        Map<String, Object> head = e.hasHead()
                ? new HeadTheory(system.structure()).comparison(system.embeddings(a.polished().point())) : null;
        Map<String, Object> json = json(e, n, tEnd, a, head);
        if (output != OutputFormat.TEXT) {
            System.out.print(output.render(json));
        } else {
            print(e, system, n, tEnd, a);
            if (head != null) {
                printHead(e, head);
            }
            System.out.printf("verdict: %s (margin %.3e of the spectral scale %.4g, uncertainty %.1e);"
                            + " zero modes %s the predicted family dimension%n", verdictText(a), a.margin(), a.scale(),
                    a.uncertainty(), a.familyMatches() ? "match" : "DO NOT match");
        }
        return finish(json, a.verdict());
    }

    /** Writes {@code DIR/fixed_point.json} with --out; the exit status of the verdict (IO on a failed write). */
    private int finish(Object json, FixedPointAnalysis.Verdict verdict) {
        return finish(json, verdict.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Writes {@code DIR/fixed_point.json} with --out; then 0 for {@code stable}, the numerical-failure
     * status for {@code not_converged}, the not-stable status otherwise (IO on a failed write).
     */
    private int finish(Object json, String verdict) {
        if (out != null) {
            try {
                Files.createDirectories(out);
                AtomicFiles.writeString(out.resolve("fixed_point.json"), SummaryJson.toJson(json));
            } catch (IOException ex) {
                System.err.println("error: cannot write " + out.resolve("fixed_point.json") + ": " + ex.getMessage());
                return ExitCodes.IO;
            }
        }
        switch (verdict) {
            case "stable":
                return ExitCodes.OK;
            case "not_converged":
                return ExitCodes.NUMERICAL_FAILURE;
            default:
                return ExitCodes.NOT_STABLE;
        }
    }

    /**
     * Teacher-student without head: the exact fixed point of its linear flow ({@link
     * org.repcollapse.fixedpoint.LinearFixedPoint}), the kernel of the operator as the family.
     */
    private int linear(Experiment e, org.repcollapse.dynamics.TeacherStudentSystem ts, OutputFormat output) {
        double tEnd = e.integrator().tEnd();
        System.err.println("fixed-points: teacher-student without head: the exact limit of its linear flow");
        org.repcollapse.fixedpoint.LinearFixedPoint a = org.repcollapse.fixedpoint.LinearFixedPoint.of(ts, tEnd, tol);
        org.repcollapse.model.Embeddings em = ts.embeddings(a.point());
        double minSep = Double.POSITIVE_INFINITY;
        for (int c = 0; c < e.classes(); c++) {
            for (int c2 = c + 1; c2 < e.classes(); c2++) {
                double s = 0;
                for (int k = 0; k < e.dim(); k++) {
                    double r = em.y(c, k) - em.y(c2, k);
                    s += r * r;
                }
                minSep = Math.min(minSep, Math.sqrt(s));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("method", "exact: the limit t -> infinity of the linear flow (kernel of A = R H on the input row space)");
        m.put("state_dimension", a.point().length);
        m.put("t_end", tEnd);
        m.put("verdict", a.verdict().name().toLowerCase(java.util.Locale.ROOT));
        m.put("converged", a.verdict() != FixedPointAnalysis.Verdict.NOT_CONVERGED);
        m.put("residual", a.residual());
        m.put("tol", tol);
        m.put("distance_from_end_of_run", a.endDistance());
        m.put("input_row_space_rank", a.rank());
        Map<String, Object> fam = new LinkedHashMap<>();
        fam.put("predicted", a.family());
        fam.put("measured", a.family());
        fam.put("operator_kernel", a.kernel());
        fam.put("frozen_input_directions", a.dim() * (a.inputDim() - a.rank()));
        fam.put("matches", true);
        m.put("family", fam);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scale", a.scale());
        spec.put("uncertainty", a.uncertainty());
        spec.put("largest_real_part", a.slowest());
        spec.put("margin", a.slowest() / a.scale());
        spec.put("eigenvalues_modulo_family", withMultiplicity(a.spectrum()));
        m.put("spectrum", spec);
        m.put("min_label_distance", minSep);
        if (output != OutputFormat.TEXT) {
            System.out.print(output.render(m));
        } else {
            System.out.printf("%s: state dimension %d (teacher-student, N=%d, K=%d, d=%d, D=%d, no head): linear flow,"
                    + " fixed point exact%n", e.name(), a.point().length, e.samples(), e.classes(), e.dim(), a.inputDim());
            System.out.printf("fixed point: lim exp(-A t) z0 (operator of size %d, input row space rank %d); residual"
                    + " |dz/dt| = %.3e %s tol %.1e; the run's end at t = %g is %.3e away%n", a.lambda().length, a.rank(),
                    a.residual(), a.residual() <= tol ? "<=" : ">", tol, tEnd, a.endDistance());
            System.out.printf("family of fixed points: dimension %d = d x dim ker A (%d x %d) + d x (D - rank) frozen"
                    + " (%d x %d); exact (the kernel of a linear flow)%n", a.family(), a.dim(), a.kernel(), a.dim(),
                    a.inputDim() - a.rank());
            System.out.printf("spectrum modulo the family: the %d non-zero eigenvalues -lambda_j of A, each %d times;"
                    + " slowest %.6g, fastest %.6g%n", a.spectrum().size(), a.dim(), a.slowest(), -a.scale());
            System.out.printf("min label distance at the fixed point: %.6g%n", minSep);
            System.out.printf("verdict: %s (margin %.3e of the spectral scale %.4g, uncertainty %.1e)%n",
                    a.verdict() == FixedPointAnalysis.Verdict.STABLE ? "stable fixed point"
                            : a.verdict().name().toLowerCase(java.util.Locale.ROOT), a.slowest() / a.scale(), a.scale(),
                    a.uncertainty());
        }
        return finish(SummaryJson.sanitize(m), a.verdict());
    }

    /** A model with its own analysis (linear-ssl): its report, fixed_point.json, the exit status of its verdict. */
    private int own(org.repcollapse.experiment.ModelReport r, OutputFormat output) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) SummaryJson.sanitize(r.json());
        if (output != OutputFormat.TEXT) {
            System.out.print(output.render(json));
        } else {
            r.lines().forEach(System.out::println);
        }
        return finish(json, r.verdict());
    }

    private static String verdictText(FixedPointAnalysis a) {
        switch (a.verdict()) {
            case STABLE:
                return "stable fixed point";
            case UNSTABLE:
                return "UNSTABLE fixed point";
            case MARGINAL:
                return "MARGINAL: an eigenvalue outside the predicted family is zero within the uncertainty"
                        + " (a non-hyperbolic fixed point, or one the residual does not pin down)";
            default:
                return "NOT CONVERGED (residual above tol)";
        }
    }

    private void print(Experiment e, EmbeddingSystem system, int n, double tEnd, FixedPointAnalysis a) {
        System.out.printf("%s: state dimension %d (N=%d, K=%d, d=%d, head %s, stopGradient %s)%n", e.name(), n,
                e.samples(), e.classes(), e.dim(), e.head(), e.stopGradient());
        System.out.printf("start: end of the run at t = %g, residual |dz/dt| = %.3e%n", tEnd, a.startResidual());
        System.out.printf("polished (Levenberg-Marquardt on the coupled subspace, %d iterations): residual %.3e %s"
                + " tol %.1e%n", a.polished().iterations(), a.polished().residual(),
                a.polished().converged() ? "<=" : ">", tol);
        System.out.printf("Jacobian products against central differences: max relative error %.2e%n",
                a.jacobianError());
        int outside = 0;
        for (double[] o : a.outside()) {
            outside += (int) o[1];
        }
        System.out.printf("group split: coupled subspace %d (group means, deviations, labels, head), invariant to"
                + " %.1e; %d eigenvalues outside it in closed form -eta_x |S| beta_k(B)%n", a.coupledDimension(),
                a.invarianceResidual(), outside);
        System.out.printf("family of fixed points: predicted dimension %d%s; measured %d = tangents %d + scatter in"
                        + " ker P %d (closed form) + %d further kernel directions; |J T| / scale = %.1e%n",
                a.predictedZeroModes(), e.hasHead() ? (e.stopGradient()
                        ? " = d^2 + (N - groups)(d - rank P), rank P = " + a.headRank() : " = d^2")
                        : " = components x d", a.familyMeasured(), a.familyExplicit(), a.outsideFamilyZeros(),
                a.familyNumerical(), a.familyResidual());
        System.out.printf("spectrum modulo the family: %d stable, %d unstable of %d; largest real part %.4e"
                        + " (uncertainty %.1e: the residual allows a fixed point %.1e away)%n", a.stableCount(),
                a.unstableCount(), n - a.familyMeasured(), a.margin() * a.scale(), a.uncertainty(), a.distance());
        StringBuilder top = new StringBuilder("  leading eigenvalues:");
        int shown = 0;
        for (Complex c : a.quotient()) {
            if (shown++ < 6) {
                top.append(String.format(" %.6g%s", c.getReal(),
                        c.getImaginary() == 0 ? "" : String.format("%+.3gi", c.getImaginary())));
            }
        }
        System.out.println(top);
    }

    private static void printHead(Experiment e, Map<String, Object> cmp) {
        System.out.println("head on each label mode v_k = Y^T diag(n) u_k: sqrt(v^T P^2 v / v^T v) against sqrt(tau_k)"
                + (e.stopGradient() ? "" : " (R5 applies with stop-gradient only)"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) cmp.get("modes");
        for (Map<String, Object> r : rows) {
            System.out.printf("  mode %d: tau %.8f  predicted %.8f  measured %.8f  (Rayleigh of P %.6f)%n",
                    r.get("mode"), r.get("tau"), r.get("predicted"), r.get("measured"), r.get("rayleigh_P"));
        }
        System.out.printf("  self-consistency residual |Y (P^2)^T - T Y| = %.3e (relative %.3e)%n",
                cmp.get("self_consistency_residual"), cmp.get("self_consistency_residual_relative"));
    }

    private Map<String, Object> json(Experiment e, int n, double tEnd, FixedPointAnalysis a, Map<String, Object> head) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("state_dimension", n);
        m.put("t_end", tEnd);
        m.put("verdict", a.verdict().name().toLowerCase(java.util.Locale.ROOT));
        m.put("converged", a.polished().converged());
        m.put("residual_start", a.startResidual());
        m.put("residual", a.polished().residual());
        m.put("tol", tol);
        m.put("iterations", a.polished().iterations());
        m.put("jacobian_product_error", a.jacobianError());
        m.put("coupled_dimension", a.coupledDimension());
        m.put("invariance_residual", a.invarianceResidual());
        Map<String, Object> fam = new LinkedHashMap<>();
        fam.put("predicted", a.predictedZeroModes());
        fam.put("measured", a.familyMeasured());
        fam.put("tangents", a.familyExplicit());
        fam.put("scatter_in_kernel", a.outsideFamilyZeros());
        fam.put("further_kernel_directions", a.familyNumerical());
        fam.put("matches", a.familyMatches());
        fam.put("jacobian_on_tangent_relative", a.familyResidual());
        m.put("family", fam);
        m.put("head_rank", a.headRank());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scale", a.scale());
        spec.put("uncertainty", a.uncertainty());
        spec.put("distance_to_fixed_point", a.distance());
        spec.put("margin", a.margin());
        spec.put("largest_real_part", a.margin() * a.scale());
        spec.put("stable", a.stableCount());
        spec.put("unstable", a.unstableCount());
        List<List<Double>> q = new ArrayList<>();
        for (Complex c : a.quotient()) {
            q.add(List.of(c.getReal(), c.getImaginary()));
        }
        spec.put("coupled_eigenvalues_modulo_family", q);
        spec.put("closed_form_eigenvalues", withMultiplicity(a.outside()));
        m.put("spectrum", spec);
        if (head != null) {
            m.put("head", head);
        }
        return m;
    }

    /** Eigenvalues given as pairs {@code [value, multiplicity]}, as JSON objects. */
    private static List<Map<String, Object>> withMultiplicity(List<double[]> pairs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (double[] o : pairs) {
            out.add(Map.of("value", o[0], "multiplicity", (int) o[1]));
        }
        return out;
    }
}
