package org.repcollapse.analysis;

import java.util.Arrays;

import org.repcollapse.dynamics.SampleBlocks;
import org.repcollapse.dynamics.SampleKernel;
import org.repcollapse.dynamics.Workers;
import org.repcollapse.model.LabelStructure;

/**
 * Nearest-label accuracy of grouped samples ({@link GroupedSamples}) by an exact per-group test.
 * In group S let {@code c*} be the label nearest to {@code a_S}. Sample i prefers {@code c*} over
 * {@code c'} iff {@code p_i . w < beta}, {@code w = y_c' - y_c*}, {@code beta = (|y_c'|^2 - |y_c*|^2)/2};
 * with {@code p_i = a_S + M_S delta_i} that holds for every {@code |delta_i| < r_c' = (beta - a_S . w) / |M_S^T w|}.
 * So every sample with {@code |delta_i| < r = min_c' r_c'} (shrunk by {@code 1e-9} against rounding) has
 * nearest label {@code c*}: the group is settled in {@code O(K d^2)}, whatever its size. The samples
 * beyond r (the deviations are stored by group, largest first, so they are a prefix) are tested one by
 * one, in blocks on the workers by the kernel: a consistent sample of class c is correct iff
 * {@code delta_i . M_S^T (y_c' - y_c) < beta_c' - a_S . (y_c' - y_c)} for every {@code c' != c}
 * ({@code <=} for {@code c' > c}: the first nearest label wins a tie, as in {@link Metrics#nearest});
 * a sample with several labels is classified by its scores as in {@link Metrics}. The count equals
 * the per-sample count up to rounding at a decision boundary.
 */
public final class GroupAccuracy {

    private static final double SHRINK = 1.0 - 1.0e-9;

    private final LabelStructure structure;
    private final int dim;
    /** Deviations by group, each group largest first (N x d); group g holds rows start[g] .. start[g+1]-1. */
    private final double[] delta;
    private final int[] sample;
    private final double[] norm;
    private final int[] start;
    private final SampleKernel kernel = SampleKernel.selected();
    private final Workers workers = Workers.defaults();

    /** @param deviations the deviations {@code delta_i}, N x d row-major in sample order */
    public GroupAccuracy(LabelStructure structure, int dim, double[] deviations) {
        this.structure = structure;
        this.dim = dim;
        int n = structure.samples();
        int groups = structure.groups().size();
        start = new int[groups + 1];
        double[] nrm = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += deviations[i * dim + k] * deviations[i * dim + k];
            }
            nrm[i] = Math.sqrt(s);
            start[structure.groupOf(i) + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        // per group, samples by decreasing norm: sort (float bits of the norm, sample) packed in a long
        long[] packed = new long[n];
        int[] fill = Arrays.copyOf(start, groups);
        for (int i = 0; i < n; i++) {
            packed[fill[structure.groupOf(i)]++] = ((long) Float.floatToIntBits((float) nrm[i]) << 32) | i;
        }
        delta = new double[n * dim];
        sample = new int[n];
        norm = new double[n];
        for (int g = 0; g < groups; g++) {
            Arrays.sort(packed, start[g], start[g + 1]);
            double envelope = 0;
            // largest first; norm[r] = the largest norm of rows r .. end (a float sort key may misorder
            // norms within a float ulp: the envelope keeps "all rows from r on are below norm[r]" exact)
            for (int q = start[g]; q < start[g + 1]; q++) {
                int i = (int) (packed[q] & 0xffffffffL);
                int row = start[g + 1] - 1 - (q - start[g]);
                sample[row] = i;
                System.arraycopy(deviations, i * dim, delta, row * dim, dim);
            }
            for (int r = start[g + 1] - 1; r >= start[g]; r--) {
                envelope = Math.max(envelope, nrm[sample[r]]);
                norm[r] = envelope;
            }
        }
    }

