package org.repcollapse.ssl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.complex.Complex;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.repcollapse.fixedpoint.JacobianSpectrum;
import org.repcollapse.model.SmallMatrices;

/**
 * A fixed point {@code f(z*) = 0} of the full linear SSL flow ({@link LinearSslSystem}) and its spectrum.
 * Polished from the end of a run by Gauss-Newton with the minimum-norm step {@code z <- z - J^+ f(z)}
 * (J singular along the family of fixed points); J by central differences of the flow,
 * {@code J e_i = [f(z + h_i e_i) - f(z - h_i e_i)] / 2 h_i}. The family is the orbit of the flow's symmetry
 * {@code W_p -> O W_p O^T, W -> O W Q^T, W_a -> O W_a Q^T} (O in O(d), Q in O(D) commuting with X): its
 * dimension is the rank of the tangents {@code (A W_p - W_p A, A W - W B, A W_a - W_a B)} over antisymmetric
 * A (d x d) and B (D x D, within equal eigenvalues of X). The point is stable when, besides that many
 * zero eigenvalues, every eigenvalue has a negative real part. papers/linear-ssl.md section 8.
 * The search is {@link FullFixedPointSearch}; this is its result.
 *
 * @param family the predicted number of zero eigenvalues: the dimension of the family (symmetry orbit) through the point
 * @param zeros the measured number of eigenvalues with real part in the zero band
 * @param largestOutsideFamily the largest real part once the {@code family} eigenvalues nearest 0 are set aside
 */
public record FullFixedPoint(double[] point, double startResidual, double residual, int iterations,
                             Complex[] eigenvalues, int family, int zeros, int unstable, double scale,
                             double largestOutsideFamily, Verdict verdict) {

    /** Relative width (to the spectral scale) of the zero band of a finite-difference spectrum. */
    public static final double FD_ZERO = 1e-6;

    public enum Verdict { STABLE, UNSTABLE, MARGINAL, NOT_CONVERGED }

    /** Polishes {@code start} to residual {@code tol} (at most {@code maxIterations} steps) and judges it. */
    public static FullFixedPoint of(LinearSslSystem flow, double[] start, double tol, int maxIterations, double zeroTol) {
        return new FullFixedPointSearch(flow).polish(start, tol, maxIterations, zeroTol);
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    /** The Jacobian's eigenvalues, by decreasing real part. */
    @Override
    public Complex[] eigenvalues() {
        return eigenvalues.clone();
    }
}
