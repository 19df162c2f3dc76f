package org.repcollapse.fixedpoint;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;

/**
 * The dimension of the continuous family of fixed points through a fixed point of the head flow
 * (R7; derivation in papers/head-derivation.md). With stop-gradient and rank P = rho:
 * {@code dim = d^2 + (N - G)(d - rho)}, G the number of groups. The {@code d^2} comes from the
 * pairs (P, Y) with {@code Y (P^2)^T = T Y} (dK equations on d^2 + dK unknowns, the samples then
 * fixed by {@code P x_i = mean y}); the second term is the within-group scatter in ker P, on which
 * the stop-gradient flow exerts no force. Without stop-gradient the scatter always decays and
 * the zero-loss minima form a d^2-dimensional family as well (for the collapsed K-point geometry
 * with {@code 2K <= d}, generically).
 */
public final class FixedPointFamily {

    /** Singular values of P below this times the largest count as zero (numerical rank). */
    public static final double RANK_TOLERANCE = 1.0e-8;

    private FixedPointFamily() {
    }

    public static int headRank(Embeddings e) {
        int d = e.dim();
        double[][] p = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                p[a][b] = e.p(a, b);
            }
        }
        double[] sv = new SingularValueDecomposition(MatrixUtils.createRealMatrix(p)).getSingularValues();
        int r = 0;
        for (double s : sv) {
            if (s > RANK_TOLERANCE * sv[0]) {
                r++;
            }
        }
        return r;
    }

    /** The predicted number of zero modes of the Jacobian at the fixed point e. */
    public static int dimension(LabelStructure s, Embeddings e, boolean stopGradient) {
        int d = e.dim();
        int family = d * d;
        if (stopGradient) {
            family += (s.samples() - s.groups().size()) * (d - headRank(e));
        }
        return family;
    }
}
