package org.repcollapse.dynamics;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.GroupStatistics;
import org.repcollapse.model.InitialState;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;

/**
 * The embedding-only or head model (spec sections 2-3) integrated on the group reduction of
 * spec section 4 ({@link ReducedFlow}); the cost of a right-hand side does not depend on N.
 *
 * <p>Two initial conditions:
 * <ul>
 * <li>{@link #reduced}: the seeded N samples of the full model (same seed, same numbers), reduced
 *     to {@code m_S(0)} and {@code C_S(0)}. Because every deviation {@code x_i - m_S} of a group
 *     obeys the same linear flow, {@code x_i(t) = m_S(t) + Phi_|S|(t) (x_i(0) - m_S(0))} exactly,
 *     so {@link #embeddings} reconstructs every sample and every metric keeps its meaning.</li>
 * <li>{@link #meanField}: the large-N limit, no samples: {@code m_S(0) ~ N(0, s_x^2 / n_S)} and
 *     {@code C_S(0) = n_S s_x^2 I}; labels and head are drawn as in the full model. Only the
 *     group statistics exist ({@link #hasSampleEmbeddings()} is false).</li>
 * </ul>
 */
public final class ReducedSystem extends AbstractFlowSystem<ReducedLayout, ReducedFlow> {

    private final LabelStructure structure;
    private final ReducedFlow flow;
    private final double[] scatter0;
    /** The fixed deviations {@code delta_i = x_i(0) - m_S(0)}, N x d (null in the mean-field limit). */
    private final double[] delta;
    private final String solver;
    private final EmbeddingSystem.Parameters parameters;
    private LinearFlow linear;
    private final SampleKernel kernel = SampleKernel.selected();
    private org.repcollapse.analysis.GroupAccuracy accuracy;

    private ReducedSystem(LabelStructure structure, ReducedLayout layout, boolean stopGradient,
                          EmbeddingSystem.Parameters p, double[] z0, double[] scatter0, double[] x0, String solver) {
        super(layout, z0, layout.hasHead() && stopGradient);
        this.structure = structure;
        this.scatter0 = scatter0;
        this.solver = solver;
        this.parameters = p;
        if (x0 != null) {
            int d = layout.dim();
            delta = new double[x0.length];
            for (int i = 0; i < structure.samples(); i++) {
                int m = layout.m(structure.groupOf(i));
                for (int k = 0; k < d; k++) {
                    delta[i * d + k] = x0[i * d + k] - z0[m + k];
                }
            }
        } else {
            delta = null;
        }
        int d = layout.dim();
        double[][] sums = new double[layout.levels()][d * d];
        for (int g = 0; g < layout.groups(); g++) {
            double[] s = sums[layout.levelOf(g)];
            for (int k = 0; k < d * d; k++) {
                s[k] += scatter0[g * d * d + k];
            }
        }
        this.flow = new ReducedFlow(layout, structure, stopGradient, p.etaX(), p.gamma(), p.etaP(), sums);
    }

    /** The reduction of the seeded N-sample initial state of {@link EmbeddingSystem} (same seed, same state). */
    public static ReducedSystem reduced(LabelStructure structure, int dim, boolean head, boolean stopGradient,
                                        EmbeddingSystem.Parameters p, RandomStreams streams) {
        StateLayout full = new StateLayout(structure.samples(), structure.classes(), dim, head);
        double[] zf = InitialState.sample(full, p.sx(), p.sy(), p.sp(), streams);
        Embeddings e = full.embeddings(zf);
        GroupStatistics s = GroupStatistics.of(structure, e);
        ReducedLayout layout = new ReducedLayout(structure, dim, head);
        double[] x0 = java.util.Arrays.copyOfRange(zf, full.x(0), full.y(0));
        return new ReducedSystem(structure, layout, stopGradient, p, initial(layout, s.means(), s.labels(), s.head()),
                s.scatter(), x0, "reduced");
    }

