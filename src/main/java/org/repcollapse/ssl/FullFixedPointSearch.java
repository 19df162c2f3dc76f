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
import org.repcollapse.ssl.FullFixedPoint.Verdict;

/**
 * The search behind {@link FullFixedPoint}: Gauss-Newton with the minimum-norm step {@code z <- z - J^+ f(z)} from
 * the end of a run, J by central differences of the flow, then the spectrum of J and the dimension of the symmetry
 * orbit through the point (papers/linear-ssl.md section 8).
 */
final class FullFixedPointSearch {

    private final LinearSslSystem flow;

    FullFixedPointSearch(LinearSslSystem flow) {
        this.flow = flow;
    }

    /** Polishes {@code start} to residual {@code tol} (at most {@code maxIterations} steps) and judges it. */
    FullFixedPoint polish(double[] start, double tol, int maxIterations, double zeroTol) {
        double[] z = start.clone();
        double startResidual = SmallMatrices.norm(f(z));
        double r = startResidual;
        int it = 0;
        while (r > tol && it < maxIterations) {
            double[] step = minimumNormStep(jacobian(z), f(z));
            double[] trial = z.clone();
            for (int i = 0; i < z.length; i++) {
                trial[i] -= step[i];
            }
            double rt = SmallMatrices.norm(f(trial));
            it++;
            if (!(rt < r)) {
                break;
            }
            z = trial;
            r = rt;
        }
        Complex[] eigenvalues = spectrum(jacobian(z));
        Arrays.sort(eigenvalues, (a, b) -> Double.compare(b.getReal(), a.getReal()));
        double sc = 0;
        for (Complex c : eigenvalues) {
            sc = Math.max(sc, c.norm());
        }
        int family = familyDimension(z);
        double band = Math.max(zeroTol, FullFixedPoint.FD_ZERO) * Math.max(sc, Double.MIN_NORMAL);
        int zero = 0;
        int up = 0;
        double outside = Double.NEGATIVE_INFINITY;
        for (Complex c : eigenvalues) {
            if (Math.abs(c.getReal()) <= band) {
                zero++;
            } else {
                up += c.getReal() > 0 ? 1 : 0;
            }
        }
        // the largest real part once the family's zeros (the `family` eigenvalues nearest 0) are set aside
        Complex[] byDistance = eigenvalues.clone();
        Arrays.sort(byDistance, (a, b) -> Double.compare(Math.abs(a.getReal()), Math.abs(b.getReal())));
        for (int i = family; i < byDistance.length; i++) {
            outside = Math.max(outside, byDistance[i].getReal());
        }
        Verdict verdict = r > tol ? Verdict.NOT_CONVERGED : up > 0 ? Verdict.UNSTABLE
                : zero != family ? Verdict.MARGINAL : Verdict.STABLE;
        return new FullFixedPoint(z, startResidual, r, it, eigenvalues, family, zero, up, sc, outside, verdict);
    }

    /**
     * The eigenvalues of J; when Hipparchus' Schur iteration stalls (it does on some of these Jacobians, with many
     * repeated eigenvalues), {@code eig(J + c I) - c} for shifts c of a third and two thirds of the largest absolute
     * row sum, either sign (the same eigenvalues, to the iteration's rounding; another deflation path).
     */
    static Complex[] spectrum(RealMatrix j) {
        try {
            return JacobianSpectrum.eigen(j);
        } catch (org.hipparchus.exception.MathIllegalStateException first) {
            double norm = j.getNorm1();
            for (double c : new double[] {0.3 * norm, -0.3 * norm, 0.7 * norm, -0.7 * norm}) {
                RealMatrix shifted = j.add(MatrixUtils.createRealIdentityMatrix(j.getRowDimension()).scalarMultiply(c));
                try {
                    Complex[] ev = JacobianSpectrum.eigen(shifted);
                    for (int i = 0; i < ev.length; i++) {
                        ev[i] = ev[i].subtract(c);
                    }
                    return ev;
                } catch (org.hipparchus.exception.MathIllegalStateException again) {
                    first.addSuppressed(again);
                }
            }
            throw first;
        }
    }

    /** {@code J^+ f} with the singular values below 1e-7 of the largest (the family's, blurred by the differences) dropped. */
    private static double[] minimumNormStep(RealMatrix j, double[] f) {
        SingularValueDecomposition svd = new SingularValueDecomposition(j);
        double[] sv = svd.getSingularValues();
        double[] utf = svd.getUT().operate(f);
        for (int i = 0; i < sv.length; i++) {
            utf[i] = sv[i] > 1e-7 * sv[0] ? utf[i] / sv[i] : 0.0;
        }
        return svd.getV().operate(utf);
    }

