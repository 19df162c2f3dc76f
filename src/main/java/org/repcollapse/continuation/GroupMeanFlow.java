package org.repcollapse.continuation;

import java.util.Arrays;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

import org.repcollapse.model.SmallMatrices;

/**
 * The exact group reduction (spec section 4) at its fixed points, with real group weights
 * {@code w_S}: group means {@code m_S}, labels {@code y_c}, head P, the scatter dropped. With
 * {@code B = P^T P + (1-s) I}, {@code A = P^T + (1-s) P} (B = A = I without head),
 * {@code n_c = sum_{S ni c} w_S}, {@code xs_c = sum_{S ni c} w_S m_S}, {@code |E| = sum_S |S| w_S}:
 * <pre>
 * dm_S/dt = -eta_x (|S| B m_S - A sum_{c in S} y_c)
 * dy_c/dt = -gamma (B y_c - A xs_c / n_c)
 * dP/dt   = -(eta_P/|E|) (P (M_xx + M_yy) - M_yx - M_yx^T),
 *           M_xx = sum_S |S| w_S m_S m_S^T, M_yy = sum_c n_c y_c y_c^T, M_yx = sum_c y_c xs_c^T.
 * </pre>
 * Its fixed points are those of the reduced flow: there the scatter either has decayed (in the range
 * of B) or lies in ker P, where it exerts no force ({@code P C_S = 0}); the scatter's own
 * eigenvalues {@code -eta_x |S| (beta_i + beta_j)} (beta of B) are closed forms and never positive.
 * The right-hand side is homogeneous of degree 0 in the weights, so N drops out.
 * State: G rows m_S, K rows y_c, then P (row-major), all of length d.
 */
public final class GroupMeanFlow implements OrdinaryDifferentialEquation {

    private final GroupWeights groups;
    private final int d;
    private final boolean head;
    private final double keep;
    private final double etaX;
    private final double gamma;
    private final double etaP;
    private final double[] n;
    private final double edges;
    // scratch (one evaluation at a time)
    private final double[] b;
    private final double[] a;
    private final double[] db;
    private final double[] da;
    private final double[] xs;
    private final double[] dxs;
    private final double[] m2;
    private final double[] dm2;
    private final double[] myx;
    private final double[] dmyx;
    /** The head's product P M2 in {@link #residual}. */
    private final double[] pm;
    private final double[] v1;
    private final double[] v2;
    private final double[] out;

    public GroupMeanFlow(GroupWeights groups, int dim, boolean head, boolean stopGradient, double etaX, double gamma,
                         double etaP) {
        this.groups = groups;
        this.d = dim;
        this.head = head;
        this.keep = head && stopGradient ? 0.0 : 1.0;
        this.etaX = etaX;
        this.gamma = gamma;
        this.etaP = etaP;
        this.n = groups.classDegrees();
        double e = 0;
        for (int g = 0; g < groups.groups(); g++) {
            e += groups.sets()[g].length * groups.weights()[g];
        }
        this.edges = e;
        b = new double[d * d];
        a = new double[d * d];
        db = new double[d * d];
        da = new double[d * d];
        xs = new double[groups.classes() * d];
        dxs = new double[groups.classes() * d];
        m2 = new double[d * d];
        dm2 = new double[d * d];
        myx = new double[d * d];
        dmyx = new double[d * d];
        pm = new double[d * d];
        v1 = new double[d];
        v2 = new double[d];
        out = new double[dimension()];
    }

    public GroupWeights groups() {
        return groups;
    }

    public int dim() {
        return d;
    }

    public boolean hasHead() {
        return head;
    }

    public int dimension() {
        return (groups.groups() + groups.classes()) * d + (head ? d * d : 0);
    }

    public int m(int g) {
        return g * d;
    }

    public int y(int c) {
        return (groups.groups() + c) * d;
    }

    public int p() {
        return (groups.groups() + groups.classes()) * d;
    }

    @Override
    public int getDimension() {
        return dimension();
    }

    @Override
    public double[] computeDerivatives(double t, double[] z) {
        residual(z, out);
        return out;
    }

