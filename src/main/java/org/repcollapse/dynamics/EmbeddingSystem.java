package org.repcollapse.dynamics;

import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.InitialState;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StateLayout;

/**
 * The embedding-only model (spec section 2, loss {@link AlignmentLoss}) or, with a shared head,
 * the predictor model (spec section 3, loss {@link PredictorLoss} with or without stop-gradient),
 * on the full N-sample state.
 */
public final class EmbeddingSystem implements FlowSystem {

    /** Rates {@code eta_x, gamma, eta_P} and initial scales {@code s_x, s_y, s_P}. */
    public record Parameters(double etaX, double gamma, double etaP, double sx, double sy, double sp) {
    }

    private final LabelStructure structure;
    private final StateLayout layout;
    private final GradientFlow flow;
    private final double[] z0;
    private final boolean stopGradient;
    private final Parameters parameters;
    private LinearFlow linear;

    public EmbeddingSystem(LabelStructure structure, int dim, boolean head, boolean stopGradient,
                           Parameters p, RandomStreams streams) {
        this.structure = structure;
        this.stopGradient = head && stopGradient;
        this.parameters = p;
        this.layout = new StateLayout(structure.samples(), structure.classes(), dim, head);
        LossTerm term = head ? new PredictorLoss(layout, structure, stopGradient) : new AlignmentLoss(layout, structure);
        BlockRates rates = new BlockRates(structure, p.etaX(), p.gamma(), p.etaP());
        double keep = head && stopGradient ? 0.0 : 1.0;
        this.flow = new GradientFlow(layout, rates, List.of(term))
                .withShiftedSystem(() -> new EmbeddingShiftedSystem(layout, structure, rates, keep));
        this.z0 = InitialState.sample(layout, p.sx(), p.sy(), p.sp(), streams);
    }

    /** Without a head: the exact solution through the group reduction ({@link EmbeddingLinearFlow}), built once. */
    @Override
    public LinearFlow linearFlow() {
        if (layout.hasHead()) {
            return null;
        }
        if (linear == null) {
            linear = new EmbeddingLinearFlow(structure, layout.dim(), parameters.etaX(), parameters.gamma());
        }
        return linear;
    }

    /** Whether the head's predictor loss uses stop-gradient (false without a head). */
    @Override
    public boolean stopGradient() {
        return stopGradient;
    }

    /** Rates and initial scales. */
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public StateLayout layout() {
        return layout;
    }

    @Override
    public List<LossTerm> lossTerms() {
        return flow.terms();
    }

    public GradientFlow flow() {
        return flow;
    }

    @Override
    public LabelStructure structure() {
        return structure;
    }

    @Override
    public int dim() {
        return layout.dim();
    }

    @Override
    public OrdinaryDifferentialEquation ode() {
        return flow;
    }

    @Override
    public long evaluations() {
        return flow.evaluations();
    }

    @Override
    public double[] initialState() {
        return z0.clone();
    }

    @Override
    public double loss(double[] z) {
        return flow.loss(z);
    }

    @Override
    public Embeddings embeddings(double[] z) {
        return layout.embeddings(z);
    }
}
