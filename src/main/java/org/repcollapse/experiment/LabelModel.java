package org.repcollapse.experiment;

import java.util.List;
import java.util.Map;

import org.repcollapse.analysis.CollapseVerdict;
import org.repcollapse.analysis.GroupAccuracy;
import org.repcollapse.analysis.GroupMetrics;
import org.repcollapse.analysis.GroupedSamples;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.analysis.RateFit;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.theory.ExactSlowRate;

/**
 * The part shared by the models whose state is read as sample embeddings, labels and an optional
 * head ({@link org.repcollapse.model.Embeddings}): the {@link Metrics} columns, the collapse verdict
 * of the labels, the fitted rates of the label separation, and {@code summary.json}'s theory as
 * the model's {@link #prediction()} plus the exact slow rate (no head) and the head report.
 */
public abstract class LabelModel extends AbstractModel<FlowSystem> {

    private Metrics metrics;

    protected LabelModel(Experiment experiment, FlowSystem system) {
        super(experiment, system);
    }

    /** The closed-form predictions before any run (summary.json's theory without exact slow rate and head). */
    protected abstract Map<String, Object> prediction();

    @Override
    public List<String> columns() {
        return Metrics.columns(system().dim());
    }

    private Metrics metrics() {
        if (metrics == null) {
            metrics = new Metrics(system().structure(), system().accuracyStructure(), system().dim(),
                    experiment().integrator().rtol(), experiment().integrator().atol());
        }
        return metrics;
    }

    /**
     * The metrics row at (t, z): from the samples; for the reduced solver from its group statistics
     * and grouped samples; from group statistics alone when there are no samples (mean field).
     */
    @Override
    public double[] row(double t, double[] z) {
        FlowSystem system = system();
        GroupedSamples grouped = system.groupedSamples(z);
        if (grouped != null) {
            GroupAccuracy accuracy = system.groupAccuracy();
            return metrics().evaluate(t, system.loss(z), system.groupStatistics(z), grouped, accuracy);
        }
        if (system.hasSampleEmbeddings()) {
            return metrics().evaluate(t, system.loss(z), system.embeddings(z));
        }
        return new GroupMetrics(system.dim()).evaluate(t, system.loss(z), system.groupStatistics(z));
    }

    @Override
    public Outcome outcome(Trajectory trajectory, double[] initialRow, double[] finalState) {
        FlowSystem system = system();
        double[] finalRow = trajectory.isEmpty() ? initialRow : trajectory.last();
        double[] y = system.labelsAndHead(finalState).labels();
        CollapseVerdict verdict = CollapseVerdict.classify(y, system.structure().classes(), system.dim(),
                initialRow[Metrics.MEAN_LABEL_DISTANCE], finalRow[Metrics.EFFECTIVE_RANK]);
        double fast = trajectory.size() > 2 ? RateFit.fastRate(trajectory) : Double.NaN;
        double slow = trajectory.size() > 2 ? RateFit.slowRate(trajectory) : Double.NaN;
        return new Outcome(verdict, fast, slow);
    }

    @Override
    public Map<String, Object> theory(double[] finalState) {
        Map<String, Object> theory = prediction();
        // with a head the flow is nonlinear: no linear slow rate applies (head-no-sg fits 0.182, the EOM's is 0.0955)
        ExactSlowRate exact = experiment().linearTheory() ? exactSlowRate() : null;
        if (exact != null) {
            exact.putInto(theory);
        }
        Map<String, Object> head = headReport(finalState);
        if (head != null) {
            theory.put("head", head);
        }
        return theory;
    }
}
