package org.repcollapse.experiment;

import java.util.List;
import java.util.Map;

import org.repcollapse.analysis.CollapseVerdict;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.LossTerm;
import org.repcollapse.dynamics.Ros34pw2Integrator;
import org.repcollapse.dynamics.ShiftedSystem;
import org.repcollapse.model.BlockLayout;
import org.repcollapse.theory.ExactSlowRate;

/**
 * One model the tool integrates, built from an experiment: what {@code run}, {@code theory},
 * {@code fixed-points}, sweeps and figures ask of it, so that none of them looks at which model it
 * is. One implementation per model ({@link EmbeddingModel}, {@link TeacherStudentModel}), each
 * registered under its {@code model:} key in {@link Models}.
 *
 * <p>A model owns its seeded flow ({@link #system()}, the ODE with its state layout and loss
 * terms), the row of metrics recorded at each grid time, the verdict read from a finished run,
 * and its theory: the closed forms of the {@code theory} command and of {@code summary.json}.
 */
public interface Model {

    /** The experiment this model was built from. */
    Experiment experiment();

    /** The seeded flow to integrate (built once). */
    FlowSystem system();

    /** Where each block of the state sits (round trip {@link BlockLayout#pack}/{@link BlockLayout#unpack}). */
    default BlockLayout layout() {
        return system().layout();
    }

    /** The loss terms whose drives sum into the flow; empty when the flow is not such a sum. */
    default List<LossTerm> lossTerms() {
        return system().lossTerms();
    }

    /** Whether the head's targets are held fixed (stop-gradient); false without a head. */
    default boolean stopGradient() {
        return system().stopGradient();
    }

    /** The analytic Jacobian of the flow ({@code fixed-points}, tests); null where the model has none. */
    default FlowJacobian jacobian() {
        return null;
    }

    /** A new structured solver of {@code (I - h gamma J) k = r} for the Rosenbrock method; null where none. */
    default ShiftedSystem shiftedSystem() {
        return Ros34pw2Integrator.solverOf(system().ode());
    }

    /** The columns of the trajectory ({@code t} first). */
    List<String> columns();

    /** The recorded row of {@link #columns()} at time t and state z. */
    double[] row(double t, double[] z);

    /** What a run shows: the collapse verdict and the fitted fast and slow rates (NaN when not fitted). */
    record Outcome(CollapseVerdict verdict, double fastRate, double slowRate) {
    }

    /**
     * The verdict of a run from its trajectory, the row at t = 0 and its last state (the last
     * recorded one, or the initial state when none was recorded).
     */
    Outcome outcome(Trajectory trajectory, double[] initialRow, double[] finalState);

    /** The {@code theory} command's predictions (the entries after {@code name}), no integration. */
    Map<String, Object> theoryReport();

    /** The {@code theory} block of {@code summary.json} for a run that ended at {@code finalState}. */
    Map<String, Object> theory(double[] finalState);

    /** The head's prediction and measurement at state z ({@code theory.head}); null where there is none. */
    Map<String, Object> headReport(double[] z);

    /**
     * The exact prediction of the slow rate {@code run} fits, on the recorded grid
     * ({@link ExactSlowRate}); null when the model has none (a head, or a decomposition that failed).
     */
    ExactSlowRate exactSlowRate();

    /**
     * The model's fixed data beyond its state, for exports ({@code bench/StiffInstance}): arrays by
     * file name ({@code double[]} written as {@code NAME.f64}, {@code int[]} as {@code NAME.i32}) and
     * scalars for the header; empty by default.
     */
    default Map<String, Object> instanceData() {
        return Map.of();
    }

    /**
     * The account {@code run} prints on stdout for a finished (or failed) run, one line each; null (the
     * default) for the label models' account (verdict with label clusters, accuracy, label distances,
     * rates, head) and their dynamics figure. A model with its own account draws no label figure.
     */
    default List<String> runReport(RunResult r) {
        return null;
    }

    /**
     * The full N-sample embedding flow that {@code fixed-points} polishes and judges; null when this
     * model (or solver) has no fixed-point analysis, which the command then refuses.
     */
    default EmbeddingSystem fixedPointSystem() {
        return null;
    }

    /**
     * The teacher-student flow whose fixed point {@code fixed-points} and {@code continue} take exactly,
     * as the limit of its linear flow ({@link org.repcollapse.fixedpoint.LinearFixedPoint}); null
     * when the flow is not linear (a head) or the model is another.
     */
    default org.repcollapse.dynamics.TeacherStudentSystem linearFixedPointSystem() {
        return null;
    }

    /**
     * {@code fixed-points} for a model outside the label flows (linear-ssl): run to tEnd, polish, judge; null (the
     * default) where the command's label routes apply.
     */
    default ModelReport ownFixedPoints(double tol, int maxIterations, double zeroTol) {
        return null;
    }

    /**
     * {@code continue} for a model outside the label flows: the branch of fixed points along {@code key} from
     * {@code from} to {@code to}; null (the default) where the command's label routes apply. Bad keys or values
     * throw {@link ExperimentException}.
     */
    default ModelReport ownBranch(String key, double from, double to, int steps, double tol) {
        return null;
    }

    /**
     * {@code basins} for a model outside the label flows: every cell of the grid {@code xs x ys} over the keys run
     * and classified in process; null (the default) where the command's sweep applies. Bad keys throw
     * {@link ExperimentException}.
     */
    default ModelReport ownBasins(String xKey, double[] xs, String yKey, double[] ys) {
        return null;
    }
}