    private double[] f(double[] z) {
        double[] out = new double[z.length];
        flow.computeDerivatives(0.0, z, out);
        return out;
    }

    /** The Jacobian of the flow at z by central differences (h_i = 1e-5 max(1, |z_i|)). */
    public RealMatrix jacobian(double[] z) {
        int n = z.length;
        RealMatrix j = MatrixUtils.createRealMatrix(n, n);
        double[] zp = z.clone();
        double[] fp = new double[n];
        double[] fm = new double[n];
        for (int i = 0; i < n; i++) {
            double h = 1e-5 * Math.max(1.0, Math.abs(z[i]));
            zp[i] = z[i] + h;
            flow.computeDerivatives(0.0, zp, fp);
            zp[i] = z[i] - h;
            flow.computeDerivatives(0.0, zp, fm);
            zp[i] = z[i];
            for (int r = 0; r < n; r++) {
                j.setEntry(r, i, (fp[r] - fm[r]) / (2 * h));
            }
        }
        return j;
    }

    /** The dimension of the symmetry orbit through z: the rank of its tangents (SVD, relative 1e-9). */
    private int familyDimension(double[] z) {
        List<double[]> tangents = new ArrayList<>();
        addOutputRotations(z, tangents);
        addInputRotations(z, tangents);
        if (tangents.isEmpty()) {
            return 0;
        }
        RealMatrix m = MatrixUtils.createRealMatrix(z.length, tangents.size());
        for (int k = 0; k < tangents.size(); k++) {
            m.setColumn(k, tangents.get(k));
        }
        double[] sv = new SingularValueDecomposition(m).getSingularValues();
        double top = sv.length == 0 ? 0 : sv[0];
        int rank = 0;
        for (double v : sv) {
            rank += v > 1e-9 * Math.max(top, 1.0) ? 1 : 0;
        }
        return rank;
    }

    /**
     * The tangents {@code A W, A W_a, A W_p - W_p A} for {@code A = e_a e_b^T - e_b e_a^T}, a < b < d (acting on
     * the left of W, W_a and by conjugation on W_p).
     */
    private void addOutputRotations(double[] z, List<double[]> tangents) {
        LinearSslLayout l = flow.layout();
        int d = flow.parameters().dim();
        int dd = flow.parameters().inputDim();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double[] t = new double[z.length];
                rotateRows(t, z, l.online(), a, b, dd);
                if (l.target()) {
                    rotateRows(t, z, l.targetOffset(), a, b, dd);
                }
                if (l.predictor()) {
                    rotateRows(t, z, l.predictorOffset(), a, b, d);        // A W_p
                    rotateColumns(t, z, l.predictorOffset(), b, a, d, d);  // - W_p A
                }
                tangents.add(t);
            }
        }
    }

    /** The tangents {@code W B, W_a B} for {@code B = e_b e_c^T - e_c e_b^T} within equal eigenvalues of X. */
    private void addInputRotations(double[] z, List<double[]> tangents) {
        LinearSslLayout l = flow.layout();
        int d = flow.parameters().dim();
        int dd = flow.parameters().inputDim();
        double[] lambda = flow.parameters().spectrum();
        for (int b = 0; b < dd; b++) {
            for (int c = b + 1; c < dd; c++) {
                if (lambda[b] != lambda[c]) {
                    continue;
                }
                double[] t = new double[z.length];
                rotateColumns(t, z, l.online(), b, c, d, dd);
                if (l.target()) {
                    rotateColumns(t, z, l.targetOffset(), b, c, d, dd);
                }
                tangents.add(t);
            }
        }
    }

    /** {@code T += (e_a e_b^T - e_b e_a^T) M} for the matrix M (rows of width w) at {@code z[o ..]}: row a gets M_b., row b gets -M_a.. */
    private static void rotateRows(double[] t, double[] z, int o, int a, int b, int w) {
        for (int c = 0; c < w; c++) {
            t[o + a * w + c] += z[o + b * w + c];
            t[o + b * w + c] -= z[o + a * w + c];
        }
    }

    /** {@code T += M (e_b e_c^T - e_c e_b^T)} for the rows x w matrix M at {@code z[o ..]}: column c gets M_.b, column b gets -M_.c. */
    private static void rotateColumns(double[] t, double[] z, int o, int b, int c, int rows, int w) {
        for (int a = 0; a < rows; a++) {
            t[o + a * w + c] += z[o + a * w + b];
            t[o + a * w + b] -= z[o + a * w + c];
        }
    }
}
