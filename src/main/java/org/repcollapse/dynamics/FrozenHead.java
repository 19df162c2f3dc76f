package org.repcollapse.dynamics;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

import org.repcollapse.model.SmallMatrices;

/**
 * The head operators of spec section 3 frozen at a linearisation point, in the eigenbasis of B:
 * {@code B = P^T P + (1-s) I = V diag(beta) V^T} and {@code Ahat = V^T A V}, {@code A = P^T + (1-s) P}.
 * Without a head {@code B = A = I} ({@link #identity}). The sample and label blocks of the flows'
 * Jacobian are Kronecker products with B and A, so in this basis B is diagonal.
 */
final class FrozenHead {

    final int d;
    /** {@code B = P^T P + (1-s) I} (d x d, row-major). */
    final double[] b;
    /** {@code A = P^T + (1-s) P} (d x d, row-major). */
    final double[] a;
    /** V (d x d, row-major; column a is the eigenvector of beta[a]). */
    final double[] v;
    final double[] beta;
    /** {@code Ahat = V^T A V} (d x d, row-major). */
    final double[] aHat;
    final boolean identity;

    private FrozenHead(int d, boolean identity) {
        this.d = d;
        this.identity = identity;
        this.b = new double[d * d];
        this.a = new double[d * d];
        this.v = new double[d * d];
        this.beta = new double[d];
        this.aHat = new double[d * d];
        for (int i = 0; i < d; i++) {
            b[i * d + i] = 1.0;
            a[i * d + i] = 1.0;
            v[i * d + i] = 1.0;
            beta[i] = 1.0;
            aHat[i * d + i] = 1.0;
        }
    }

    /** No head: {@code B = A = I}. */
    static FrozenHead identity(int d) {
        return new FrozenHead(d, true);
    }

    /** Work arrays for a head of dimension d, filled by {@link #freeze}. */
    static FrozenHead forHead(int d) {
        return new FrozenHead(d, false);
    }

    /** Freezes the head stored row-major at {@code z[p ..]}; keep = 1 - s. */
    void freeze(double[] z, int p, double keep) {
        SmallMatrices.headGram(z, p, d, keep, b, 0);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = z[p + j * d + i] + keep * z[p + i * d + j];
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(square(b));
        RealMatrix vm = eig.getV();
        double[] ev = eig.getEigenvalues();
        for (int i = 0; i < d; i++) {
            beta[i] = ev[i];
            for (int j = 0; j < d; j++) {
                v[i * d + j] = vm.getEntry(i, j);
            }
        }
        RealMatrix ah = vm.transpose().multiply(square(a)).multiply(vm);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                aHat[i * d + j] = ah.getEntry(i, j);
            }
        }
    }

    /** The d x d row-major m as a Hipparchus matrix. */
    private RealMatrix square(double[] m) {
        RealMatrix r = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                r.setEntry(i, j, m[i * d + j]);
            }
        }
        return r;
    }

    /** {@code out[o + a] = (V^T u)_a} for u at {@code in[i ..]}; without a head a copy. */
    void toEigenbasis(double[] in, int i, double[] out, int o) {
        if (identity) {
            System.arraycopy(in, i, out, o, d);
            return;
        }
        SmallMatrices.applyTransposed(v, 0, in, i, out, o, d);
    }

    /** {@code out[o + k] = (V u)_k} for u at {@code in[i ..]}; without a head a copy. */
    void fromEigenbasis(double[] in, int i, double[] out, int o) {
        if (identity) {
            System.arraycopy(in, i, out, o, d);
            return;
        }
        SmallMatrices.apply(v, 0, in, i, out, o, d);
    }
}
