package org.repcollapse.experiment;

import java.util.Map;

import org.repcollapse.dynamics.FlowIntegrator;
import org.repcollapse.analysis.CollapseVerdict;
import org.repcollapse.analysis.GroupMetrics;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.analysis.RateFit;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.dynamics.FlowIntegration;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.IntegratorMethod;
import org.repcollapse.dynamics.NumericalFailure;
import org.repcollapse.dynamics.ReducedSystem;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.dynamics.TimeGrid;
import org.repcollapse.theory.TeacherStudentRegime;
import org.repcollapse.theory.TheoryReport;

/** Integrates an experiment, recording the metrics on its grid, and analyses the result. */
public final class ExperimentRunner {

    /**
     * Largest state entry before a run counts as diverged: far above what a dissipative flow
     * started at scales up to {@code 1e6} (the validator's limit) reaches, far below where the
     * metrics overflow (an eigensolver squares squared entries: 1e100 already failed there).
     */
    public static final double BLOW_UP = 1.0e30;

    private ExperimentRunner() {
    }

    public static double[] grid(Experiment e) {
        Experiment.Record r = e.record();
        double tEnd = e.integrator().tEnd();
        return "log".equals(r.spacing()) ? TimeGrid.log(r.tStart(), tEnd, r.points())
                : TimeGrid.linear(r.tStart(), tEnd, r.points());
    }

    public static FlowIntegrator integrator(Experiment e) {
        Experiment.Integrator in = e.integrator();
        return IntegratorMethod.parse(in.method()).create(in.rtol(), in.atol(), in.tEnd(), in.step());
    }

    public static RunResult run(Experiment e) {
        return run(e, Systems.build(e));
    }

    public static RunResult run(Experiment e, FlowSystem system) {
        return run(e, system, null);
    }

    /** As {@link #run(Experiment, FlowSystem)}, also handing each recorded state to {@code extra} (may be null). */
    public static RunResult run(Experiment e, FlowSystem system, org.repcollapse.dynamics.StateObserver extra) {
        long start = System.nanoTime();
        Metrics metrics = new Metrics(system.structure(), system.accuracyStructure(), system.dim(),
                e.integrator().rtol(), e.integrator().atol());
        Trajectory trajectory = new Trajectory(metrics.columns());
        double[] z0 = system.initialState();
        double[] initial = row(metrics, system, 0.0, z0);
        double[][] last = {z0.clone()};
        GridRecorder recorder = new GridRecorder(grid(e), (t, z) -> {
            trajectory.add(row(metrics, system, t, z));
            last[0] = z.clone();
            if (extra != null) {
                extra.observe(t, z);
            }
        }, BLOW_UP);
        NumericalFailure failure = null;
        try {
            FlowIntegration.integrate(system.ode(), z0, e.integrator().tEnd(), integrator(e), recorder);
        } catch (NumericalFailure f) {
            failure = f;
        }
        double[] finalState = last[0];
        double[] finalRow = trajectory.isEmpty() ? initial : trajectory.last();
        double[] y = system.labelsAndHead(finalState).labels();
        CollapseVerdict verdict = CollapseVerdict.classify(y, system.structure().classes(), system.dim(),
                initial[Metrics.MEAN_LABEL_DISTANCE], finalRow[Metrics.EFFECTIVE_RANK]);
        double fast = trajectory.size() > 2 ? RateFit.fastRate(trajectory) : Double.NaN;
        double slow = trajectory.size() > 2 ? RateFit.slowRate(trajectory) : Double.NaN;
        Map<String, Object> theory = system instanceof TeacherStudentSystem ts
                ? TeacherStudentRegime.of(ts, e.hasHead(), e.stopGradient()).report()
                : TheoryReport.embedding(system.structure(), e.rates().samples(), e.rates().labels());
        if (e.hasHead() && !(system instanceof TeacherStudentSystem) && system.labelsAndHead(finalState).hasHead()) {
            theory.put("head", HeadReport.atEnd(e, system.structure(), system.labelsAndHead(finalState)));
        }
        long evaluations = system.evaluations();
        return new RunResult(e, system.solver(), trajectory, initial, finalState, failure, verdict, fast, slow, theory,
                evaluations, (System.nanoTime() - start) * 1e-9);
    }

    /**
     * The metrics row at (t, z): from the samples; for the reduced solver from its group statistics
     * and grouped samples; from group statistics alone when there are no samples (mean field).
     */
    static double[] row(Metrics metrics, FlowSystem system, double t, double[] z) {
        if (system instanceof ReducedSystem r && r.hasSampleEmbeddings()) {
            return metrics.evaluate(t, r.loss(z), r.groupStatistics(z), r.samples(z), r.groupAccuracy());
        }
        if (system.hasSampleEmbeddings()) {
            return metrics.evaluate(t, system.loss(z), system.embeddings(z));
        }
        return new GroupMetrics(system.dim()).evaluate(t, system.loss(z), system.groupStatistics(z));
    }
}
