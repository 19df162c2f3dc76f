package org.repcollapse.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hipparchus.exception.MathIllegalStateException;
import org.repcollapse.dynamics.EmbeddingLinearFlow;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.LabelScaling;
import org.repcollapse.dynamics.ReducedSystem;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.theory.ExactSlowRate;
import org.repcollapse.theory.TheoryReport;

/**
 * The embedding model (spec sections 2-4): sample and label embeddings under gradient flow of the
 * alignment loss, or with a shared linear head of the predictor loss (with or without
 * stop-gradient), on one of three solvers: {@code full} ({@link EmbeddingSystem}), {@code reduced}
 * and {@code mean-field} ({@link ReducedSystem}). Theory: R1-R4 ({@link TheoryReport#embedding}),
 * the exact slow rate of the group operator, and with a head the R5/R6 report ({@link HeadReport}).
 */
public final class EmbeddingModel extends LabelModel {

    /** The full N-sample flow when this model integrates it (fixed points, analytic Jacobian); else null. */
    private final EmbeddingSystem full;

    private EmbeddingModel(Experiment e, FlowSystem system, EmbeddingSystem full) {
        super(e, system);
        this.full = full;
    }

    /**
     * The model of an experiment's flow built elsewhere (e.g. from another initial state); it is
     * read through {@link FlowSystem} only, so it has no fixed-point analysis or analytic Jacobian.
     */
    public EmbeddingModel(Experiment e, FlowSystem system) {
        this(e, system, null);
    }

    /** The experiment's model on the solver it asks for ({@link Systems#solver}, {@code auto} resolved). */
    public static EmbeddingModel of(Experiment e) {
        LabelStructure structure = Systems.structure(e);
        RandomStreams streams = new RandomStreams(e.seed());
        EmbeddingSystem.Parameters p = Systems.parameters(e);
        // the group reduction is written with gamma/n_c: labelScaling none enters as its degree-scaled equal
        double gamma = Systems.theoryGamma(e, structure);
        EmbeddingSystem.Parameters reduced = p.labelScaling() == LabelScaling.DEGREE ? p
                : new EmbeddingSystem.Parameters(p.etaX(), gamma, p.etaP(), p.sx(), p.sy(), p.sp());
        switch (Systems.solver(e, structure)) {
            case "reduced":
                return new EmbeddingModel(e,
                        ReducedSystem.reduced(structure, e.dim(), e.hasHead(), e.stopGradient(), reduced, streams),
                        null);
            case "mean-field":
                return new EmbeddingModel(e,
                        ReducedSystem.meanField(structure, e.dim(), e.hasHead(), e.stopGradient(), reduced, streams),
                        null);
            default:
                EmbeddingSystem s = new EmbeddingSystem(structure, e.dim(), e.hasHead(), e.stopGradient(), p,
                        Systems.prevention(e), streams);
                return new EmbeddingModel(e, s, s);
        }
    }

    @Override
    protected Map<String, Object> prediction() {
        Experiment e = experiment();
        Map<String, Object> m = TheoryReport.embedding(system().structure(), e.rates().samples(),
                Systems.theoryGamma(e, system().structure()));
        Map<String, Object> prevention = PreventionReport.of(e, system().structure());
        if (prevention != null) {
            m.put("prevention", prevention);
        }
        return m;
    }

    /**
     * {@code embedding_only}: R1-R4 and the exact slow rate (with a head, the embedding-only
     * prediction for the same data); {@code head}: the R5/R6 prediction, when there is a head.
     */
    @Override
    public Map<String, Object> theoryReport() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> report = prediction();
        ExactSlowRate exact = exactSlowRate();
        if (exact != null) {
            exact.putInto(report);
        }
        out.put("embedding_only", SummaryJson.sanitize(report));
        if (experiment().hasHead()) {
            out.put("head", SummaryJson.sanitize(HeadReport.prediction(experiment(), system().structure())));
        }
        return out;
    }

    @Override
    public Map<String, Object> headReport(double[] z) {
        Embeddings end = system().labelsAndHead(z);
        if (!experiment().hasHead() || !end.hasHead()) {
            return null;
        }
        return HeadReport.atEnd(experiment(), system().structure(), end);
    }

    /**
     * The group operator's modes from the initial group means and labels (any solver; with a head
     * the embedding-only prediction for the same data); null when a decomposition fails.
     */
    @Override
    public ExactSlowRate exactSlowRate() {
        FlowSystem system = system();
        Experiment e = experiment();
        double[] grid = ExperimentRunner.grid(e);
        double[] z0 = system.initialState();
        try {
            if (system.linearFlow() != null) {
                return new ExactSlowRate(system.linearFlow().labelModes(z0), grid);
            }
            if (e.hasPrevention()) {
                return null; // the linear flow's modes do not describe a flow with prevention terms
            }
            EmbeddingLinearFlow flow = new EmbeddingLinearFlow(system.structure(), system.dim(), e.rates().samples(),
                    Systems.theoryGamma(e, system.structure()));
            return new ExactSlowRate(flow.labelModes(system.groupStatistics(z0)), grid);
        } catch (MathIllegalStateException ex) {
            return null; // a theory that cannot be computed must not cost the run: reported as unknown
        }
    }

    @Override
    public FlowJacobian jacobian() {
        return full == null ? null : FlowJacobian.of(full);
    }

    /** The full flow, unless prevention terms change its family of fixed points (not analysed: refused). */
    @Override
    public EmbeddingSystem fixedPointSystem() {
        return experiment().hasPrevention() ? null : full;
    }
}
