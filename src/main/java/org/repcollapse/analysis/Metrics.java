package org.repcollapse.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.repcollapse.dynamics.SampleBlocks;
import org.repcollapse.dynamics.SampleKernel;
import org.repcollapse.dynamics.Workers;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.GroupStatistics;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;

/**
 * The quantities every run records (spec section 6), one row per recorded time. The first
 * eight columns are fixed by the interface; the rest follow in this order:
 * <ul>
 * <li>{@code accuracy}: nearest-label accuracy of the consistent samples (of all samples,
 *     counting a label in {@code S_i} as correct, when none is consistent), classifying
 *     {@code P x_i} when there is a head; NaN once two labels are closer than the integration
 *     resolves (see the four-argument constructor);</li>
 * <li>{@code effective_rank}: of the centred sample embeddings ({@link EmbeddingSpectrum});</li>
 * <li>{@code head_eig_min/max}: smallest and largest eigenvalue modulus of P (NaN without head);</li>
 * <li>{@code mismatch}: {@code 1/2 sum_i |S_i| |P x_i - mean_{c in S_i} y_c|^2}, the distance to
 *     the slow manifold (for the EOM it is the loss minus its minimum over the samples);</li>
 * <li>{@code alignment}: mean over edges of {@code |x^_i - y^_c|^2}, unit-normalised (Wang and Isola),
 *     over the edges of all samples up to {@value #ALIGNMENT_SAMPLES} samples, beyond that of the
 *     samples taken at an even stride (at most {@value #ALIGNMENT_SAMPLES});</li>
 * <li>{@code uniformity}: {@code log mean_{i<j} exp(-2 |x^_i - x^_j|^2)} over at most 256 samples
 *     taken at an even stride;</li>
 * <li>{@code dim_variance_min/mean}: per-dimension variance of the samples (VICReg style);</li>
 * <li>{@code cov_eig_1..d}: the covariance spectrum, descending.</li>
 * </ul>
 *
 * <p>Two routes give one row. From the samples ({@link #evaluate(double, double, Embeddings)}): one
 * blocked pass on the {@link Workers} with the {@link SampleKernel} ({@code P x_i}, the scores
 * {@code p_i . y_c}, the centred moment), partial sums reduced in block order, so the row does not
 * depend on the thread count. From group statistics ({@link #evaluate(double, double, GroupStatistics,
 * GroupedSamples, GroupAccuracy)}, the reduced solver): every column the statistics determine comes from
 * {@link GroupMetrics} in time independent of N; accuracy from the exact per-group test of
 * {@link GroupAccuracy}; alignment and uniformity from their subsamples, reconstructed.
 */
public final class Metrics {

    public static final int T = 0;
    public static final int LOSS = 1;
    public static final int ACCURACY = 2;
    public static final int MIN_LABEL_DISTANCE = 3;
    public static final int MEAN_LABEL_DISTANCE = 4;
    public static final int EFFECTIVE_RANK = 5;
    public static final int HEAD_EIG_MIN = 6;
    public static final int HEAD_EIG_MAX = 7;
    public static final int MISMATCH = 8;
    public static final int ALIGNMENT = 9;
    public static final int UNIFORMITY = 10;
    public static final int DIM_VARIANCE_MIN = 11;
    public static final int DIM_VARIANCE_MEAN = 12;
    public static final int COV_EIG_1 = 13;

    static final int UNIFORMITY_SAMPLES = 256;
    /** Largest number of samples whose edges the alignment averages over (an even-stride subsample beyond). */
    public static final int ALIGNMENT_SAMPLES = 16384;
    /** Label distances below this multiple of the integration tolerance are not resolved. */
    public static final double RESOLUTION = 1000;

    private final LabelStructure structure;
    private final LabelStructure accuracyStructure;
    private final int dim;
    private final double rtol;
    private final double atol;
    private final SampleKernel kernel = SampleKernel.selected();
    private Workers workers = Workers.defaults();
    private final int[] alignmentSamples;
    private final int[] uniformitySamples;
    // scratch of the sample route, allocated at the first row
    private double[] pred;
    private double[][] scores;
    private double[][] centred;
    private double[][] moments;
    private double[][] sums;
    private double[] mismatchPart;
    private int[] correctPart;
    private double[] ones;

    /** Metrics with no integration tolerance: labels always count as resolved. */
    public Metrics(LabelStructure structure, int dim) {
        this(structure, dim, 0.0, 0.0);
    }

