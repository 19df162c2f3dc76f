package org.repcollapse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hipparchus.complex.Complex;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowIntegration;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.NumericalFailure;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.Systems;
import org.repcollapse.fixedpoint.FixedPointAnalysis;
import org.repcollapse.fixedpoint.JacobianSpectrum;
import org.repcollapse.model.Embeddings;
import org.repcollapse.theory.HeadTheory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fixed-points FILE}: run to {@code integrator.tEnd}, polish the end state to a fixed point
 * (Levenberg-Marquardt on dz/dt with the analytic Jacobian), check the Jacobian against finite
 * differences, print its spectrum split into stable / zero / unstable directions next to the
 * predicted dimension of the fixed-point family, and the head spectrum against {@code sqrt(tau_k)}.
 * Dense linear algebra: the state dimension {@code (N+K)d + d^2} must not exceed
 * {@link FlowJacobian#MAX_DIMENSION} (2500; e.g. N = 200, d = 8, K = 2 gives 1680 and takes
 * about three minutes of CPU: SVD, eigen-solve and one LM step, each O(n^3)).
 */
@Command(name = "fixed-points", mixinStandardHelpOptions = true,
        description = "Locate a fixed point from the end of a run, polish it (Levenberg-Marquardt), print its residual,"
                + " Jacobian spectrum (stable / zero / unstable) and head spectrum against theory."
                + " Dense: (samples+classes)*dim + dim^2 <= " + FlowJacobian.MAX_DIMENSION + ".")
