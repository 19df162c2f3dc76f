package org.repcollapse.analysis;

import org.repcollapse.model.Embeddings;
import java.util.Arrays;

import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Eigenvalues of the head P (non-symmetric in general), and its Rayleigh quotient
 * {@code v^T P v / v^T v} along a direction v: at a stop-gradient fixed point the quotient
 * along a surviving label mode is {@code sqrt(tau_k)} (R5).
 */
public final class HeadSpectrum {

    private final Complex[] eigenvalues;

    public HeadSpectrum(Embeddings e) {
        this(e.p(), e.pOff(), e.dim());
    }

    /** The spectrum of P, d x d row-major at {@code head[off..]}. */
    public HeadSpectrum(double[] head, int off, int d) {
        double[][] p = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                p[a][b] = head[off + a * d + b];
            }
        }
        Complex[] ev;
        try {
            ev = new EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(p)).getEigenvalues();
        } catch (RuntimeException ex) {
            ev = new Complex[d];
            Arrays.fill(ev, Complex.NaN);
        }
        eigenvalues = ev;
    }

    public Complex[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Moduli of the eigenvalues, ascending. */
    public double[] moduli() {
        double[] m = new double[eigenvalues.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = eigenvalues[k].norm();
        }
        Arrays.sort(m);
        return m;
    }

    /** {@code v^T P v / v^T v}. */
    public static double rayleigh(Embeddings e, double[] v) {
        int d = e.dim();
        double num = 0;
        double den = 0;
        for (int a = 0; a < d; a++) {
            double pv = 0;
            for (int b = 0; b < d; b++) {
                pv += e.p(a, b) * v[b];
            }
            num += v[a] * pv;
            den += v[a] * v[a];
        }
        return num / den;
    }
}