    /** {@code f = F(z)}. */
    public void residual(double[] z, double[] f) {
        operators(z, b, a);
        classSums(z, xs);
        int k = groups.classes();
        for (int g = 0; g < groups.groups(); g++) {
            int[] set = groups.sets()[g];
            Arrays.fill(v1, 0.0);
            for (int c : set) {
                add(v1, z, y(c));
            }
            apply(b, z, m(g), v2);
            for (int i = 0; i < d; i++) {
                f[m(g) + i] = -etaX * set.length * v2[i];
            }
            apply(a, v1, 0, v2);
            for (int i = 0; i < d; i++) {
                f[m(g) + i] += etaX * v2[i];
            }
        }
        for (int c = 0; c < k; c++) {
            apply(b, z, y(c), v1);
            apply(a, xs, c * d, v2);
            for (int i = 0; i < d; i++) {
                f[y(c) + i] = -gamma * (v1[i] - v2[i] / n[c]);
            }
        }
        if (head) {
            moments(z, xs, m2, myx);
            int p = p();
            double rate = etaP / edges;
            SmallMatrices.multiply(z, p, m2, 0, pm, 0, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    f[p + i * d + j] = -rate * (pm[i * d + j] - myx[i * d + j] - myx[j * d + i]);
                }
            }
        }
    }

    /** {@code f = F_z(z) v}: the linearisation of {@link #residual}. */
    public void times(double[] z, double[] v, double[] f) {
        operators(z, b, a);
        classSums(z, xs);
        classSums(v, dxs);
        Arrays.fill(db, 0.0);
        Arrays.fill(da, 0.0);
        if (head) {
            int p = p();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int q = 0; q < d; q++) {
                        s += v[p + q * d + i] * z[p + q * d + j] + z[p + q * d + i] * v[p + q * d + j];
                    }
                    db[i * d + j] = s;
                    da[i * d + j] = v[p + j * d + i] + keep * v[p + i * d + j];
                }
            }
        }
        int k = groups.classes();
        for (int g = 0; g < groups.groups(); g++) {
            int[] set = groups.sets()[g];
            double[] ys = v1;
            double[] dys = v2;
            Arrays.fill(ys, 0.0);
            Arrays.fill(dys, 0.0);
            for (int c : set) {
                add(ys, z, y(c));
                add(dys, v, y(c));
            }
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int q = 0; q < d; q++) {
                    s += set.length * (b[i * d + q] * v[m(g) + q] + db[i * d + q] * z[m(g) + q])
                            - a[i * d + q] * dys[q] - da[i * d + q] * ys[q];
                }
                f[m(g) + i] = -etaX * s;
            }
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int q = 0; q < d; q++) {
                    s += b[i * d + q] * v[y(c) + q] + db[i * d + q] * z[y(c) + q]
                            - (a[i * d + q] * dxs[c * d + q] + da[i * d + q] * xs[c * d + q]) / n[c];
                }
                f[y(c) + i] = -gamma * s;
            }
        }
        if (head) {
            moments(z, xs, m2, myx);
            // dM = sum |S| w (dm m^T + m dm^T) + sum n_c (dy y^T + y dy^T); dMyx = sum_c (dy_c xs_c^T + y_c dxs_c^T)
            Arrays.fill(dm2, 0.0);
            Arrays.fill(dmyx, 0.0);
            for (int g = 0; g < groups.groups(); g++) {
                double w = groups.sets()[g].length * groups.weights()[g];
                outer(dm2, w, v, m(g), z, m(g));
                outer(dm2, w, z, m(g), v, m(g));
            }
            for (int c = 0; c < k; c++) {
                outer(dm2, n[c], v, y(c), z, y(c));
                outer(dm2, n[c], z, y(c), v, y(c));
                outer(dmyx, 1.0, v, y(c), xs, c * d);
                outer(dmyx, 1.0, z, y(c), dxs, c * d);
            }
            int p = p();
            double rate = etaP / edges;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int q = 0; q < d; q++) {
                        s += v[p + i * d + q] * m2[q * d + j] + z[p + i * d + q] * dm2[q * d + j];
                    }
                    f[p + i * d + j] = -rate * (s - dmyx[i * d + j] - dmyx[j * d + i]);
                }
            }
        }
    }

    /** The dense Jacobian {@code F_z(z)}, column by column from {@link #times}. */
    public double[][] jacobian(double[] z) {
        int dim = dimension();
        double[][] j = new double[dim][dim];
        double[] e = new double[dim];
        double[] col = new double[dim];
        for (int c = 0; c < dim; c++) {
            e[c] = 1.0;
            times(z, e, col);
            e[c] = 0.0;
            for (int r = 0; r < dim; r++) {
                j[r][c] = col[r];
            }
        }
        return j;
    }

    /** B and A at z (row-major). */
    private void operators(double[] z, double[] bb, double[] aa) {
        Arrays.fill(bb, 0.0);
        Arrays.fill(aa, 0.0);
        if (!head) {
            for (int i = 0; i < d; i++) {
                bb[i * d + i] = 1.0;
                aa[i * d + i] = 1.0;
            }
            return;
        }
        int p = p();
        SmallMatrices.headGram(z, p, d, keep, bb, 0);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                aa[i * d + j] = z[p + j * d + i] + keep * z[p + i * d + j];
            }
        }
    }

    /** {@code xs_c = sum_{S ni c} w_S m_S} of the group-mean rows of z. */
    private void classSums(double[] z, double[] target) {
        Arrays.fill(target, 0.0);
        for (int g = 0; g < groups.groups(); g++) {
            double w = groups.weights()[g];
            for (int c : groups.sets()[g]) {
                for (int i = 0; i < d; i++) {
                    target[c * d + i] += w * z[m(g) + i];
                }
            }
        }
    }

    private void moments(double[] z, double[] sums, double[] mm, double[] yx) {
        Arrays.fill(mm, 0.0);
        Arrays.fill(yx, 0.0);
        for (int g = 0; g < groups.groups(); g++) {
            outer(mm, groups.sets()[g].length * groups.weights()[g], z, m(g), z, m(g));
        }
        for (int c = 0; c < groups.classes(); c++) {
            outer(mm, n[c], z, y(c), z, y(c));
            outer(yx, 1.0, z, y(c), sums, c * d);
        }
    }

    /** {@code target += w u v^T}, u = x[x0..x0+d), v = y[y0..y0+d). */
    private void outer(double[] target, double w, double[] x, int x0, double[] yv, int y0) {
        if (w == 0) {
            return;
        }
        for (int i = 0; i < d; i++) {
            double xi = w * x[x0 + i];
            for (int j = 0; j < d; j++) {
                target[i * d + j] += xi * yv[y0 + j];
            }
        }
    }

    private void apply(double[] mat, double[] x, int x0, double[] target) {
        SmallMatrices.apply(mat, 0, x, x0, target, 0, d);
    }

    private void add(double[] target, double[] x, int x0) {
        for (int i = 0; i < d; i++) {
            target[i] += x[x0 + i];
        }
    }
}
