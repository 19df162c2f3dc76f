package org.repcollapse.dynamics;

import java.util.Arrays;
import java.util.List;

import org.repcollapse.model.Embeddings;
import org.repcollapse.model.InitialState;
import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLabels;
import org.repcollapse.model.StudentLayout;
import org.repcollapse.model.Teacher;

/**
 * The linear teacher-student model (spec section 5): sample embeddings {@code x_i = W xi_i}
 * of teacher inputs, labels {@code y_c} and an optional head P trained on the loss of sections
 * 2-3, {@code dW/dt = -eta_W sum_E g_ic xi_i^T}, {@code dy_c/dt = -(gamma/n_c) G_{y_c}},
 * {@code dP/dt = -(eta_P/|E|) G_P}. The flow is evaluated from {@link InputStatistics}
 * ({@link StudentAlignmentLoss}, {@link StudentPredictorLoss}).
 *
 * <p>Initial state: {@code W_ab ~ N(0, s_x^2 / (kappa^2 + sigma^2))} (STUDENT stream), so that
 * {@code x_i = W xi_i} has the EOM's scale {@code s_x} per coordinate ({@code E|xi|^2 =
 * kappa^2 + sigma^2}); labels and head exactly as in the EOM ({@link InitialState}, same streams).
 *
 * <p>The metrics see the EOM state {@code (x = W Xi^T, y, P)}, built in a reused buffer;
 * {@link #loss} is the EOM loss of that state, summed per sample.
 */
public final class TeacherStudentSystem extends AbstractFlowSystem<StudentLayout, GradientFlow> {

    private final StudentLabels labels;
    private final Teacher teacher;
    private final InputStatistics stats;
    private final StateLayout embeddingLayout;
    private final GradientFlow flow;
    private final LossTerm embeddingLoss;
    private final List<LossTerm> extraLosses;
    /** The decoder's reconstruction term, or null. */
    private final ReconstructionLoss reconstruction;
    private final Prevention prevention;
    private final BlockRates rates;
    private final EmbeddingSystem.Parameters parameters;
    private final double[] embedding;
    private double[] inputsT;
    private double[] xT;
    private double[] lastW;
    private boolean cached;
    private LinearFlow linear;

    public TeacherStudentSystem(StudentLabels labels, Teacher teacher, int dim, boolean head, boolean stopGradient,
                                EmbeddingSystem.Parameters p, RandomStreams streams) {
        this(labels, teacher, dim, head, stopGradient, p, Prevention.NONE, streams);
    }

    /**
     * With prevention terms: each acts on the sample embeddings and reaches W by the chain rule
     * ({@link StudentEmbeddingTerm}, cost {@code O(N d D)} per call), as does {@code headLoss: sample}.
     * With EMA or centred targets the head's term is {@link StudentTargetPredictorLoss} (encoder copy
     * {@code Wbar}, label copies, centre in the state, {@link StudentLayout}).
     * The structured implicit solve is attached only to the flow without them.
     */
    public TeacherStudentSystem(StudentLabels labels, Teacher teacher, int dim, boolean head, boolean stopGradient,
                                EmbeddingSystem.Parameters p, Prevention prevention, RandomStreams streams) {
        this(labels, teacher, new StudentLayout(teacher.inputDim(), labels.training().classes(), dim, head,
                prevention.decoder(), head && prevention.emaTargets(), head && prevention.centredTargets()),
                stopGradient, p, prevention, streams);
    }

