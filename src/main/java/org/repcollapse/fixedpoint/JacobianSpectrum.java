package org.repcollapse.fixedpoint;

import java.util.Arrays;
import java.util.Comparator;

import org.hipparchus.complex.Complex;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The spectrum of a (non-symmetric) Jacobian J at a fixed point, and its split into stable
 * ({@code Re < -tol}), zero and unstable ({@code Re > tol}) directions, tol relative to the
 * largest singular value of J.
 *
 * <p>The kernel is found first from the SVD (its dimension is the number of independent zero
 * directions, the tangent dimension of a family of fixed points) and deflated: with Q an
 * orthonormal basis of its complement the rest of the spectrum is that of {@code Q^T J Q}. This
 * keeps the Hipparchus Schur iteration away from a large exactly-zero cluster, on which it does
 * not converge; it is retried with a looser deflation criterion if it still fails.
 */
public final class JacobianSpectrum {

    /** Default relative size below which a singular value or real part counts as zero. */
    public static final double DEFAULT_TOLERANCE = 1.0e-9;

    private final Complex[] eigenvalues;
    private final int kernel;
    private final double scale;
    private final double tolerance;

    public JacobianSpectrum(double[][] jacobian, double tolerance) {
        RealMatrix j = MatrixUtils.createRealMatrix(jacobian);
        SingularValueDecomposition svd = new SingularValueDecomposition(j);
        double[] sv = svd.getSingularValues();
        scale = sv[0];
        this.tolerance = tolerance;
        int k = 0;
        for (double s : sv) {
            if (s <= tolerance * scale) {
                k++;
            }
        }
        kernel = k;
        int n = jacobian.length;
        Complex[] rest = new Complex[0];
        if (k < n) {
            RealMatrix q = svd.getV().getSubMatrix(0, n - 1, 0, n - 1 - k);
            rest = eigen(q.transpose().multiply(j).multiply(q));
        }
        eigenvalues = new Complex[n];
        Arrays.fill(eigenvalues, 0, k, Complex.ZERO);
        System.arraycopy(rest, 0, eigenvalues, k, rest.length);
        Arrays.sort(eigenvalues, Comparator.comparingDouble(Complex::getReal).reversed());
    }

    /** Eigenvalues of a non-symmetric matrix, retrying Hipparchus' Schur iteration with looser deflation when it stalls. */
    static Complex[] eigen(RealMatrix m) {
        MathIllegalStateException last = null;
        for (double eps : new double[] {1.0e-14, 1.0e-12, 1.0e-10, 1.0e-8}) {
            try {
                return new EigenDecompositionNonSymmetric(m, eps).getEigenvalues();
            } catch (MathIllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** All eigenvalues, by decreasing real part. */
    public Complex[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Dimension of the kernel of J (from the SVD). */
    public int kernelDimension() {
        return kernel;
    }

    /** Largest singular value of J. */
    public double scale() {
        return scale;
    }

    private double threshold() {
        return tolerance * scale;
    }

    public int stable() {
        return (int) Arrays.stream(eigenvalues).filter(c -> c.getReal() < -threshold()).count();
    }

    public int unstable() {
        return (int) Arrays.stream(eigenvalues).filter(c -> c.getReal() > threshold()).count();
    }

    public int zero() {
        return eigenvalues.length - stable() - unstable();
    }
}
