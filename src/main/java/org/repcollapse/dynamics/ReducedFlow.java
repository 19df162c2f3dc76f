package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;

/**
 * The exact group reduction of the flow (spec section 4), with {@code B = P^T P + (1-s) I} and
 * {@code A = P^T + (1-s) P} ({@code B = A = I} without head):
 * {@code dm_S/dt = -eta_x (|S| B m_S - A sum_{c in S} y_c)},
 * {@code dy_c/dt = -(gamma/n_c) (n_c B y_c - A sum_{S ni c} n_S m_S)},
 * {@code dPhi_l/dt = -eta_x l B Phi_l} (so {@code C_S = Phi_|S| C_S(0) Phi_|S|^T}) and
 * {@code dP/dt = -(eta_P/|E|) (P (M_xx + M_yy) - M_yx - M_yx^T)} with
 * {@code M_xx = sum_S |S| (n_S m_S m_S^T + C_S)}, {@code M_yy = sum_c n_c y_c y_c^T},
 * {@code M_yx = sum_c y_c (sum_{S ni c} n_S m_S)^T}.
 *
 * <p>The scatter enters only through {@code sum_{|S| = l} C_S(0)}, so a call costs
 * {@code O(|E_S| d + (G + K) d^2 + L d^3)} (G groups, L label-set sizes), independent of N.
 * Scratch is allocated once; an instance serves one integration at a time.
 */
public final class ReducedFlow extends LossFlow {

    private final ReducedLayout layout;
    private final int[][] groupLabels;
    private final double[] groupSize;
    private final double[] classDegree;
    private final double etaX;
    private final double gamma;
    private final double headRate;
    private final double keep;
    private final double[][] scatterSum;
    private final double[] out;
    private final double[] b;
    private final double[] momentWeight;
    private final double[] ay;
    private final double[] xsum;
    private final double[] m2;
    private final double[] mxy;
    private final double[] t1;
    private final double[] t2;
    private final double[] v;
    private final double[] pT;
    private final double[] aT;
    private final double[] t3;
    private final double[] rows;
    private final SampleKernel kernel = SampleKernel.selected();

    /**
     * @param scatterSum per propagator level l, {@code sum_{|S| = l} C_S(0)} (d x d row-major)
     */
    public ReducedFlow(ReducedLayout layout, LabelStructure structure, boolean stopGradient,
                       double etaX, double gamma, double etaP, double[][] scatterSum) {
        super(layout.dimension());
        this.layout = layout;
        int groups = layout.groups();
        groupLabels = new int[groups][];
        groupSize = new double[groups];
        for (int g = 0; g < groups; g++) {
            groupLabels[g] = structure.groups().get(g).clone();
            groupSize[g] = structure.groupSize(g);
        }
        classDegree = new double[layout.classes()];
        for (int c = 0; c < classDegree.length; c++) {
            classDegree[c] = structure.classDegree(c);
        }
        this.etaX = etaX;
        this.gamma = gamma;
        this.headRate = etaP / structure.edgeCount();
        this.keep = stopGradient ? 0.0 : 1.0;
        this.scatterSum = new double[scatterSum.length][];
        for (int l = 0; l < scatterSum.length; l++) {
            this.scatterSum[l] = scatterSum[l].clone();
        }
        int d = layout.dim();
        out = new double[layout.dimension()];
        b = new double[d * d];
        momentWeight = new double[groups];
        for (int g = 0; g < groups; g++) {
            momentWeight[g] = groupLabels[g].length * groupSize[g];
        }
        ay = new double[layout.classes() * d];
        xsum = new double[layout.classes() * d];
        m2 = new double[d * d];
        mxy = new double[d * d];
        t1 = new double[d * d];
        t2 = new double[Math.max(d, layout.classes()) * d]; // also holds the K x d rows A xsum_c
        v = new double[d];
        pT = new double[d * d];
        aT = new double[d * d];
        t3 = new double[d * d];
        rows = new double[Math.max(layout.groups(), layout.classes()) * d];
    }

    /** B and {@code A^T} at z (identity without head), products by the {@link SampleKernel}. */
    private void headMatrices(double[] z) {
        int d = layout.dim();
        if (!layout.hasHead()) {
            Arrays.fill(b, 0.0);
            for (int k = 0; k < d; k++) {
                b[k * d + k] = 1.0;
            }
            System.arraycopy(b, 0, aT, 0, d * d);
            return;
        }
        HeadOperators.fillTransposed(kernel, z, layout.p(), d, keep, pT, b, aT);
    }

