package org.repcollapse.dynamics;

import java.util.List;

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
public final class EmbeddingSystem extends AbstractFlowSystem<StateLayout, GradientFlow> {

    /**
     * Rates {@code eta_x, gamma, eta_P}, initial scales {@code s_x, s_y, s_P} and how the label rate
     * scales with the class degree ({@link LabelScaling}, default {@code DEGREE}).
     */
    public record Parameters(double etaX, double gamma, double etaP, double sx, double sy, double sp,
                             LabelScaling labelScaling) {

        public Parameters(double etaX, double gamma, double etaP, double sx, double sy, double sp) {
            this(etaX, gamma, etaP, sx, sy, sp, LabelScaling.DEGREE);
        }

        /** The per-block rates on this structure. */
        public BlockRates rates(LabelStructure structure) {
            return new BlockRates(structure, etaX, gamma, etaP, labelScaling);
        }

        /**
         * The {@code gamma} of the degree-scaled flow that equals this one on {@code structure}, for the
         * closed forms and exact propagators written with {@code gamma/n_c}: {@code gamma} itself, or with
         * {@code labelScaling: none} on a structure whose classes all have degree n, {@code gamma n}
         * (then {@code gamma n / n_c = gamma}); NaN when the degrees differ (no such flow).
         */
        public double degreeGamma(LabelStructure structure) {
            if (labelScaling == LabelScaling.DEGREE) {
                return gamma;
            }
            int n = structure.classDegree(0);
            for (int c = 1; c < structure.classes(); c++) {
                if (structure.classDegree(c) != n) {
                    return Double.NaN;
                }
            }
            return gamma * n;
        }
    }

    private final LabelStructure structure;
    private final GradientFlow flow;
    private final Parameters parameters;
    private final Prevention prevention;
    private LinearFlow linear;

    public EmbeddingSystem(LabelStructure structure, int dim, boolean head, boolean stopGradient,
                           Parameters p, RandomStreams streams) {
        this(structure, dim, head, stopGradient, p, Prevention.NONE, streams);
    }

    /**
     * With prevention terms added to the loss ({@link Prevention}). The structured implicit solve
     * of a stiff integrator is attached only to the flow without them ({@link Prevention#isNone}).
     */
    public EmbeddingSystem(LabelStructure structure, int dim, boolean head, boolean stopGradient,
                           Parameters p, Prevention prevention, RandomStreams streams) {
        this(structure, new StateLayout(structure.samples(), structure.classes(), dim, head,
                head && prevention.emaTargets(), head && prevention.centredTargets()), stopGradient, p, prevention, streams);
    }

    private EmbeddingSystem(LabelStructure structure, StateLayout layout, boolean stopGradient, Parameters p,
                            Prevention prevention, RandomStreams streams) {
        super(layout, InitialState.sample(layout, p.sx(), p.sy(), p.sp(), streams), layout.hasHead() && stopGradient);
        this.structure = structure;
        this.parameters = p;
        this.prevention = prevention;
        boolean head = layout.hasHead();
        LossTerm term = head ? prevention.headTerm(layout, structure, stopGradient) : new AlignmentLoss(layout, structure);
        List<LossTerm> terms = new java.util.ArrayList<>(List.of(term));
        terms.addAll(prevention.terms(layout, structure));
        BlockRates rates = p.rates(structure).withTargetRate(prevention.emaRate())
                .withCentreRate(prevention.centeringRate());
        double keep = stopGradient() ? 0.0 : 1.0;
        this.flow = new GradientFlow(layout, rates, terms);
        if (prevention.isNone()) {
            flow.withShiftedSystem(() -> new EmbeddingShiftedSystem(layout, structure, rates, keep));
        }
    }

    /**
     * Without a head or prevention term: the exact solution through the group reduction
     * ({@link EmbeddingLinearFlow}), built once; null when the flow is nonlinear or has no degree-scaled
     * equivalent ({@link Parameters#degreeGamma}).
     */
    @Override
    public LinearFlow linearFlow() {
        double gamma = parameters.degreeGamma(structure);
        if (layout().hasHead() || prevention.addsTerms() || Double.isNaN(gamma)) {
            return null;
        }
        if (linear == null) {
            linear = new EmbeddingLinearFlow(structure, layout().dim(), parameters.etaX(), gamma);
        }
        return linear;
    }

    /** Rates and initial scales. */
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public GradientFlow flow() {
        return flow;
    }

    @Override
    public LabelStructure structure() {
        return structure;
    }

    @Override
    public Embeddings embeddings(double[] z) {
        return layout().embeddings(z);
    }
}
