package org.repcollapse.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.repcollapse.model.LabelStructure;

/**
 * Nearest-label accuracy of grouped samples ({@link GroupedSamples}) by an exact per-group test.
 * In group S let {@code c*} be the label nearest to {@code a_S}. Sample i prefers {@code c*} over
 * {@code c'} iff {@code p_i . w < beta}, {@code w = y_c' - y_c*}, {@code beta = (|y_c'|^2 - |y_c*|^2)/2};
 * with {@code p_i = a_S + M_S delta_i} that holds for every {@code |delta_i| < r_c' = (beta - a_S . w) / |M_S^T w|}.
 * So every sample with {@code |delta_i| < r = min_c' r_c'} (shrunk by {@code 1e-9} against rounding) has
 * nearest label {@code c*}, and only the few beyond r (the deviations are sorted once, largest first)
 * are classified one by one, exactly as {@link Metrics} classifies a sample. The count equals the
 * per-sample count up to rounding at a decision boundary; the cost per group is
 * {@code O(K d^2)} plus {@code d^2} per sample beyond r.
 */
public final class GroupAccuracy {

    private static final double SHRINK = 1.0 - 1.0e-9;

    private final LabelStructure structure;
    private final int dim;
    private final double[] delta;
    private final int[][] members;
    private final double[][] norms;

    /** @param delta the deviations {@code delta_i}, N x d row-major */
    public GroupAccuracy(LabelStructure structure, int dim, double[] delta) {
        this.structure = structure;
        this.dim = dim;
        this.delta = delta;
        List<int[]> groups = structure.groups();
        int[] count = new int[groups.size()];
        for (int i = 0; i < structure.samples(); i++) {
            count[structure.groupOf(i)]++;
        }
        members = new int[groups.size()][];
        norms = new double[groups.size()][];
        Integer[][] boxed = new Integer[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            boxed[g] = new Integer[count[g]];
            count[g] = 0;
        }
        double[] norm = new double[structure.samples()];
        for (int i = 0; i < structure.samples(); i++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += delta[i * dim + k] * delta[i * dim + k];
            }
            norm[i] = Math.sqrt(s);
            int g = structure.groupOf(i);
            boxed[g][count[g]++] = i;
        }
        for (int g = 0; g < groups.size(); g++) {
            Arrays.sort(boxed[g], Comparator.comparingDouble((Integer i) -> -norm[i]).thenComparingInt(i -> i));
            members[g] = new int[boxed[g].length];
            norms[g] = new double[boxed[g].length];
            for (int r = 0; r < boxed[g].length; r++) {
                members[g][r] = boxed[g][r];
                norms[g][r] = norm[boxed[g][r]];
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
        double[] score = new double[k];
        double[] p = new double[d];
        double[] u = new double[d];
        long correct = 0;
        for (int g = 0; g < members.length; g++) {
            int[] mem = members[g];
            if (mem.length == 0 || !metrics.counted(mem[0])) {
                continue;
            }
            metrics.scores(a, g * d, 1, yT, score);
            int best = Metrics.nearest(score, 0, yNorm2);
            double[] map = samples.deviationMap(g);
            double radius = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c == best) {
                    continue;
                }
                double margin = 0.5 * (yNorm2[c] - yNorm2[best]) - (score[c] - score[best]);
                // u = M^T w, w = y_c - y_best
                double uu = 0;
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int q = 0; q < d; q++) {
                        s += map[q * d + j] * (y[c * d + q] - y[best * d + q]);
                    }
                    u[j] = s;
                    uu += s * s;
                }
                double r = margin <= 0 ? 0.0 : uu == 0 ? Double.POSITIVE_INFINITY : margin / Math.sqrt(uu);
                radius = Math.min(radius, r);
            }
            radius *= SHRINK;
            boolean bestCorrect = metrics.correct(mem[0], best);
            int r = 0;
            for (; r < mem.length && !(norms[g][r] < radius); r++) {
                int i = mem[r];
                for (int j = 0; j < d; j++) {
                    double s = a[g * d + j];
                    for (int q = 0; q < d; q++) {
                        s += map[j * d + q] * delta[i * d + q];
                    }
                    p[j] = s;
                }
                metrics.scores(p, 0, 1, yT, score);
                if (metrics.correct(i, Metrics.nearest(score, 0, yNorm2))) {
                    correct++;
                }
            }
            if (bestCorrect) {
                correct += mem.length - r;
            }
        }
        return correct / (double) metrics.countedSamples();
    }
}