    /** The sum of the scatters weighted by label-set size, {@code sum_S |S| C_S = sum_l l Phi_l S_l Phi_l^T}, into target. */
    private void addScatter(double[] z, double[] target) {
        int d = layout.dim();
        for (int l = 0; l < layout.levels(); l++) {
            int phi = layout.phi(l);
            kernel.multiply(z, phi, d, d, scatterSum[l], 0, d, t1, 0);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    t2[j * d + i] = z[phi + i * d + j];
                }
            }
            kernel.multiply(t1, 0, d, d, t2, 0, d, t3, 0);
            double size = layout.levelSize(l);
            for (int k = 0; k < d * d; k++) {
                target[k] += size * t3[k];
            }
        }
    }

    /**
     * The right-hand side; the d x d and (G + K) x d products by the {@link SampleKernel} (rows of
     * group means and labels are contiguous in the layout).
     */
    @Override
    public double[] computeDerivatives(double t, double[] z) {
        countEvaluation();
        int d = layout.dim();
        int classes = layout.classes();
        int groups = layout.groups();
        headMatrices(z);
        kernel.multiply(z, layout.y(0), classes, d, aT, 0, d, ay, 0);            // rows A y_c
        kernel.multiply(z, layout.m(0), groups, d, b, 0, d, rows, 0);            // rows B m_S (B symmetric)
        Arrays.fill(xsum, 0.0);
        for (int g = 0; g < groups; g++) {
            int m = layout.m(g);
            int l = groupLabels[g].length;
            for (int k = 0; k < d; k++) {
                out[m + k] = -etaX * l * rows[g * d + k];
            }
            for (int c : groupLabels[g]) {
                for (int k = 0; k < d; k++) {
                    out[m + k] += etaX * ay[c * d + k];
                    xsum[c * d + k] += groupSize[g] * z[m + k];
                }
            }
        }
        kernel.multiply(z, layout.y(0), classes, d, b, 0, d, rows, 0);           // rows B y_c
        kernel.multiply(xsum, 0, classes, d, aT, 0, d, t2, 0);                   // rows A xsum_c
        for (int c = 0; c < classes; c++) {
            int y = layout.y(c);
            double rate = gamma / classDegree[c];
            for (int k = 0; k < d; k++) {
                out[y + k] = -rate * (classDegree[c] * rows[c * d + k] - t2[c * d + k]);
            }
        }
        for (int l = 0; l < layout.levels(); l++) {
            int phi = layout.phi(l);
            kernel.multiply(b, 0, d, d, z, phi, d, out, phi);
            double r = -etaX * layout.levelSize(l);
            for (int k = 0; k < d * d; k++) {
                out[phi + k] *= r;
            }
        }
        if (layout.hasHead()) {
            headDerivative(z);
        }
        return out;
    }

    private void headDerivative(double[] z) {
        int d = layout.dim();
        int p = layout.p();
        Arrays.fill(mxy, 0.0);
        kernel.weightedMoment(z, d, momentWeight, 0, layout.groups(), m2);   // sum_S |S| n_S m_S m_S^T (rows m_S from 0)
        addScatter(z, m2);
        for (int c = 0; c < layout.classes(); c++) {
            int y = layout.y(c);
            double n = classDegree[c];
            for (int i = 0; i < d; i++) {
                double yi = z[y + i];
                for (int j = 0; j < d; j++) {
                    m2[i * d + j] += n * yi * z[y + j];
                    mxy[i * d + j] += yi * xsum[c * d + j];
                }
            }
        }
        kernel.multiply(z, p, d, d, m2, 0, d, out, p);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[p + i * d + j] = -headRate * (out[p + i * d + j] - mxy[i * d + j] - mxy[j * d + i]);
            }
        }
    }

    /**
     * The loss of the N-sample model, from the reduced state:
     * {@code 1/2 sum_S sum_{c in S} n_S (|P m_S - y_c|^2 + |P y_c - m_S|^2) + 1/2 tr((P^T P + I) sum_S |S| C_S)},
     * or {@code 1/2 sum_S sum_{c in S} n_S |m_S - y_c|^2 + 1/2 tr(sum_S |S| C_S)} without head.
     */
    @Override
    public double loss(double[] z) {
        int d = layout.dim();
        int p = layout.p();
        double[] pm = new double[d];
        double[] py = new double[layout.classes() * d];
        if (layout.hasHead()) {
            for (int c = 0; c < layout.classes(); c++) {
                SmallMatrices.apply(z, p, z, layout.y(c), py, c * d, d);
            }
        }
        double sum = 0;
        for (int g = 0; g < layout.groups(); g++) {
            int m = layout.m(g);
            if (layout.hasHead()) {
                SmallMatrices.apply(z, p, z, m, pm, 0, d);
            }
            for (int c : groupLabels[g]) {
                int y = layout.y(c);
                double s = 0;
                for (int k = 0; k < d; k++) {
                    if (layout.hasHead()) {
                        double r1 = pm[k] - z[y + k];
                        double r2 = py[c * d + k] - z[m + k];
                        s += r1 * r1 + r2 * r2;
                    } else {
                        double r = z[m + k] - z[y + k];
                        s += r * r;
                    }
                }
                sum += groupSize[g] * s;
            }
        }
        double[] w = new double[d * d];
        addScatter(z, w);
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += w[i * d + i];
        }
        if (layout.hasHead()) {
            // tr(P^T P W) = sum_{a,b} (P W)_{ab} P_{ab}
            SmallMatrices.multiply(z, p, w, 0, t2, 0, d);
            for (int k = 0; k < d * d; k++) {
                trace += t2[k] * z[p + k];
            }
        }
        return 0.5 * (sum + trace);
    }
}