    /**
     * @param rtol relative and {@code atol} absolute tolerance of the integration: labels closer
     *             than {@code 1000 (atol + rtol max|y_c|)} are not resolved by it (the global error
     *             of an adaptive integration accumulates over its hundreds of steps to a few hundred
     *             times the per-step tolerance), and the accuracy
     *             there is NaN (in exact arithmetic it would keep its value)
     */
    public Metrics(LabelStructure structure, int dim, double rtol, double atol) {
        this(structure, structure, dim, rtol, atol);
    }

    /**
     * @param accuracyStructure the label sets the accuracy scores against (same samples and classes
     *                          as {@code structure}, which defines the edges of the other metrics)
     */
    public Metrics(LabelStructure structure, LabelStructure accuracyStructure, int dim, double rtol, double atol) {
        if (accuracyStructure.samples() != structure.samples() || accuracyStructure.classes() != structure.classes()) {
            throw new IllegalArgumentException("accuracy structure does not match the training structure");
        }
        this.structure = structure;
        this.accuracyStructure = accuracyStructure;
        this.dim = dim;
        this.rtol = rtol;
        this.atol = atol;
        this.alignmentSamples = subsample(structure.samples(), ALIGNMENT_SAMPLES);
        this.uniformitySamples = subsample(structure.samples(), UNIFORMITY_SAMPLES);
    }

    /** Runs the blocked passes on these workers (default: {@link Workers#defaults()}). */
    public Metrics useWorkers(Workers w) {
        this.workers = w;
        return this;
    }

    /** Samples {@code 0, s, 2s, ...} with {@code s = ceil(n / max)}: all of them when n <= max. */
    static int[] subsample(int n, int max) {
        int stride = Math.max(1, (n + max - 1) / max);
        int[] idx = new int[(n + stride - 1) / stride];
        for (int r = 0; r < idx.length; r++) {
            idx[r] = r * stride;
        }
        return idx;
    }

    /** The samples the alignment averages over (all of them up to {@link #ALIGNMENT_SAMPLES}). */
    public int[] alignmentSamples() {
        return alignmentSamples.clone();
    }

    /** The samples the uniformity averages over (at most 256, at an even stride). */
    public int[] uniformitySamples() {
        return uniformitySamples.clone();
    }