    private TeacherStudentSystem(StudentLabels labels, Teacher teacher, StudentLayout layout, boolean stopGradient,
                                 EmbeddingSystem.Parameters p, Prevention prevention, RandomStreams streams) {
        super(layout, initial(layout, teacher, p, streams), layout.hasHead() && stopGradient);
        this.labels = labels;
        this.teacher = teacher;
        this.prevention = prevention;
        LabelStructure s = labels.training();
        this.stats = new InputStatistics(teacher, s);
        boolean head = layout.hasHead();
        boolean ema = layout.hasTargets();
        boolean centre = layout.hasCentre();
        this.embeddingLayout = new StateLayout(s.samples(), s.classes(), layout.dim(), head, ema, centre);
        this.rates = p.rates(s).withTargetRate(prevention.emaRate()).withCentreRate(prevention.centeringRate());
        this.parameters = p;
        this.embeddingLoss = head ? prevention.headTerm(embeddingLayout, s, stopGradient)
                : new AlignmentLoss(embeddingLayout, s);
        StudentEmbedding map = new StudentEmbedding(layout, embeddingLayout, teacher.inputs());
        LossTerm term = ema || centre ? new StudentTargetPredictorLoss(map, (TargetPredictorLoss) embeddingLoss)
                : head && prevention.headLoss() == HeadLoss.SAMPLE ? new StudentEmbeddingTerm(map, embeddingLoss)
                : head ? new StudentPredictorLoss(layout, stats, stopGradient) : new StudentAlignmentLoss(layout, stats);
        this.extraLosses = prevention.terms(embeddingLayout, s);
        List<LossTerm> terms = new java.util.ArrayList<>(List.of(term));
        for (LossTerm t : extraLosses) {
            terms.add(new StudentEmbeddingTerm(map, t));
        }
        this.reconstruction = prevention.decoder()
                ? new ReconstructionLoss(layout, teacher.inputs(), prevention.reconstructionWeight()) : null;
        if (reconstruction != null) {
            terms.add(reconstruction);
        }
        double keep = stopGradient() ? 0.0 : 1.0;
        this.flow = new GradientFlow(rateVector(), terms);
        if (prevention.isNone()) {
            flow.withShiftedSystem(() -> head ? new StudentHeadShiftedSystem(layout, stats, rates, keep)
                    : new StudentShiftedSystem(layout, stats, rates));
        }
        this.embedding = new double[embeddingLayout.dimension()];
    }

    private double[] rateVector() {
        StudentLayout layout = layout();
        double[] r = new double[layout.dimension()];
        Arrays.fill(r, layout.w(), layout.y(0), rates.sampleRate());
        for (int c = 0; c < layout.classes(); c++) {
            Arrays.fill(r, layout.y(c), layout.y(c) + layout.dim(), rates.labelRate(c));
        }
        Arrays.fill(r, layout.p(), layout.v(), rates.headRate());
        // the decoder V learns at the encoder's rate eta_W (it starts at 0)
        Arrays.fill(r, layout.v(), layout.wTarget(), rates.sampleRate());
        // the EMA copies Wbar, ybar relax at rho, the centre at rho_c (issue 16)
        Arrays.fill(r, layout.wTarget(), layout.centre(), rates.targetRate());
        Arrays.fill(r, layout.centre(), layout.dimension(), rates.centreRate());
        return r;
    }

    private static double[] initial(StudentLayout layout, Teacher teacher, EmbeddingSystem.Parameters p,
                                    RandomStreams streams) {
        double[] z = new double[layout.dimension()];
        int d = layout.dim();
        double norm = teacher.meanSquaredNorm();
        double sw = norm > 0 ? p.sx() / Math.sqrt(norm) : 0.0;
        InitialState.fill(z, layout.w(), d * layout.inputDim(), sw, streams.stream(RandomStreams.Purpose.STUDENT));
        InitialState.fill(z, layout.y(0), layout.classes() * d, p.sy(),
                streams.stream(RandomStreams.Purpose.LABEL_EMBEDDINGS));
        if (layout.hasHead()) {
            InitialState.fill(z, layout.p(), d * d, p.sp(), streams.stream(RandomStreams.Purpose.HEAD));
            for (int a = 0; a < d; a++) {
                z[layout.p() + a * d + a] += 1.0;
            }
        }
        if (layout.hasTargets()) {
            // the EMA target network starts on the live one; the centre c starts at 0 (as InitialState)
            System.arraycopy(z, layout.w(), z, layout.wTarget(), d * layout.inputDim());
            System.arraycopy(z, layout.y(0), z, layout.yTarget(0), layout.classes() * d);
        }
        return z;
    }

