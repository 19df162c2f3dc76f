package org.repcollapse.analysis;

import java.util.Arrays;

import org.repcollapse.dynamics.SampleBlocks;
import org.repcollapse.dynamics.SampleKernel;
import org.repcollapse.dynamics.Workers;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;

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
    /** Relative rounding allowance of a kept verdict (a d-term dot product errs by about d 1e-16). */
    private static final double ROUNDING = 1.0e-12;

    private final LabelStructure structure;
    private final int dim;
    /** Deviations by group, each group largest first (N x d); group g holds rows start[g] .. start[g+1]-1. */
    private final double[] delta;
    private final int[] sample;
    private final double[] norm;
    private final int[] start;
    private final SampleKernel kernel = SampleKernel.selected();
    private final Workers workers = Workers.defaults();
    /** Per consistent group, the reference of its incremental test (null until first tested). */
    private final Slack[] slack;
    /** Rows whose verdict was kept from a reference without being re-tested (for tests and reports). */
    private long kept;

    /** @param deviations the deviations {@code delta_i}, N x d row-major in sample order */
    public GroupAccuracy(LabelStructure structure, int dim, double[] deviations) {
        this.structure = structure;
        this.dim = dim;
        int n = structure.samples();
        int groups = structure.groups().size();
        start = new int[groups + 1];
        slack = new Slack[groups];
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

    /** Rows whose verdict was kept from an earlier time without being tested again, so far. */
    long keptVerdicts() {
        return kept;
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

    /**
     * Rows {@code from .. cut-1} of a group of one class c: the linear tests against every other class,
     * {@code delta_i . u_q < b_q} ({@code <=} for {@code q > c}), {@code u_q = M_S^T (y_q - y_c)}.
     * Between recorded times the tests move little, so each row's slack {@code s_i = min_q (b_q - delta_i . u_q)}
     * (or minus its largest violation) is kept from a reference time; a row whose slack exceeds what the
     * tests can have moved since, {@code |delta_i| max_q |u_q - u_q'| + max_q |b_q - b_q'|} (plus a
     * rounding allowance), keeps its verdict without its d-vector being read ({@link Slack}). The rest
     * are tested again; when they are more than a quarter of the rows, the whole group is, and becomes
     * the new reference.
     */
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
        Slack ref = slack[g];
        if (ref == null || ref.mp != mp) {
            return refresh(g, from, cut, u, mp, bound, strict);
        }
        double moved = 0;
        double uMax = 0;
        for (int q = 0; q < m; q++) {
            double du = 0;
            double un = 0;
            for (int j = 0; j < d; j++) {
                double e = u[j * mp + q] - ref.u[j * mp + q];
                du += e * e;
                un += u[j * mp + q] * u[j * mp + q];
            }
            moved = Math.max(moved, Math.sqrt(du));
            uMax = Math.max(uMax, Math.sqrt(un));
        }
        double shift = 0;
        double bMax = 0;
        for (int q = 0; q < m; q++) {
            shift = Math.max(shift, Math.abs(bound[q] - ref.bound[q]));
            bMax = Math.max(bMax, Math.abs(bound[q]));
        }
        // rounding allowance: far above the error of a d-term dot product and its comparison
        double roundRel = ROUNDING * (uMax + Math.max(uMax, ref.uMax));
        double roundAbs = ROUNDING * (bMax + ref.bMax) + shift;
        int known = Math.min(cut, ref.cut);
        int[] open = new int[cut - from];
        int nOpen = 0;
        long correct = 0;
        for (int r = from; r < known; r++) {
            double s = ref.s[r - from];
            double reach = norm[r] * (moved + roundRel) + roundAbs;
            if (s > reach) {
                correct++;
            } else if (!(s < -reach)) {
                open[nOpen++] = r;
            }
        }
        for (int r = known; r < cut; r++) {
            open[nOpen++] = r;
        }
        if (4L * nOpen > cut - from) {
            return refresh(g, from, cut, u, mp, bound, strict);
        }
        kept += cut - from - nOpen;
        return correct + openRows(open, nOpen, u, mp, bound, strict);
    }

    /** The rows {@code open[0 .. count-1]} tested, in blocks on the workers: how many pass. */
    private long openRows(int[] open, int count, double[] u, int mp, double[] bound, boolean[] strict) {
        int d = dim;
        int m = bound.length;
        return countInBlocks(count, (o0, o1) -> {
            int rows = o1 - o0;
            double[] rowsDelta = new double[rows * d];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(delta, open[o0 + r] * d, rowsDelta, r * d, d);
            }
            double[] proj = new double[rows * mp];
            kernel.multiply(rowsDelta, 0, rows, d, u, 0, mp, proj, 0);
            double[] one = new double[mp];
            long ok = 0;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(proj, r * mp, one, 0, mp);
                if (slackOf(one, bound, strict, m) > 0) {
                    ok++;
                }
            }
            return ok;
        });
    }

    /**
     * {@code sum_b rows(from_b, to_b)} over the {@link SampleBlocks} of {@code 0 .. count-1}, the blocks
     * on the workers (each block's count is its own; they are added in block order).
     */
    private long countInBlocks(int count, RowCount rows) {
        SampleBlocks blocks = new SampleBlocks(count);
        long[] part = new long[blocks.count()];
        workers.run(blocks.count(), b -> part[b] = rows.count(blocks.from(b), blocks.to(b)));
        long sum = 0;
        for (long v : part) {
            sum += v;
        }
        return sum;
    }

    /** How many of the rows {@code from .. to-1} (of one block) pass. */
    private interface RowCount {
        long count(int from, int to);
    }

    /** All rows {@code from .. cut-1} tested; their slacks become group g's reference. */
    private long refresh(int g, int from, int cut, double[] u, int mp, double[] bound, boolean[] strict) {
        int d = dim;
        int m = bound.length;
        double[] s = new double[cut - from];
        long passed = countInBlocks(cut - from, (b0, b1) -> {
            int r0 = from + b0;
            int rows = b1 - b0;
            double[] proj = new double[rows * mp];
            kernel.multiply(delta, r0 * d, rows, d, u, 0, mp, proj, 0);
            long ok = 0;
            double[] one = new double[mp];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(proj, r * mp, one, 0, mp);
                double v = slackOf(one, bound, strict, m);
                s[r0 - from + r] = v;
                if (v > 0) {
                    ok++;
                }
            }
            return ok;
        });
        double uMax = 0;
        for (int q = 0; q < m; q++) {
            double un = 0;
            for (int j = 0; j < d; j++) {
                un += u[j * mp + q] * u[j * mp + q];
            }
            uMax = Math.max(uMax, Math.sqrt(un));
        }
        double bMax = 0;
        for (double b : bound) {
            bMax = Math.max(bMax, Math.abs(b));
        }
        slack[g] = new Slack(u.clone(), mp, bound.clone(), cut, s, uMax, bMax);
        return passed;
    }

    /**
     * The slack of one row: {@code min_q (b_q - p_q)} when every test passes ({@code p_q < b_q}, or
     * {@code <=} where not strict), positive; otherwise minus the largest violation {@code p_q - b_q},
     * not positive. A passing row exactly at a non-strict boundary gets the smallest positive double
     * (its verdict is then always re-tested: no reach is below it).
     */
    private static double slackOf(double[] p, double[] bound, boolean[] strict, int m) {
        double min = Double.POSITIVE_INFINITY;
        double worst = Double.NEGATIVE_INFINITY;
        boolean pass = true;
        for (int q = 0; q < m; q++) {
            double v = p[q];
            boolean ok = strict[q] ? v < bound[q] : v <= bound[q];
            pass &= ok;
            min = Math.min(min, bound[q] - v);
            if (!ok) {
                worst = Math.max(worst, v - bound[q]);
            }
        }
        return pass ? Math.max(min, Double.MIN_VALUE) : -worst;
    }

    /** A group's reference: its tests {@code u, b} at one recorded time and each row's slack then. */
    private record Slack(double[] u, int mp, double[] bound, int cut, double[] s, double uMax, double bMax) {
    }

    /** Rows {@code from .. cut-1} classified by their scores {@code p_i . y_c}, {@code p_i = a_S + M_S delta_i}. */
    private long oneByOne(Metrics metrics, int from, int cut, int g, double[] a, double[] map, double[] yT,
                          double[] yNorm2) {
        int d = dim;
        double[] mapT = SmallMatrices.transpose(map, 0, d);
        return countInBlocks(cut - from, (b0, b1) -> {
            int r0 = from + b0;
            int rows = b1 - b0;
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
            return ok;
        });
    }
}
