package org.repcollapse.analysis;

import org.repcollapse.model.Embeddings;
import java.util.ArrayList;
import java.util.List;

import org.repcollapse.model.LabelStructure;

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
 * <li>{@code alignment}: mean over edges of {@code |x^_i - y^_c|^2}, unit-normalised (Wang and Isola);</li>
 * <li>{@code uniformity}: {@code log mean_{i<j} exp(-2 |x^_i - x^_j|^2)} over at most 256 samples
 *     taken at an even stride;</li>
 * <li>{@code dim_variance_min/mean}: per-dimension variance of the samples (VICReg style);</li>
 * <li>{@code cov_eig_1..d}: the covariance spectrum, descending.</li>
 * </ul>
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

    private static final int UNIFORMITY_SAMPLES = 256;
    /** Label distances below this multiple of the integration tolerance are not resolved. */
    public static final double RESOLUTION = 1000;

    private final LabelStructure structure;
    private final LabelStructure accuracyStructure;
    private final int dim;
    private final double rtol;
    private final double atol;

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

    /** One row: the values of {@link #columns()} at time t. */
    public double[] evaluate(double t, double loss, Embeddings e) {
        double[] row = new double[COV_EIG_1 + dim];
        row[T] = t;
        row[LOSS] = loss;
        double[] pred = e.predictions();
        double[] y = e.labels();
        LabelGeometry geometry = new LabelGeometry(y, e.classes(), dim);
        row[ACCURACY] = geometry.min() > resolution(y) ? accuracy(pred, y) : Double.NaN;
        row[MIN_LABEL_DISTANCE] = geometry.min();
        row[MEAN_LABEL_DISTANCE] = geometry.mean();
        EmbeddingSpectrum spectrum = new EmbeddingSpectrum(e);
        row[EFFECTIVE_RANK] = spectrum.effectiveRank();
        if (e.hasHead()) {
            double[] m = new HeadSpectrum(e).moduli();
            row[HEAD_EIG_MIN] = m[0];
            row[HEAD_EIG_MAX] = m[m.length - 1];
        } else {
            row[HEAD_EIG_MIN] = Double.NaN;
            row[HEAD_EIG_MAX] = Double.NaN;
        }
        row[MISMATCH] = mismatch(pred, y);
        row[ALIGNMENT] = alignment(pred, y);
        row[UNIFORMITY] = uniformity(pred);
        double[] var = spectrum.variances();
        double vmin = Double.POSITIVE_INFINITY;
        double vsum = 0;
        for (double v : var) {
            vmin = Math.min(vmin, v);
            vsum += v;
        }
        row[DIM_VARIANCE_MIN] = vmin;
        row[DIM_VARIANCE_MEAN] = vsum / dim;
        System.arraycopy(spectrum.eigenvalues(), 0, row, COV_EIG_1, dim);
        return row;
    }

    private int nearest(double[] pred, int i, double[] y) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < structure.classes(); c++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                double r = pred[i * dim + k] - y[c * dim + k];
                s += r * r;
            }
            if (s < bestD) {
                bestD = s;
                best = c;
            }
        }
        return best;
    }

    private double accuracy(double[] pred, double[] y) {
        int n = accuracyStructure.samples();
        boolean anyConsistent = accuracyStructure.frustrated() < n;
        int total = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (anyConsistent && accuracyStructure.isFrustrated(i)) {
                continue;
            }
            total++;
            int c = nearest(pred, i, y);
            for (int e = accuracyStructure.labelStart(i); e < accuracyStructure.labelStart(i + 1); e++) {
                if (accuracyStructure.edgeClass(e) == c) {
                    correct++;
                    break;
                }
            }
        }
        return correct / (double) total;
    }

    private double mismatch(double[] pred, double[] y) {
        double sum = 0;
        double[] mean = new double[dim];
        for (int i = 0; i < structure.samples(); i++) {
            int m = structure.labelCount(i);
            java.util.Arrays.fill(mean, 0.0);
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                int c = structure.edgeClass(e);
                for (int k = 0; k < dim; k++) {
                    mean[k] += y[c * dim + k] / m;
                }
            }
            for (int k = 0; k < dim; k++) {
                double r = pred[i * dim + k] - mean[k];
                sum += m * r * r;
            }
        }
        return 0.5 * sum;
    }

    private static double norm(double[] v, int off, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += v[off + k] * v[off + k];
        }
        return Math.sqrt(s);
    }

    private double alignment(double[] pred, double[] y) {
        double sum = 0;
        for (int i = 0; i < structure.samples(); i++) {
            double ni = norm(pred, i * dim, dim);
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                int c = structure.edgeClass(e);
                double nc = norm(y, c * dim, dim);
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double r = pred[i * dim + k] / ni - y[c * dim + k] / nc;
                    s += r * r;
                }
                sum += s;
            }
        }
        return sum / structure.edgeCount();
    }

    private double uniformity(double[] pred) {
        int n = structure.samples();
        int stride = Math.max(1, (n + UNIFORMITY_SAMPLES - 1) / UNIFORMITY_SAMPLES);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i += stride) {
            idx.add(i);
        }
        double sum = 0;
        long pairs = 0;
        for (int a = 0; a < idx.size(); a++) {
            int i = idx.get(a);
            double ni = norm(pred, i * dim, dim);
            for (int b = a + 1; b < idx.size(); b++) {
                int j = idx.get(b);
                double nj = norm(pred, j * dim, dim);
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double r = pred[i * dim + k] / ni - pred[j * dim + k] / nj;
                    s += r * r;
                }
                sum += Math.exp(-2 * s);
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : Math.log(sum / pairs);
    }
}
