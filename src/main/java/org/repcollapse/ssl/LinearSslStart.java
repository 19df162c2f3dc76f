package org.repcollapse.ssl;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.repcollapse.model.RandomStreams;

/**
 * Initial states of the linear SSL flow ({@link LinearSslLayout}); the target starts at
 * {@code W_a = W}.
 *
 * <ul>
 * <li>{@link #random}: {@code W_ab ~ N(0, s_w^2 / D)} (STUDENT stream), {@code (W_p)_ac ~ N(0, s_p^2)}
 * (HEAD stream): W and W_p share no eigenvectors (the general case of Theorem 1).</li>
 * <li>{@link #aligned}: {@code F = W X W^T = U diag(s) U^T}, {@code W_p = U diag(p) U^T}, U a seeded
 * random orthogonal matrix (STUDENT sub-stream 1), {@code W = U diag(sqrt s) [I_d 0] X^(-1/2)}: the
 * assumptions of the eigen-mode reduction ({@link ModeFlow}) when {@code X = I}.</li>
 * </ul>
 */
public final class LinearSslStart {

    private LinearSslStart() {
    }

    public static double[] random(LinearSslParameters p, double sw, double sp, RandomStreams streams) {
        LinearSslLayout l = LinearSslLayout.of(p);
        int d = p.dim();
        int dd = p.inputDim();
        double[] z = new double[l.dimension()];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian
                .of(streams.stream(RandomStreams.Purpose.STUDENT));
        double scale = sw / Math.sqrt(dd);
        for (int k = 0; k < d * dd; k++) {
            z[l.online() + k] = scale * g.sample();
        }
        if (l.predictor()) {
            ZigguratSampler.NormalizedGaussian h = ZigguratSampler.NormalizedGaussian
                    .of(streams.stream(RandomStreams.Purpose.HEAD));
            for (int k = 0; k < d * d; k++) {
                z[l.predictorOffset() + k] = sp * h.sample();
            }
        }
        copyTarget(l, z);
        return z;
    }

    /** The aligned start with predictor eigenvalues {@code p_j} and F-eigenvalues {@code s_j >= 0}. */
    public static double[] aligned(LinearSslParameters p, double[] pj, double[] sj, RandomStreams streams) {
        return aligned(p, pj, sj, basis(p.dim(), streams.stream(RandomStreams.Purpose.STUDENT, 1)));
    }

    /** As {@link #aligned(LinearSslParameters, double[], double[], RandomStreams)} in a given basis U (column j = u_j, row-major). */
    public static double[] aligned(LinearSslParameters p, double[] pj, double[] sj, double[] u) {
        LinearSslLayout l = LinearSslLayout.of(p);
        int d = p.dim();
        int dd = p.inputDim();
        double[] z = new double[l.dimension()];
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < d; j++) {
                z[l.online() + a * dd + j] = u[a * d + j] * Math.sqrt(sj[j]) / Math.sqrt(p.lambda(j));
            }
        }
        if (l.predictor()) {
            for (int a = 0; a < d; a++) {
                for (int c = 0; c < d; c++) {
                    double sum = 0;
                    for (int j = 0; j < d; j++) {
                        sum += u[a * d + j] * pj[j] * u[c * d + j];
                    }
                    z[l.predictorOffset() + a * d + c] = sum;
                }
            }
        }
        copyTarget(l, z);
        return z;
    }

    /** A seeded random orthogonal d x d matrix (Q of the QR decomposition of a Gaussian matrix), row-major. */
    public static double[] basis(int d, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        RealMatrix m = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m.setEntry(i, j, g.sample());
            }
        }
        RealMatrix q = new QRDecomposition(m).getQ();
        double[] u = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                u[i * d + j] = q.getEntry(i, j);
            }
        }
        return u;
    }

    private static void copyTarget(LinearSslLayout l, double[] z) {
        if (l.target()) {
            System.arraycopy(z, l.online(), z, l.targetOffset(), l.dim() * l.inputDim());
        }
    }
}
