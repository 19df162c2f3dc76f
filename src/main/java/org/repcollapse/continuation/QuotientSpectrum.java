package org.repcollapse.continuation;

import java.util.Arrays;
import java.util.Comparator;

import org.hipparchus.complex.Complex;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.repcollapse.fixedpoint.JacobianSpectrum;

/**
 * The Jacobian {@code J = F_z} at a point of a branch, modulo the family of fixed points through it:
 * the family's tangent space is the span K of the m right singular vectors of J with the smallest
 * singular values (m fixed along the branch), Q an orthonormal basis of its complement, and the
 * spectrum judged is that of {@code Q^T J Q}. Because {@code J K = 0}, {@code J = J Q Q^T} and
 * {@code Q^T J Q} carries exactly the non-zero eigenvalues of J whatever Q is chosen, so
 * {@code sign det(Q^T J Q)} (the product of the signs of its real eigenvalues) is intrinsic: it changes
 * exactly when a real eigenvalue outside the family crosses zero (fold or branch point).
 */
public final class QuotientSpectrum {

    private final RealMatrix kernel;
    private final Complex[] eigenvalues;
    private final double[] singular;
    private final int family;

    public QuotientSpectrum(double[][] jacobian, int family) {
        RealMatrix j = MatrixUtils.createRealMatrix(jacobian);
        int n = jacobian.length;
        this.family = family;
        SingularValueDecomposition svd = new SingularValueDecomposition(j);
        singular = svd.getSingularValues();
        RealMatrix v = svd.getV();
        kernel = family > 0 ? v.getSubMatrix(0, n - 1, n - family, n - 1) : null;
        if (family < n) {
            RealMatrix q = v.getSubMatrix(0, n - 1, 0, n - 1 - family);
            eigenvalues = JacobianSpectrum.eigen(q.transpose().multiply(j).multiply(q));
        } else {
            eigenvalues = new Complex[0];
        }
        Arrays.sort(eigenvalues, Comparator.comparingDouble(Complex::getReal).reversed());
    }

    /** The number of singular values of J at or below {@code tolerance * sigma_max}: the family dimension. */
    public static int familyDimension(double[][] jacobian, double tolerance) {
        double[] sv = new SingularValueDecomposition(MatrixUtils.createRealMatrix(jacobian)).getSingularValues();
        int m = 0;
        while (m < sv.length && sv[sv.length - 1 - m] <= tolerance * sv[0]) {
            m++;
        }
        return m;
    }

    /** Orthonormal basis of the family's tangent space, n x m (null when m = 0). */
    public RealMatrix kernel() {
        return kernel;
    }

    /** Eigenvalues of J modulo the family, by decreasing real part. */
    public Complex[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Largest singular value of J: the spectral scale. */
    public double scale() {
        return singular[0];
    }

    /** The smallest singular value of J outside the family (its distance from a further singularity). */
    public double smallestOutside() {
        return singular[singular.length - 1 - family];
    }

    /** The largest singular value inside the family (0 on an exact family, relative size of the gap). */
    public double largestInside() {
        return family == 0 ? 0.0 : singular[singular.length - family];
    }

    /** {@code sign det(Q^T J Q)}: +1 or -1, 0 (undecided) if a real eigenvalue lies within eps of zero. */
    public int determinantSign(double eps) {
        int s = 1;
        for (Complex c : eigenvalues) {
            if (c.getImaginary() == 0.0) {
                s *= Math.abs(c.getReal()) <= eps ? 0 : (int) Math.signum(c.getReal());
            }
        }
        return s;
    }

    /** The largest real part outside the family (-infinity if there is none). */
    public double largestRealPart() {
        return eigenvalues.length == 0 ? Double.NEGATIVE_INFINITY : eigenvalues[0].getReal();
    }

    public int stable(double eps) {
        return (int) Arrays.stream(eigenvalues).filter(c -> c.getReal() < -eps).count();
    }

    public int unstable(double eps) {
        return (int) Arrays.stream(eigenvalues).filter(c -> c.getReal() > eps).count();
    }
}