public final class FixedPointsCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--tol", paramLabel = "EPS", description = "Residual |dz/dt| to reach (default: 1e-10).")
    double tol = 1.0e-10;

    @Option(names = "--zero-tol", paramLabel = "EPS",
            description = "Relative size (to the largest singular value of J) of a zero eigenvalue (default: 1e-9).")
    double zeroTol = JacobianSpectrum.DEFAULT_TOLERANCE;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Levenberg-Marquardt iterations (default: 50).")
    int maxIterations = 50;

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
        FlowSystem built = Systems.build(e);
        if (!(built instanceof EmbeddingSystem system)) {
            throw ExperimentException.of("model", e.model(), "fixed-points supports the embedding model only");
        }
        int n = system.layout().dimension();
        if (n > FlowJacobian.MAX_DIMENSION) {
            throw ExperimentException.of("samples", e.samples(), "fixed-points builds a dense Jacobian of dimension"
                    + " (samples+classes)*dim + dim^2 = " + n + " > " + FlowJacobian.MAX_DIMENSION
                    + "; lower samples or dim");
        }
        double tEnd = e.integrator().tEnd();
        double[] end;
        try {
            end = FlowIntegration.integrate(system.ode(), system.initialState(), tEnd, ExperimentRunner.integrator(e),
                    new GridRecorder(new double[] {tEnd}, (t, z) -> { }, ExperimentRunner.BLOW_UP));
        } catch (NumericalFailure f) {
            System.err.println("error: " + f.getMessage() + "; no fixed point located");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        FixedPointAnalysis a = FixedPointAnalysis.of(system, end, tol, maxIterations, zeroTol);
        if (output != OutputFormat.TEXT) {
            System.out.print(output.render(result(e, n, tEnd, a, system)));
        } else {
            printText(e, n, tEnd, a, system);
        }
        return a.polished().converged() ? ExitCodes.OK : ExitCodes.NUMERICAL_FAILURE;
    }

    /** The human-readable report. */
    private void printText(Experiment e, int n, double tEnd, FixedPointAnalysis a, EmbeddingSystem system) {
        System.out.printf("%s: state dimension %d (N=%d, K=%d, d=%d, head %s, stopGradient %s)%n", e.name(), n,
                e.samples(), e.classes(), e.dim(), e.head(), e.stopGradient());
        System.out.printf("start: end of the run at t = %g, residual |dz/dt| = %.3e%n", tEnd, a.startResidual());
        System.out.printf("polished (Levenberg-Marquardt, %d iterations): residual %.3e %s tol %.1e%n",
                a.polished().iterations(), a.polished().residual(), a.polished().converged() ? "<=" : ">", tol);
        System.out.printf("Jacobian: analytic vs central differences: max |diff| %.2e (max |J| %.3g)%n",
                a.jacobianError(), a.jacobianScale());
        JacobianSpectrum s = a.spectrum();
        System.out.printf("spectrum: %d eigenvalues: %d stable, %d zero, %d unstable (zero: |Re| <= %.0e x %.4g);"
                        + " kernel dimension (SVD) %d%n", n, s.stable(), s.zero(), s.unstable(), zeroTol, s.scale(),
                s.kernelDimension());
        System.out.printf("  predicted family dimension %d%s; largest real part %.3e, slowest decay %.6g%n",
                a.predictedZeroModes(), e.hasHead() ? (e.stopGradient()
                        ? " = d^2 + (N - groups)(d - rank P), rank P = " + a.headRank() : " = d^2")
                        : " = components x d", s.largestRealPart(), s.slowestDecay());
        Complex[] ev = s.eigenvalues();
        StringBuilder top = new StringBuilder("  leading non-zero eigenvalues:");
        int shown = 0;
        for (Complex c : ev) {
            if (Math.abs(c.getReal()) > zeroTol * s.scale() && shown < 6) {
                top.append(String.format(" %.6g%s", c.getReal(),
                        c.getImaginary() == 0 ? "" : String.format("%+.3gi", c.getImaginary())));
                shown++;
            }
        }
        System.out.println(top);
        if (e.hasHead()) {
            Embeddings emb = system.embeddings(a.polished().point());
            HeadTheory th = new HeadTheory(system.structure());
            Map<String, Object> cmp = th.comparison(emb);
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
        boolean family = s.zero() == a.predictedZeroModes();
        System.out.printf("verdict: %s fixed point; zero modes %s the predicted family dimension%n",
                a.stable() ? "stable (no eigenvalue with positive real part)"
                        : a.polished().converged() ? "UNSTABLE" : "NOT CONVERGED", family ? "match" : "DO NOT match");
    }

    /** The same numbers as one object, for --format json|csv. */
    private Map<String, Object> result(Experiment e, int n, double tEnd, FixedPointAnalysis a, EmbeddingSystem system) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("state_dimension", n);
        m.put("samples", e.samples());
        m.put("classes", e.classes());
        m.put("dim", e.dim());
        m.put("head", e.head());
        m.put("stop_gradient", e.stopGradient());
        m.put("t_end", tEnd);
        m.put("start_residual", a.startResidual());
        Map<String, Object> polished = new LinkedHashMap<>();
        polished.put("iterations", a.polished().iterations());
        polished.put("residual", a.polished().residual());
        polished.put("tolerance", tol);
        polished.put("converged", a.polished().converged());
        m.put("polished", polished);
        m.put("jacobian_max_difference", a.jacobianError());
        m.put("jacobian_scale", a.jacobianScale());
        JacobianSpectrum s = a.spectrum();
        Map<String, Object> spectrum = new LinkedHashMap<>();
        spectrum.put("eigenvalues", n);
        spectrum.put("stable", s.stable());
        spectrum.put("zero", s.zero());
        spectrum.put("unstable", s.unstable());
        spectrum.put("zero_tolerance", zeroTol);
        spectrum.put("scale", s.scale());
        spectrum.put("kernel_dimension", s.kernelDimension());
        spectrum.put("largest_real_part", s.largestRealPart());
        spectrum.put("slowest_decay", s.slowestDecay());
        List<Map<String, Object>> leading = new ArrayList<>();
        for (Complex c : s.eigenvalues()) {
            if (Math.abs(c.getReal()) > zeroTol * s.scale() && leading.size() < 6) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("re", c.getReal());
                ev.put("im", c.getImaginary());
                leading.add(ev);
            }
        }
        spectrum.put("leading_nonzero", leading);
        m.put("spectrum", spectrum);
        m.put("predicted_family_dimension", a.predictedZeroModes());
        if (e.hasHead()) {
            m.put("head_rank", a.headRank());
            Embeddings emb = system.embeddings(a.polished().point());
            m.put("head_modes", new HeadTheory(system.structure()).comparison(emb));
        }
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("stable", a.stable());
        verdict.put("converged", a.polished().converged());
        verdict.put("family_dimension_matches", s.zero() == a.predictedZeroModes());
        m.put("verdict", verdict);
        return m;
    }
}