    private double resolution(double[] y) {
        double max = 0;
        for (int c = 0; c < structure.classes(); c++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += y[c * dim + k] * y[c * dim + k];
            }
            max = Math.max(max, Math.sqrt(s));
        }
        return RESOLUTION * (atol + rtol * max);
    }

    public static List<String> columns(int dim) {
        List<String> c = new ArrayList<>(List.of("t", "loss", "accuracy", "min_label_distance",
                "mean_label_distance", "effective_rank", "head_eig_min", "head_eig_max", "mismatch",
                "alignment", "uniformity", "dim_variance_min", "dim_variance_mean"));
        for (int k = 1; k <= dim; k++) {
            c.add("cov_eig_" + k);
        }
        return c;
    }

    public List<String> columns() {
        return columns(dim);
    }

    /** One row from the samples: the values of {@link #columns()} at time t. */
    public double[] evaluate(double t, double loss, Embeddings e) {
        int n = e.samples();
        int d = dim;
        double[] y = e.labels();
        LabelGeometry geometry = new LabelGeometry(y, e.classes(), d);
        boolean resolved = geometry.min() > resolution(y);
        SamplePass pass = new SamplePass(e, y, resolved);
        pass.run();
        double[] row = new double[COV_EIG_1 + d];
        row[T] = t;
        row[LOSS] = loss;
        row[ACCURACY] = resolved ? pass.accuracy() : Double.NaN;
        row[MIN_LABEL_DISTANCE] = geometry.min();
        row[MEAN_LABEL_DISTANCE] = geometry.mean();
        headColumns(row, e.hasHead() ? e.p() : null, e.hasHead() ? e.pOff() : 0, d);
        row[MISMATCH] = pass.mismatch();
        double[] alignRows = alignmentSamples.length == n ? pred : gather(pred, alignmentSamples);
        row[ALIGNMENT] = alignment(alignRows, alignmentSamples, y);
        row[UNIFORMITY] = uniformity(gather(pred, uniformitySamples));
        spectrumColumns(row, new EmbeddingSpectrum(pass.covariance()));
        return row;
    }

    /**
     * One row from group statistics and the samples' group structure (the reduced solver): loss,
     * label distances, head spectrum, mismatch, covariance spectrum and variances from the statistics
     * ({@link GroupMetrics}, N-independent); accuracy from the exact per-group test
     * ({@link GroupAccuracy}); alignment and uniformity over their subsamples, reconstructed.
     */
    public double[] evaluate(double t, double loss, GroupStatistics s, GroupedSamples samples,
                             GroupAccuracy accuracy) {
        double[] row = new GroupMetrics(dim).evaluate(t, loss, s);
        double[] y = s.labels();
        boolean resolved = row[MIN_LABEL_DISTANCE] > resolution(y);
        row[ACCURACY] = resolved ? accuracy.accuracy(this, y, samples) : Double.NaN;
        row[ALIGNMENT] = alignment(samples.predictions(alignmentSamples), alignmentSamples, y);
        row[UNIFORMITY] = uniformity(samples.predictions(uniformitySamples));
        return row;
    }

    /** {@code head_eig_min/max} from P at {@code p[off..]} (NaN without head). */
    static void headColumns(double[] row, double[] p, int off, int d) {
        if (p != null) {
            double[] m = new HeadSpectrum(p, off, d).moduli();
            row[HEAD_EIG_MIN] = m[0];
            row[HEAD_EIG_MAX] = m[m.length - 1];
        } else {
            row[HEAD_EIG_MIN] = Double.NaN;
            row[HEAD_EIG_MAX] = Double.NaN;
        }
    }

    /** Variances, effective rank and the covariance spectrum. */
    static void spectrumColumns(double[] row, EmbeddingSpectrum spectrum) {
        int d = row.length - COV_EIG_1;
        row[EFFECTIVE_RANK] = spectrum.effectiveRank();
        double[] var = spectrum.variances();
        double vmin = Double.POSITIVE_INFINITY;
        double vsum = 0;
        for (double v : var) {
            vmin = Math.min(vmin, v);
            vsum += v;
        }
        row[DIM_VARIANCE_MIN] = vmin;
        row[DIM_VARIANCE_MEAN] = vsum / d;
        System.arraycopy(spectrum.eigenvalues(), 0, row, COV_EIG_1, d);
    }

    private double[] gather(double[] all, int[] samples) {
        double[] out = new double[samples.length * dim];
        for (int r = 0; r < samples.length; r++) {
            System.arraycopy(all, samples[r] * dim, out, r * dim, dim);
        }
        return out;
    }

    /** {@code |y_c|^2} for the nearest-label rule. */
    double[] squaredNorms(double[] y) {
        int k = structure.classes();
        double[] q = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s = Math.fma(y[c * dim + j], y[c * dim + j], s);
            }
            q[c] = s;
        }
        return q;
    }

    /**
     * Columns of a row of scores: K rounded up to a multiple of 8, so that the kernel computes every
     * score in full vectors (the padding columns are 0; every column has the same bits either way).
     */
    int scoreWidth() {
        return (structure.classes() + 7) / 8 * 8;
    }

    /** {@code Y^T} (d x {@link #scoreWidth()}, zero-padded), the right factor of the scores {@code p_i . y_c}. */
    double[] transposed(double[] y) {
        int k = structure.classes();
        int w = scoreWidth();
        double[] yT = new double[dim * w];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < dim; j++) {
                yT[j * w + c] = y[c * dim + j];
            }
        }
        return yT;
    }

    /**
     * The nearest label to a prediction p by {@code argmin_c |p - y_c|^2 = argmin_c (|y_c|^2 - 2 p . y_c)}
     * from its scores {@code score[off + c] = p . y_c} (the first on a tie).
     */
    static int nearest(double[] score, int off, double[] yNorm2) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < yNorm2.length; c++) {
            double s = yNorm2[c] - 2 * score[off + c];
            if (s < bestD) {
                bestD = s;
                best = c;
            }
        }
        return best;
    }

    /** The scores {@code p_i . y_c} of rows {@code p} (rows x d), rows of {@link #scoreWidth()} in out, by the kernel. */
    void scores(double[] p, int p0, int rows, double[] yT, double[] out) {
        kernel.multiply(p, p0, rows, dim, yT, 0, scoreWidth(), out, 0);
    }

    /** Whether sample i counts in the accuracy, and whether class c is correct for it. */
    boolean counted(int i) {
        return accuracyStructure.frustrated() == accuracyStructure.samples() || !accuracyStructure.isFrustrated(i);
    }

    boolean correct(int i, int c) {
        for (int e = accuracyStructure.labelStart(i); e < accuracyStructure.labelStart(i + 1); e++) {
            if (accuracyStructure.edgeClass(e) == c) {
                return true;
            }
        }
        return false;
    }

    /** Number of samples the accuracy counts. */
    int countedSamples() {
        int n = accuracyStructure.samples();
        return accuracyStructure.frustrated() < n ? n - accuracyStructure.frustrated() : n;
    }

    LabelStructure accuracyStructure() {
        return accuracyStructure;
    }

    int dim() {
        return dim;
    }

    SampleKernel kernel() {
        return kernel;
    }

    /**
     * Mean over the edges of the given samples of {@code |p^_i - y^_c|^2} (row r of {@code pred} is
     * the prediction of sample {@code samples[r]}), in blocks of rows reduced in block order.
     */
    double alignment(double[] pred, int[] samples, double[] y) {
        int d = dim;
        int k = structure.classes();
        double[] yHat = new double[k * d];
        for (int c = 0; c < k; c++) {
            double nc = SmallMatrices.norm(y, c * d, d);
            for (int j = 0; j < d; j++) {
                yHat[c * d + j] = y[c * d + j] / nc;
            }
        }
        SampleBlocks blocks = new SampleBlocks(samples.length);
        double[] part = new double[blocks.count()];
        long[] edges = new long[blocks.count()];
        workers.run(blocks.count(), b -> {
            double sum = 0;
            long m = 0;
            double[] hat = new double[d];
            for (int r = blocks.from(b); r < blocks.to(b); r++) {
                int i = samples[r];
                double ni = SmallMatrices.norm(pred, r * d, d);
                for (int j = 0; j < d; j++) {
                    hat[j] = pred[r * d + j] / ni;
                }
                for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                    int c = structure.edgeClass(e);
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double q = hat[j] - yHat[c * d + j];
                        s += q * q;
                    }
                    sum += s;
                    m++;
                }
            }
            part[b] = sum;
            edges[b] = m;
        });
        double sum = 0;
        long m = 0;
        for (int b = 0; b < part.length; b++) {
            sum += part[b];
            m += edges[b];
        }
        return sum / m;
    }

    /** {@code log mean_{r<q} exp(-2 |p^_r - p^_q|^2)} over the rows of {@code pred} (the uniformity subsample). */
    double uniformity(double[] pred) {
        int d = dim;
        int m = pred.length / d;
        if (m < 2) {
            return Double.NaN;
        }
        double[] hat = new double[m * d];
        for (int r = 0; r < m; r++) {
            double nr = SmallMatrices.norm(pred, r * d, d);
            for (int j = 0; j < d; j++) {
                hat[r * d + j] = pred[r * d + j] / nr;
            }
        }
        double[] part = new double[m];
        workers.run(m, a -> {
            double sum = 0;
            for (int b = a + 1; b < m; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double q = hat[a * d + j] - hat[b * d + j];
                    s += q * q;
                }
                sum += Math.exp(-2 * s);
            }
            part[a] = sum;
        });
        double sum = 0;
        for (double v : part) {
            sum += v;
        }
        return Math.log(sum / ((double) m * (m - 1) / 2));
    }

    /**
     * One blocked pass over the samples: predictions {@code p_i = P x_i} (the kernel's {@code X P^T}),
     * nearest-label counts from the scores {@code p_i . y_c}, the mismatch
     * {@code 1/2 sum_i |S_i| |p_i - mean_{c in S_i} y_c|^2} and the sample sums; then the centred
     * moment {@code sum_i (x_i - mu)(x_i - mu)^T} by the kernel. Partial sums are reduced in block order.
     */
    private final class SamplePass {

        private final Embeddings e;
        private final double[] y;
        private final boolean resolved;
        private final SampleBlocks blocks;
        private final double[] pT;
        private final double[] yT;
        private final double[] yNorm2;
        private final double[] mu;
        private final double[] groupMean;

        SamplePass(Embeddings e, double[] y, boolean resolved) {
            this.e = e;
            this.y = y;
            this.resolved = resolved;
            int n = e.samples();
            int d = dim;
            this.blocks = new SampleBlocks(n);
            int nb = blocks.count();
            if (pred == null || scores.length != nb) {
                pred = new double[n * d];
                scores = new double[nb][SampleBlocks.SIZE * scoreWidth()];
                centred = new double[nb][SampleBlocks.SIZE * d];
                moments = new double[nb][d * d];
                sums = new double[nb][d];
                mismatchPart = new double[nb];
                correctPart = new int[nb];
                ones = new double[SampleBlocks.SIZE];
                Arrays.fill(ones, 1.0);
            }
            if (e.hasHead()) {
                pT = new double[d * d];
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        pT[b * d + a] = e.p(a, b);
                    }
                }
            } else {
                pT = null;
            }
            this.yT = transposed(y);
            this.yNorm2 = squaredNorms(y);
            this.mu = new double[d];
            // mean_{c in S} y_c per group, added in the group's (= each member's) edge order
            List<int[]> groups = structure.groups();
            this.groupMean = new double[groups.size() * d];
            for (int g = 0; g < groups.size(); g++) {
                int[] labels = groups.get(g);
                for (int c : labels) {
                    for (int j = 0; j < d; j++) {
                        groupMean[g * d + j] += y[c * d + j] / labels.length;
                    }
                }
            }
        }

        void run() {
            workers.run(blocks.count(), this::first);
            int n = e.samples();
            for (int b = 0; b < blocks.count(); b++) {
                for (int j = 0; j < dim; j++) {
                    mu[j] += sums[b][j];
                }
            }
            for (int j = 0; j < dim; j++) {
                mu[j] /= n;
            }
            workers.run(blocks.count(), this::second);
        }

        private void first(int b) {
            int d = dim;
            int from = blocks.from(b);
            int to = blocks.to(b);
            int rows = to - from;
            double[] x = e.x();
            int x0 = e.xOff() + from * d;
            if (pT != null) {
                kernel.multiply(x, x0, rows, d, pT, 0, d, pred, from * d);
            } else {
                System.arraycopy(x, x0, pred, from * d, rows * d);
            }
            double[] sum = sums[b];
            Arrays.fill(sum, 0.0);
            for (int i = from; i < to; i++) {
                for (int j = 0; j < d; j++) {
                    sum[j] += x[e.xOff() + i * d + j];
                }
            }
            double mis = 0;
            for (int i = from; i < to; i++) {
                int m = structure.labelCount(i);
                int g = structure.groupOf(i) * d;
                for (int j = 0; j < d; j++) {
                    double r = pred[i * d + j] - groupMean[g + j];
                    mis += m * r * r;
                }
            }
            mismatchPart[b] = mis;
            int correct = 0;
            if (resolved) {
                int w = scoreWidth();
                double[] sc = scores[b];
                scores(pred, from * d, rows, yT, sc);
                for (int i = from; i < to; i++) {
                    if (counted(i) && correct(i, nearest(sc, (i - from) * w, yNorm2))) {
                        correct++;
                    }
                }
            }
            correctPart[b] = correct;
        }

        private void second(int b) {
            int d = dim;
            int from = blocks.from(b);
            int to = blocks.to(b);
            double[] x = e.x();
            double[] c = centred[b];
            for (int i = from; i < to; i++) {
                int src = e.xOff() + i * d;
                int dst = (i - from) * d;
                for (int j = 0; j < d; j++) {
                    c[dst + j] = x[src + j] - mu[j];
                }
            }
            kernel.weightedMoment(c, d, ones, 0, to - from, moments[b]);
        }

        double accuracy() {
            int correct = 0;
            for (int v : correctPart) {
                correct += v;
            }
            return correct / (double) countedSamples();
        }

        double mismatch() {
            double sum = 0;
            for (int b = 0; b < blocks.count(); b++) {
                sum += mismatchPart[b];
            }
            return 0.5 * sum;
        }

        /** {@code C = X_c^T X_c / N}, symmetric. */
        double[][] covariance() {
            int d = dim;
            double[][] c = new double[d][d];
            for (int b = 0; b < blocks.count(); b++) {
                double[] m = moments[b];
                for (int a = 0; a < d; a++) {
                    for (int q = 0; q < d; q++) {
                        c[a][q] += m[a * d + q];
                    }
                }
            }
            int n = e.samples();
            for (int a = 0; a < d; a++) {
                for (int q = 0; q < d; q++) {
                    c[a][q] /= n;
                }
            }
            return c;
        }
    }
}