    /**
     * Without a head or prevention term: the exact solution on the input row space
     * ({@link StudentLinearFlow}), built once; null when there is no degree-scaled equivalent
     * ({@link EmbeddingSystem.Parameters#degreeGamma}).
     */
    @Override
    public LinearFlow linearFlow() {
        double gamma = parameters.degreeGamma(labels.training());
        if (layout().hasHead() || prevention.addsTerms() || Double.isNaN(gamma)) {
            return null;
        }
        if (linear == null) {
            linear = new StudentLinearFlow(stats, layout(), parameters.etaX(), gamma);
        }
        return linear;
    }

    public StudentLabels labels() {
        return labels;
    }

    public Teacher teacher() {
        return teacher;
    }

    public InputStatistics statistics() {
        return stats;
    }

    public BlockRates rates() {
        return rates;
    }

    /** Rates and initial scales; {@code etaX} is {@code eta_W}, {@code sx} the scale of {@code x_i = W xi_i}. */
    public EmbeddingSystem.Parameters parameters() {
        return parameters;
    }

    @Override
    public GradientFlow flow() {
        return flow;
    }

    /** The EOM state layout of {@link #embeddingState}. */
    public StateLayout embeddingLayout() {
        return embeddingLayout;
    }

    /** The per-sample (EOM) loss term on {@link #embeddingState}: the independent route to loss and drive. */
    public LossTerm embeddingLoss() {
        return embeddingLoss;
    }

    /**
     * The EOM state {@code (x_i = W xi_i, y, P)} (with EMA targets also {@code xbar_i = Wbar xi_i, ybar}, with
     * centring {@code c}) of student state z, in a buffer reused by the
     * next call. {@code X^T = W Xi^T} is one product by the {@link ProductKernel} (fma chains over the
     * input coordinates); asked again for the same encoder (loss, then metrics, at one recorded
     * time) it is not recomputed.
     */
    public double[] embeddingState(double[] z) {
        StudentLayout layout = layout();
        int d = layout.dim();
        int dd = layout.inputDim();
        int n = embeddingLayout.samples();
        if (inputsT == null) {
            double[] xi = teacher.inputs();
            inputsT = new double[dd * n];
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < dd; b++) {
                    inputsT[b * n + i] = xi[i * dd + b];
                }
            }
            xT = new double[d * n];
            lastW = new double[d * dd];
        }
        if (!cached || !java.util.Arrays.equals(z, layout.w(), layout.w() + d * dd, lastW, 0, d * dd)) {
            ProductKernel.selected().multiply(z, layout.w(), dd, inputsT, 0, n, xT, 0, n, d, dd, n, false);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    embedding[embeddingLayout.x(i) + a] = xT[a * n + i];
                }
            }
            System.arraycopy(z, layout.w(), lastW, 0, d * dd);
            cached = true;
        }
        System.arraycopy(z, layout.y(0), embedding, embeddingLayout.y(0), layout.classes() * d);
        if (layout.hasHead()) {
            System.arraycopy(z, layout.p(), embedding, embeddingLayout.p(), d * d);
        }
        if (layout.hasTargets()) {
            // xbar^T = Wbar Xi^T, recomputed each time (the copy moves with the encoder)
            ProductKernel.selected().multiply(z, layout.wTarget(), dd, inputsT, 0, n, xT, 0, n, d, dd, n, false);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    embedding[embeddingLayout.xTarget(i) + a] = xT[a * n + i];
                }
            }
            System.arraycopy(z, layout.yTarget(0), embedding, embeddingLayout.yTarget(0), layout.classes() * d);
        }
        if (layout.hasCentre()) {
            System.arraycopy(z, layout.centre(), embedding, embeddingLayout.centre(), d);
        }
        return embedding;
    }

    @Override
    public LabelStructure structure() {
        return labels.training();
    }

    @Override
    public LabelStructure accuracyStructure() {
        return labels.evaluation();
    }

    @Override
    public double loss(double[] z) {
        double[] e = embeddingState(z);
        double sum = embeddingLoss.value(e);
        for (LossTerm t : extraLosses) {
            sum += t.value(e);
        }
        return reconstruction == null ? sum : sum + reconstruction.value(z);
    }

    @Override
    public Embeddings embeddings(double[] z) {
        return embeddingLayout.embeddings(embeddingState(z));
    }
}
