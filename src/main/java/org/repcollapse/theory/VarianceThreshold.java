package org.repcollapse.theory;

import java.util.List;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.repcollapse.model.LabelStructure;

/**
 * The smallest VICReg variance weight at which the completely collapsed state repels the label
 * separation (issue 16; papers/prevention.md). At {@code x = y = 0} the variance term adds
 * {@code eta_x kappa} to every centred sample direction, {@code kappa = w sigma((t - sqrt eps)/beta)/sqrt eps};
 * with the labels at rest ({@code y_c = (1/n_c) sum_{S ni c} n_S m_S}) the group means see
 * {@code M m = |S| m_S - sum_{c in S} y_c}, self-adjoint in the {@code n_S}-weighted product, and the
 * collapsed point is unstable iff {@code kappa > kappa_c}, the smallest non-zero eigenvalue of M
 * (K = 2: {@code kappa_c = r}). So {@code w_min = kappa_c sqrt(eps) / sigma((t - sqrt eps)/beta)}.
 */
public final class VarianceThreshold {

    /** Eigenvalues of M below this (relative to its largest) belong to the mean mode (and components). */
    static final double ZERO = 1e-10;

    private final double kappa;

    public VarianceThreshold(LabelStructure s) {
        List<int[]> groups = s.groups();
        int g = groups.size();
        // symmetric form W^{1/2} M W^{-1/2}, W = diag(n_S): entries |S| delta - sum_{c in S, S'} sqrt(n_S n_S')/n_c
        double[][] a = new double[g][g];
        for (int i = 0; i < g; i++) {
            a[i][i] += groups.get(i).length;
            for (int j = 0; j < g; j++) {
                double w = 0;
                for (int c : groups.get(i)) {
                    for (int c2 : groups.get(j)) {
                        if (c == c2) {
                            w += 1.0 / s.classDegree(c);
                        }
                    }
                }
                a[i][j] -= w * Math.sqrt((double) s.groupSize(i) * s.groupSize(j));
            }
        }
        RealMatrix m = MatrixUtils.createRealMatrix(a);
        double[] ev = new EigenDecompositionSymmetric(m).getEigenvalues();
        double top = 0;
        for (double v : ev) {
            top = Math.max(top, Math.abs(v));
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : ev) {
            if (v > ZERO * top) {
                min = Math.min(min, v);
            }
        }
        this.kappa = min;
    }

    /** {@code kappa_c}: the smallest non-zero eigenvalue of M ({@code r} for K = 2); infinite when none. */
    public double criticalKappa() {
        return kappa;
    }

    /** {@code w_min = kappa_c sqrt(eps) / sigma((t - sqrt eps)/beta)} for the variance term's target, epsilon, width. */
    public double criticalWeight(double target, double epsilon, double width) {
        double s = Math.sqrt(epsilon);
        double sigma = 1.0 / (1.0 + Math.exp(-(target - s) / width));
        return kappa * s / sigma;
    }
}