    /** The large-N mean-field initial statistics (spec section 4); labels and head as in the full model. */
    public static ReducedSystem meanField(LabelStructure structure, int dim, boolean head, boolean stopGradient,
                                          EmbeddingSystem.Parameters p, RandomStreams streams) {
        ReducedLayout layout = new ReducedLayout(structure, dim, head);
        StateLayout none = new StateLayout(0, structure.classes(), dim, head);
        double[] zl = InitialState.sample(none, p.sx(), p.sy(), p.sp(), streams);
        int groups = layout.groups();
        double[] means = new double[groups * dim];
        double[] scatter = new double[groups * dim * dim];
        UniformRandomProvider rng = streams.stream(RandomStreams.Purpose.SAMPLES);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int g = 0; g < groups; g++) {
            double n = structure.groupSize(g);
            double sd = p.sx() / Math.sqrt(n);
            for (int k = 0; k < dim; k++) {
                means[g * dim + k] = sd * gauss.sample();
                scatter[g * dim * dim + k * dim + k] = n * p.sx() * p.sx();
            }
        }
        double[] y = java.util.Arrays.copyOfRange(zl, none.y(0), none.y(0) + structure.classes() * dim);
        double[] pp = head ? java.util.Arrays.copyOfRange(zl, none.p(), none.dimension()) : null;
        return new ReducedSystem(structure, layout, stopGradient, p, initial(layout, means, y, pp), scatter, null,
                "mean-field");
    }

    private static double[] initial(ReducedLayout layout, double[] means, double[] y, double[] p) {
        double[] z = new double[layout.dimension()];
        int d = layout.dim();
        System.arraycopy(means, 0, z, layout.m(0), means.length);
        System.arraycopy(y, 0, z, layout.y(0), y.length);
        if (layout.hasHead()) {
            System.arraycopy(p, 0, z, layout.p(), d * d);
        }
        for (int l = 0; l < layout.levels(); l++) {
            for (int k = 0; k < d; k++) {
                z[layout.phi(l) + k * d + k] = 1.0;
            }
        }
        return z;
    }

    /** Without a head: the exact solution of the reduced state ({@link ReducedLinearFlow}), built once. */
    @Override
    public LinearFlow linearFlow() {
        if (layout().hasHead()) {
            return null;
        }
        if (linear == null) {
            linear = new ReducedLinearFlow(structure, layout(), parameters.etaX(), parameters.gamma());
        }
        return linear;
    }

    @Override
    public ReducedFlow flow() {
        return flow;
    }

    @Override
    public LabelStructure structure() {
        return structure;
    }

    @Override
    public boolean hasSampleEmbeddings() {
        return delta != null;
    }

    /**
     * With samples, {@code x_i(t) = m_S(t) + Phi_|S|(t) (x_i(0) - m_S(0))} for all i (O(N d^2));
     * in the mean-field limit a view of labels and head only ({@code samples() == 0}).
     */
    @Override
    public Embeddings embeddings(double[] z) {
        ReducedLayout layout = layout();
        int d = layout.dim();
        int n = delta == null ? 0 : structure.samples();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int g = structure.groupOf(i);
            int m = layout.m(g);
            SmallMatrices.apply(z, layout.phi(layout.levelOf(g)), delta, i * d, x, i * d, d);
            for (int k = 0; k < d; k++) {
                x[i * d + k] += z[m + k];
            }
        }
        return new Embeddings(n, layout.classes(), d, x, 0, z, layout.y(0),
                layout.hasHead() ? z : null, layout.hasHead() ? layout.p() : 0);
    }

    /** Labels and head at z, without samples ({@code samples() == 0}): all the head-mode records need. */
    @Override
    public Embeddings labelsAndHead(double[] z) {
        ReducedLayout layout = layout();
        return new Embeddings(0, layout.classes(), layout.dim(), new double[0], 0, z, layout.y(0),
                layout.hasHead() ? z : null, layout.hasHead() ? layout.p() : 0);
    }

    /**
     * Means, scatters {@code C_S(t) = Phi_|S| C_S(0) Phi_|S|^T} (two products by the kernel), labels
     * and head at z.
     */
    @Override
    public GroupStatistics groupStatistics(double[] z) {
        ReducedLayout layout = layout();
        int d = layout.dim();
        int groups = layout.groups();
        double[] means = java.util.Arrays.copyOfRange(z, layout.m(0), layout.m(0) + groups * d);
        double[] scatter = new double[groups * d * d];
        double[] t = new double[d * d];
        double[][] phiT = new double[layout.levels()][];
        for (int l = 0; l < layout.levels(); l++) {
            phiT[l] = SmallMatrices.transpose(z, layout.phi(l), d);
        }
        for (int g = 0; g < groups; g++) {
            int l = layout.levelOf(g);
            kernel.multiply(z, layout.phi(l), d, d, scatter0, g * d * d, d, t, 0);
            kernel.multiply(t, 0, d, d, phiT[l], 0, d, scatter, g * d * d);
        }
        double[] y = java.util.Arrays.copyOfRange(z, layout.y(0), layout.y(0) + layout.classes() * d);
        double[] p = layout.hasHead() ? java.util.Arrays.copyOfRange(z, layout.p(), layout.p() + d * d) : null;
        return new GroupStatistics(structure, d, means, scatter, y, p);
    }

    /** The exact per-group accuracy test on this system's deviations (built at the first call). */
    @Override
    public org.repcollapse.analysis.GroupAccuracy groupAccuracy() {
        if (accuracy == null) {
            accuracy = new org.repcollapse.analysis.GroupAccuracy(structure, layout().dim(), delta);
        }
        return accuracy;
    }

    /** {@link #samples} when the samples exist (not in the mean-field limit). */
    @Override
    public org.repcollapse.analysis.GroupedSamples groupedSamples(double[] z) {
        return delta == null ? null : samples(z);
    }

    /**
     * The samples at z as groups: {@code a_S = P m_S}, {@code M_S = P Phi_|S|} (P = I without head),
     * and the predictions {@code a_S + M_S delta_i} of any samples, by the kernel, level by level.
     */
    public org.repcollapse.analysis.GroupedSamples samples(double[] z) {
        ReducedLayout layout = layout();
        int d = layout.dim();
        int groups = layout.groups();
        double[] a = new double[groups * d];
        double[][] maps = new double[layout.levels()][];
        if (layout.hasHead()) {
            double[] pT = SmallMatrices.transpose(z, layout.p(), d);
            kernel.multiply(z, layout.m(0), groups, d, pT, 0, d, a, 0);
            for (int l = 0; l < layout.levels(); l++) {
                maps[l] = new double[d * d];
                kernel.multiply(z, layout.p(), d, d, z, layout.phi(l), d, maps[l], 0);
            }
        } else {
            System.arraycopy(z, layout.m(0), a, 0, groups * d);
            for (int l = 0; l < layout.levels(); l++) {
                maps[l] = java.util.Arrays.copyOfRange(z, layout.phi(l), layout.phi(l) + d * d);
            }
        }
        return new org.repcollapse.analysis.GroupedSamples() {
            @Override
            public double[] predictions(int[] samples) {
                double[] out = new double[samples.length * d];
                double[] rows = new double[samples.length * d];
                double[] prod = new double[samples.length * d];
                int[] pick = new int[samples.length];
                for (int l = 0; l < maps.length; l++) {
                    int count = 0;
                    for (int r = 0; r < samples.length; r++) {
                        if (layout.levelOf(structure.groupOf(samples[r])) == l) {
                            System.arraycopy(delta, samples[r] * d, rows, count * d, d);
                            pick[count++] = r;
                        }
                    }
                    if (count == 0) {
                        continue;
                    }
                    // rows (M delta_i)^T = delta_i^T M^T
                    kernel.multiply(rows, 0, count, d, SmallMatrices.transpose(maps[l], 0, d), 0, d, prod, 0);
                    for (int q = 0; q < count; q++) {
                        int r = pick[q];
                        int g = structure.groupOf(samples[r]);
                        for (int j = 0; j < d; j++) {
                            out[r * d + j] = a[g * d + j] + prod[q * d + j];
                        }
                    }
                }
                return out;
            }

            @Override
            public double[] groupPredictions() {
                return a;
            }

            @Override
            public double[] deviationMap(int g) {
                return maps[layout.levelOf(g)];
            }
        };
    }

    @Override
    public String solver() {
        return solver;
    }
}
