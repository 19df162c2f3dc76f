package org.repcollapse.dynamics;

import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.repcollapse.model.BlockLayout;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.GroupStatistics;
import org.repcollapse.model.LabelStructure;

/**
 * A model ready to integrate: its ODE, its seeded initial state, its loss, and the view of a
 * state that the metrics look at. Every model (embedding-only, head, teacher-student, reduced)
 * is one of these, so recording, analysis and output are shared.
 */
public interface FlowSystem {

    LabelStructure structure();

    /** The embedding dimension d ({@link BlockLayout#dim()}). */
    default int dim() {
        return layout().dim();
    }

    OrdinaryDifferentialEquation ode();

    /** Where each block of the state sits ({@link BlockLayout}). */
    BlockLayout layout();

    /**
     * The loss terms whose drives sum into the flow ({@link GradientFlow#terms()}); empty when the
     * flow is not written as a sum of terms (the reduced flow).
     */
    default List<LossTerm> lossTerms() {
        return List.of();
    }

    /** Whether the head's targets are held fixed (stop-gradient); false without a head. */
    default boolean stopGradient() {
        return false;
    }

    double[] initialState();

    double loss(double[] z);

    /** The embeddings at state z (may share z's storage; do not keep it past the call). */
    Embeddings embeddings(double[] z);

    /**
     * A view of the labels and head at z; the samples may be left out ({@code samples() == 0}) where
     * forming them costs (the reduced solver). Default: {@link #embeddings}.
     */
    default Embeddings labelsAndHead(double[] z) {
        return embeddings(z);
    }

    /**
     * The label sets accuracy is scored against (default: the training structure). The
     * teacher-student model with flip frustration scores the unflipped inputs against their
     * true class ({@link org.repcollapse.model.StudentLabels#evaluation()}).
     */
    default LabelStructure accuracyStructure() {
        return structure();
    }

    /**
     * Whether {@link #embeddings} carries the N sample embeddings; false for the mean-field
     * solver, which has group statistics only ({@link #groupStatistics}).
     */
    default boolean hasSampleEmbeddings() {
        return true;
    }

    /** Group means, scatters, labels and head at z (spec section 4). */
    default GroupStatistics groupStatistics(double[] z) {
        return GroupStatistics.of(structure(), embeddings(z));
    }

    /**
     * The samples at z as groups (predictions {@code a_S + M_S delta_i} without forming all N), for
     * the metrics of the reduced solver; null when the system has no such form (the metrics then
     * read {@link #embeddings} or, without samples, {@link #groupStatistics}).
     */
    default org.repcollapse.analysis.GroupedSamples groupedSamples(double[] z) {
        return null;
    }

    /** The exact per-group accuracy test that goes with {@link #groupedSamples}; null without it. */
    default org.repcollapse.analysis.GroupAccuracy groupAccuracy() {
        return null;
    }

    /** Right-hand-side evaluations so far, or -1 if not counted. */
    long evaluations();

    /**
     * The exact solution when the flow is linear (no head), for {@code integrator.method: exact}
     * and the exact slow rate; null when the flow is nonlinear or has no exact propagator here.
     */
    default LinearFlow linearFlow() {
        return null;
    }

    /** Which solver this is, reported in the summary ("full", "reduced", "mean-field"). */
    default String solver() {
        return "full";
    }
}
