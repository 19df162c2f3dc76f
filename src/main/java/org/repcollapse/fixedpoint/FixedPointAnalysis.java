package org.repcollapse.fixedpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.hipparchus.complex.Complex;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.SmallMatrices;

/**
 * A fixed point of an embedding/head flow, polished and judged with the structure the group
 * reduction gives (spec section 4, {@link GroupSplit}): the Jacobian is assembled only on the
 * coupled subspace (matrix-free products {@link FlowJacobian#times}), the rest of its spectrum is
 * {@code -eta_x |S| beta_k(B)} in closed form. The zero modes are identified with the predicted
 * family (tangents {@link FamilyTangent}, completed numerically up to the predicted dimension when
 * a rank-deficient head makes the explicit generators fall short); the verdict reads the spectrum
 * of J on the quotient by that tangent space against an uncertainty
 * {@code eps = zeroTol s + 10 |F| / |z| + s delta / |z|}, s the spectral scale and
 * {@code delta = |F| / sigma_min} the distance to the nearest fixed point that the residual allows
 * (sigma_min the smallest singular value of J on the quotient).
 */
public record FixedPointAnalysis(FixedPointPolisher.Result polished, double startResidual, double jacobianError,
                                 int coupledDimension, double invarianceResidual, double familyResidual,
                                 int familyMeasured, int familyExplicit, int familyNumerical, int predictedZeroModes,
                                 int headRank, Complex[] quotient, List<double[]> outside, int outsideFamilyZeros,
                                 double scale, double uncertainty, double distance, double margin, int stableCount,
                                 int unstableCount, Verdict verdict) {

    public enum Verdict { STABLE, MARGINAL, UNSTABLE, NOT_CONVERGED }

    /** Relative step of the central differences that check the matrix-free Jacobian. */
    public static final double FD_STEP = 1.0e-6;
    /** Deviations below this (absolute, singular values of a group's deviation matrix) are zero. */
    public static final double DEVIATION_TOLERANCE = 1.0e-12;

    public static FixedPointAnalysis of(EmbeddingSystem system, double[] start, double tol, int maxIterations,
                                        double zeroTolerance) {
        return of(system, start, tol, maxIterations, zeroTolerance, m -> { });
    }

    public static FixedPointAnalysis of(EmbeddingSystem system, double[] start, double tol, int maxIterations,
                                        double zeroTolerance, Consumer<String> progress) {
        FlowJacobian jac = FlowJacobian.of(system);
        boolean sg = system.stopGradient();
        double keep = system.layout().hasHead() && sg ? 0.0 : 1.0;
        GroupSplit split = new GroupSplit(system.structure(), system.layout(), start, DEVIATION_TOLERANCE);
        progress.accept(String.format("coupled subspace: dimension %d of %d", split.size(),
                system.layout().dimension()));
        FixedPointPolisher polisher = new FixedPointPolisher(system.flow(), jac, split);
        double r0 = polisher.residual(start);
        progress.accept(String.format("polishing (Levenberg-Marquardt on the coupled subspace) from residual %.3e", r0));
        FixedPointPolisher.Result res = polisher.polish(start, tol, maxIterations);
        double[] z = res.point();
        progress.accept(String.format("residual %.3e after %d iterations; spectrum", res.residual(), res.iterations()));
        split = new GroupSplit(system.structure(), system.layout(), z, DEVIATION_TOLERANCE);
        int q = split.size();
        int n = z.length;
        double[][] k = new double[q][q];
        double[] u = new double[q];
        double[] col = new double[n];
        double[] jcol = new double[n];
        double[] back = new double[n];
        double invariance = 0;
        double jnorm = 0;
        for (int j = 0; j < q; j++) {
            Arrays.fill(u, 0.0);
            u[j] = 1.0;
            split.expand(u, col);
            jac.times(z, col, jcol);
            split.project(jcol, u);
            for (int i = 0; i < q; i++) {
                k[i][j] = u[i];
            }
            split.expand(u, back);
            for (int i = 0; i < n; i++) {
                invariance = Math.max(invariance, Math.abs(jcol[i] - back[i]));
                jnorm = Math.max(jnorm, Math.abs(jcol[i]));
            }
        }
        double jacError = checkProducts(system, jac, z);
        RealMatrix km = MatrixUtils.createRealMatrix(k);
        List<double[]> outside = split.outsideEigenvalues(z, system.parameters().etaX(), keep);
        int d = system.layout().dim();
        int headRank = system.layout().hasHead() ? FixedPointFamily.headRank(system.embeddings(z)) : 0;
        int predicted = system.layout().hasHead() ? FixedPointFamily.dimension(system.structure(),
                system.embeddings(z), sg) : system.structure().frustrationGraph().componentCount() * d;
        // closed-form part: per group d values -eta |S| beta_k; with sg the d - rank P smallest beta are
        // the family's scatter in ker P
        int kernelPerBlock = system.layout().hasHead() && sg ? d - headRank : 0;
        int outsideZeros = 0;
        double outsideMax = Double.NEGATIVE_INFINITY;
        List<double[]> judged = new ArrayList<>();
        double scale = 0;
        for (int g = 0; g < outside.size(); g += d) {
            List<double[]> block = new ArrayList<>(outside.subList(g, Math.min(outside.size(), g + d)));
            block.sort(Comparator.comparingDouble(o -> -o[0]));   // -eta |S| beta: beta ascending
            for (int i = 0; i < block.size(); i++) {
                scale = Math.max(scale, Math.abs(block.get(i)[0]));
                if (i < kernelPerBlock) {
                    outsideZeros += (int) block.get(i)[1];
                } else {
                    outsideMax = Math.max(outsideMax, block.get(i)[0]);
                    judged.add(block.get(i));
                }
            }
        }
        // explicit tangents of the family, in coupled coordinates, orthonormalised
        List<double[]> tangents = FamilyTangent.vectors(system.structure(), system.layout(), split, z, sg);
        RealMatrix tb = orthonormalColumns(split, tangents, u);
        int explicit = tb == null ? 0 : tb.getColumnDimension();
        RealMatrix c = complement(tb, q);
        scale = Math.max(scale, new SingularValueDecomposition(km).getNorm());
        double zmax = 1.0;
        for (double v : z) {
            zmax = Math.max(zmax, Math.abs(v));
        }
        double eps0 = zeroTolerance * scale + 10 * res.residual() / zmax;
        // the rest of the predicted family, when the explicit generators do not span it (a rank-deficient
        // head): the right singular vectors of J on the complement with the smallest singular values,
        // taken only as many as the prediction counts and only if they are zero within eps0
        int missing = predicted - explicit - outsideZeros;
        int numerical = 0;
        if (missing > 0 && c != null) {
            SingularValueDecomposition svd = new SingularValueDecomposition(km.multiply(c));
            double[] sv = svd.getSingularValues();
            int cols = sv.length;
            while (numerical < missing && numerical < cols && sv[cols - 1 - numerical] <= eps0) {
                numerical++;
            }
            if (numerical > 0) {
                RealMatrix extra = c.multiply(svd.getV().getSubMatrix(0, cols - 1, cols - numerical, cols - 1));
                RealMatrix all = MatrixUtils.createRealMatrix(q, explicit + numerical);
                if (explicit > 0) {
                    all.setSubMatrix(tb.getData(), 0, 0);
                }
                all.setSubMatrix(extra.getData(), 0, explicit);
                tb = all;
                c = complement(tb, q);
            }
        }
        double family = tb == null ? 0.0 : km.multiply(tb).getNorm1() / Math.max(scale, Double.MIN_NORMAL);
        Complex[] quotient = new Complex[0];
        double sigmaMin = Double.POSITIVE_INFINITY;
        if (c != null) {
            RealMatrix kq = c.transpose().multiply(km).multiply(c);
            quotient = JacobianSpectrum.eigen(kq);
            double[] sv = new SingularValueDecomposition(kq).getSingularValues();
            sigmaMin = sv[sv.length - 1];
        }
        Arrays.sort(quotient, Comparator.comparingDouble(Complex::getReal).reversed());
        // distance to the nearest fixed point (a Newton step on the quotient), and the eigenvalue
        // uncertainty it causes: |dJ| ~ scale |dz| / |z|
        double distance = res.residual() / sigmaMin;
        double eps = eps0 + scale * distance / zmax;
        double maxRe = outsideMax;
        for (Complex e : quotient) {
            maxRe = Math.max(maxRe, e.getReal());
        }
        Verdict verdict;
        if (!res.converged()) {
            verdict = Verdict.NOT_CONVERGED;
        } else if (maxRe < -eps || maxRe == Double.NEGATIVE_INFINITY) {
            verdict = Verdict.STABLE;
        } else if (maxRe > eps) {
            verdict = Verdict.UNSTABLE;
        } else {
            verdict = Verdict.MARGINAL;
        }
        int measured = (tb == null ? 0 : tb.getColumnDimension()) + outsideZeros;
        int stable = 0;
        int unstable = 0;
        for (Complex e : quotient) {
            stable += e.getReal() < -eps ? 1 : 0;
            unstable += e.getReal() > eps ? 1 : 0;
        }
        for (double[] o : judged) {
            stable += o[0] < -eps ? (int) o[1] : 0;
            unstable += o[0] > eps ? (int) o[1] : 0;
        }
        return new FixedPointAnalysis(res, r0, jacError, q, jnorm > 0 ? invariance / jnorm : 0.0, family, measured,
                explicit, numerical, predicted, headRank, quotient, outside, outsideZeros, scale, eps, distance,
                maxRe / scale, stable, unstable, verdict);
    }

    /** Orthonormal columns spanning the projections of the given state-space vectors (null if none). */
    private static RealMatrix orthonormalColumns(GroupSplit split, List<double[]> vectors, double[] work) {
        if (vectors.isEmpty()) {
            return null;
        }
        int q = split.size();
        RealMatrix t0 = MatrixUtils.createRealMatrix(q, vectors.size());
        for (int col = 0; col < vectors.size(); col++) {
            split.project(vectors.get(col), work);
            t0.setColumn(col, work);
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(t0);
        double[] sv = svd.getSingularValues();
        int t = 0;
        while (t < sv.length && sv[t] > 1.0e-8 * sv[0]) {
            t++;
        }
        return t == 0 ? null : svd.getU().getSubMatrix(0, q - 1, 0, t - 1);
    }

    /** Orthonormal basis of the complement of span(t): the last q - t columns of Q in the QR of [t | I]. */
    private static RealMatrix complement(RealMatrix t, int q) {
        int k = t == null ? 0 : t.getColumnDimension();
        if (k >= q) {
            return null;
        }
        RealMatrix stack = MatrixUtils.createRealMatrix(q, k + q);
        if (k > 0) {
            stack.setSubMatrix(t.getData(), 0, 0);
        }
        stack.setSubMatrix(MatrixUtils.createRealIdentityMatrix(q).getData(), 0, k);
        return new QRDecomposition(stack).getQ().getSubMatrix(0, q - 1, k, q - 1);
    }

    /** Max relative error of {@link FlowJacobian#times} against central differences along 3 directions. */
    private static double checkProducts(EmbeddingSystem system, FlowJacobian jac, double[] z) {
        int n = z.length;
        double err = 0;
        double[] out = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int rep = 0; rep < 3; rep++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextDouble() - 0.5;
            }
            jac.times(z, v, out);
            double h = FD_STEP * Math.max(1.0, SmallMatrices.norm(z)) / SmallMatrices.norm(v);
            double[] zp = z.clone();
            double[] zm = z.clone();
            for (int i = 0; i < n; i++) {
                zp[i] += h * v[i];
                zm[i] -= h * v[i];
            }
            double[] fp = system.flow().derivative(zp);
            double[] fm = system.flow().derivative(zm);
            double scale = 0;
            double e = 0;
            for (int i = 0; i < n; i++) {
                double fd = (fp[i] - fm[i]) / (2 * h);
                e = Math.max(e, Math.abs(fd - out[i]));
                scale = Math.max(scale, Math.abs(out[i]));
            }
            err = Math.max(err, scale > 0 ? e / scale : e);
        }
        return err;
    }

    public boolean stable() {
        return verdict == Verdict.STABLE;
    }

    /** Whether the measured family dimension equals the predicted one. */
    public boolean familyMatches() {
        return familyMeasured == predictedZeroModes;
    }

    /** The embeddings at the polished point, for the head report. */
    public Embeddings embeddings(EmbeddingSystem system) {
        return system.embeddings(polished.point());
    }
}