    /** The accuracy {@link Metrics} defines (its label sets must be this structure's), at labels y. */
    public double accuracy(Metrics metrics, double[] y, GroupedSamples samples) {
        int d = dim;
        int k = structure.classes();
        double[] yNorm2 = metrics.squaredNorms(y);
        double[] yT = metrics.transposed(y);
        double[] a = samples.groupPredictions();
        double[] score = new double[metrics.scoreWidth()];
        long correct = 0;
        for (int g = 0; g + 1 < start.length; g++) {
            int from = start[g];
            int to = start[g + 1];
            if (from == to || !metrics.counted(sample[from])) {
                continue;
            }
            metrics.scores(a, g * d, 1, yT, score);
            int best = Metrics.nearest(score, 0, yNorm2);
            double[] map = samples.deviationMap(g);
            double radius = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != best) {
                    double margin = 0.5 * (yNorm2[c] - yNorm2[best]) - (score[c] - score[best]);
                    double u = norm(mapTransposedTimes(map, y, c, best));
                    radius = Math.min(radius, margin <= 0 ? 0.0 : u == 0 ? Double.POSITIVE_INFINITY : margin / u);
                }
            }
            radius *= SHRINK;
            int cut = from;
            while (cut < to && !(norm[cut] < radius)) {
                cut++;
            }
            if (metrics.correct(sample[from], best)) {
                correct += to - cut;
            }
            if (cut > from) {
                correct += structure.labelCount(sample[from]) == 1
                        ? consistentOneByOne(g, from, cut, a, map, y, yNorm2, score)
                        : oneByOne(metrics, from, cut, g, a, map, yT, yNorm2);
            }
        }
        return correct / (double) metrics.countedSamples();
    }

    /** {@code M^T (y_c - y_b)}. */
    private double[] mapTransposedTimes(double[] map, double[] y, int c, int b) {
        int d = dim;
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int q = 0; q < d; q++) {
                s += map[q * d + j] * (y[c * d + q] - y[b * d + q]);
            }
            u[j] = s;
        }
        return u;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Rows {@code from .. cut-1} of a group of one class c: the linear tests against every other class. */
    private long consistentOneByOne(int g, int from, int cut, double[] a, double[] map, double[] y, double[] yNorm2,
                                    double[] aScore) {
        int d = dim;
        int k = structure.classes();
        int c = structure.edgeClass(structure.labelStart(sample[from]));
        int m = k - 1;
        if (m == 0) {
            return cut - from;
        }
        int mp = (m + 7) / 8 * 8;   // columns padded with zeros: the kernel works in full vectors
        double[] u = new double[d * mp];
        double[] bound = new double[m];
        boolean[] strict = new boolean[m];
        int col = 0;
        for (int q = 0; q < k; q++) {
            if (q == c) {
                continue;
            }
            double[] uq = mapTransposedTimes(map, y, q, c);
            for (int j = 0; j < d; j++) {
                u[j * mp + col] = uq[j];
            }
            bound[col] = 0.5 * (yNorm2[q] - yNorm2[c]) - (aScore[q] - aScore[c]);
            strict[col] = q < c;
            col++;
        }
        SampleBlocks blocks = new SampleBlocks(cut - from);
        long[] part = new long[blocks.count()];
        workers.run(blocks.count(), b -> {
            int r0 = from + blocks.from(b);
            int rows = blocks.to(b) - blocks.from(b);
            double[] proj = new double[rows * mp];
            kernel.multiply(delta, r0 * d, rows, d, u, 0, mp, proj, 0);
            long ok = 0;
            for (int r = 0; r < rows; r++) {
                boolean all = true;
                for (int q = 0; q < m && all; q++) {
                    double v = proj[r * mp + q];
                    all = strict[q] ? v < bound[q] : v <= bound[q];
                }
                if (all) {
                    ok++;
                }
            }
            part[b] = ok;
        });
        long sum = 0;
        for (long v : part) {
            sum += v;
        }
        return sum;
    }

    /** Rows {@code from .. cut-1} classified by their scores {@code p_i . y_c}, {@code p_i = a_S + M_S delta_i}. */
    private long oneByOne(Metrics metrics, int from, int cut, int g, double[] a, double[] map, double[] yT,
                          double[] yNorm2) {
        int d = dim;
        double[] mapT = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                mapT[j * d + i] = map[i * d + j];
            }
        }
        SampleBlocks blocks = new SampleBlocks(cut - from);
        long[] part = new long[blocks.count()];
        workers.run(blocks.count(), b -> {
            int r0 = from + blocks.from(b);
            int rows = blocks.to(b) - blocks.from(b);
            double[] p = new double[rows * d];
            kernel.multiply(delta, r0 * d, rows, d, mapT, 0, d, p, 0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    p[r * d + j] += a[g * d + j];
                }
            }
            int w = metrics.scoreWidth();
            double[] sc = new double[rows * w];
            metrics.scores(p, 0, rows, yT, sc);
            long ok = 0;
            for (int r = 0; r < rows; r++) {
                if (metrics.correct(sample[r0 + r], Metrics.nearest(sc, r * w, yNorm2))) {
                    ok++;
                }
            }
            part[b] = ok;
        });
        long sum = 0;
        for (long v : part) {
            sum += v;
        }
        return sum;
    }
}
