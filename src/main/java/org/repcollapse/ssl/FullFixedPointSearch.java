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
        LinearSslParameters p = flow.parameters();
        LinearSslLayout l = flow.layout();
        int d = p.dim();
        int dd = p.inputDim();
        double[] lambda = p.spectrum();
        List<double[]> tangents = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double[] t = new double[z.length];
                // A = e_a e_b^T - e_b e_a^T acting on the left of W, W_a and by conjugation on W_p
                for (int c = 0; c < dd; c++) {
                    t[l.online() + a * dd + c] += z[l.online() + b * dd + c];
                    t[l.online() + b * dd + c] -= z[l.online() + a * dd + c];
                    if (l.target()) {
                        t[l.targetOffset() + a * dd + c] += z[l.targetOffset() + b * dd + c];
                        t[l.targetOffset() + b * dd + c] -= z[l.targetOffset() + a * dd + c];
                    }
                }
                if (l.predictor()) {
                    int o = l.predictorOffset();
                    for (int c = 0; c < d; c++) {
                        t[o + a * d + c] += z[o + b * d + c];      // A W_p
                        t[o + b * d + c] -= z[o + a * d + c];
                        t[o + c * d + b] -= z[o + c * d + a];      // - W_p A
                        t[o + c * d + a] += z[o + c * d + b];
                    }
                }
                tangents.add(t);
            }
        }
        for (int b = 0; b < dd; b++) {
            for (int c = b + 1; c < dd; c++) {
                if (lambda[b] != lambda[c]) {
                    continue;
                }
                double[] t = new double[z.length];
                // W B with B = e_b e_c^T - e_c e_b^T: column c gets W_.b, column b gets -W_.c
                for (int a = 0; a < d; a++) {
                    t[l.online() + a * dd + c] += z[l.online() + a * dd + b];
                    t[l.online() + a * dd + b] -= z[l.online() + a * dd + c];
                    if (l.target()) {
                        t[l.targetOffset() + a * dd + c] += z[l.targetOffset() + a * dd + b];
                        t[l.targetOffset() + a * dd + b] -= z[l.targetOffset() + a * dd + c];
                    }
                }
                tangents.add(t);
            }
        }
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
}
