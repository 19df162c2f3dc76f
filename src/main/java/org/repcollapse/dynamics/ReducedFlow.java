package org.repcollapse.dynamics;

import java.util.Arrays;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.repcollapse.model.LabelStructure;

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
public final class ReducedFlow implements OrdinaryDifferentialEquation {

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
    private final double[] a;
    private final double[] ay;
    private final double[] xsum;
    private final double[] m2;
    private final double[] mxy;
    private final double[] t1;
    private final double[] t2;
    private final double[] v;
    private long evaluations;

    /**
     * @param scatterSum per propagator level l, {@code sum_{|S| = l} C_S(0)} (d x d row-major)
     */
    public ReducedFlow(ReducedLayout layout, LabelStructure structure, boolean stopGradient,
                       double etaX, double gamma, double etaP, double[][] scatterSum) {
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
        a = new double[d * d];
        ay = new double[layout.classes() * d];
        xsum = new double[layout.classes() * d];
        m2 = new double[d * d];
        mxy = new double[d * d];
        t1 = new double[d * d];
        t2 = new double[d * d];
        v = new double[d];
    }

    public ReducedLayout layout() {
        return layout;
    }

    @Override
    public int getDimension() {
        return layout.dimension();
    }

    /** Number of right-hand-side evaluations so far. */
    public long evaluations() {
        return evaluations;
    }

    /** B and A at z (identity without head). */
    private void headMatrices(double[] z) {
        int d = layout.dim();
        if (!layout.hasHead()) {
            Arrays.fill(b, 0.0);
            for (int k = 0; k < d; k++) {
                b[k * d + k] = 1.0;
            }
            System.arraycopy(b, 0, a, 0, d * d);
            return;
        }
        int p = layout.p();
        HeadOperators.fill(z, p, d, keep, b, a);
    }

    /** out[o..o+d) = M v[v0..v0+d), M = m[m0..] (d x d row-major). */
    static void apply(double[] m, int m0, double[] v, int v0, double[] out, int o, int d) {
        for (int i = 0; i < d; i++) {
            double s = 0;
            int row = m0 + i * d;
            for (int k = 0; k < d; k++) {
                s += m[row + k] * v[v0 + k];
            }
            out[o + i] = s;
        }
    }

    /** c = alpha * x y^T-style product: c[c0..] = x[x0..] * y[y0..] (all d x d row-major). */
    static void multiply(double[] x, int x0, double[] y, int y0, double[] c, int c0, int d) {
        Arrays.fill(c, c0, c0 + d * d, 0.0);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double xik = x[x0 + i * d + k];
                int yr = y0 + k * d;
                int cr = c0 + i * d;
                for (int j = 0; j < d; j++) {
                    c[cr + j] += xik * y[yr + j];
                }
            }
        }
    }

    /** c[c0..] += alpha * x[x0..] y[y0..]^T (all d x d row-major). */
    static void addMultiplyTransposed(double alpha, double[] x, int x0, double[] y, int y0, double[] c, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += x[x0 + i * d + k] * y[y0 + j * d + k];
                }
                c[i * d + j] += alpha * s;
            }
        }
    }

    /** The sum of the scatters weighted by label-set size, {@code sum_S |S| C_S = sum_l l Phi_l S_l Phi_l^T}, into m2. */
    private void addScatter(double[] z, double[] target) {
        int d = layout.dim();
        for (int l = 0; l < layout.levels(); l++) {
            multiply(z, layout.phi(l), scatterSum[l], 0, t1, 0, d);
            addMultiplyTransposed(layout.levelSize(l), t1, 0, z, layout.phi(l), target, d);
        }
    }

    @Override
    public double[] computeDerivatives(double t, double[] z) {
        evaluations++;
        int d = layout.dim();
        int classes = layout.classes();
        headMatrices(z);
        for (int c = 0; c < classes; c++) {
            apply(a, 0, z, layout.y(c), ay, c * d, d);
        }
        Arrays.fill(xsum, 0.0);
        for (int g = 0; g < layout.groups(); g++) {
            int m = layout.m(g);
            int l = groupLabels[g].length;
            apply(b, 0, z, m, v, 0, d);
            for (int k = 0; k < d; k++) {
                out[m + k] = -etaX * l * v[k];
            }
            for (int c : groupLabels[g]) {
                for (int k = 0; k < d; k++) {
                    out[m + k] += etaX * ay[c * d + k];
                    xsum[c * d + k] += groupSize[g] * z[m + k];
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            int y = layout.y(c);
            apply(b, 0, z, y, v, 0, d);
            double rate = gamma / classDegree[c];
            apply(a, 0, xsum, c * d, t2, 0, d);
            for (int k = 0; k < d; k++) {
                out[y + k] = -rate * (classDegree[c] * v[k] - t2[k]);
            }
        }
        for (int l = 0; l < layout.levels(); l++) {
            int phi = layout.phi(l);
            multiply(b, 0, z, phi, out, phi, d);
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
        Arrays.fill(m2, 0.0);
        Arrays.fill(mxy, 0.0);
        for (int g = 0; g < layout.groups(); g++) {
            int m = layout.m(g);
            double w = groupLabels[g].length * groupSize[g];
            for (int i = 0; i < d; i++) {
                double wi = w * z[m + i];
                for (int j = 0; j < d; j++) {
                    m2[i * d + j] += wi * z[m + j];
                }
            }
        }
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
        multiply(z, p, m2, 0, out, p, d);
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
    public double loss(double[] z) {
        int d = layout.dim();
        int p = layout.p();
        double[] pm = new double[d];
        double[] py = new double[layout.classes() * d];
        if (layout.hasHead()) {
            for (int c = 0; c < layout.classes(); c++) {
                apply(z, p, z, layout.y(c), py, c * d, d);
            }
        }
        double sum = 0;
        for (int g = 0; g < layout.groups(); g++) {
            int m = layout.m(g);
            if (layout.hasHead()) {
                apply(z, p, z, m, pm, 0, d);
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
            multiply(z, p, w, 0, t2, 0, d);
            for (int k = 0; k < d * d; k++) {
                trace += t2[k] * z[p + k];
            }
        }
        return 0.5 * (sum + trace);
    }
}
