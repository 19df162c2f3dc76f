package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StudentLayout;

/**
 * Solves with {@code M = I - c J} for the teacher-student flow with a head, J the exact Jacobian
 * (head couplings included). With {@code C = U diag(lambda) U^T} and {@code B = V diag(beta) V^T}
 * the encoder block {@code dW + c eta_W (B dW C)} is diagonal in {@code What = V^T W U}:
 * {@code 1 + c eta_W beta_a lambda_j}. Eliminating it leaves a dense system on the labels and the
 * head, of size {@code K d + d^2}, independent of N and D: with {@code g = A dY^T Qhat - dB (WU) Lambda
 * + dA Y^T Qhat}, {@code dWhat = (rhat + c eta_W V^T g) / (1 + c eta_W beta lambda)}, substituted into
 * {@code dy_c + c g_c (n_c B dy_c + n_c dB y_c - A dW M_c - dA W M_c) = r_c} and
 * {@code dP + c h_P (dP S + P dS - dX) = r_P} ({@link StudentPredictorLoss}'s G_P linearised).
 * Encoder directions outside C's range carry no input and are left as they are. The point is a
 * {@link StudentHeadPoint}, the head frozen in a {@link FrozenHead}.
 */
final class StudentHeadShiftedSystem extends LabelEliminationSystem {

    private final StudentLayout layout;
    private final double headRate;
    private final double keep;
    private final FrozenHead head;
    private final StudentRange range;
    private final int r;
    private final int m;
    /** The linearisation point (set by {@link #linearise}). */
    private StudentHeadPoint point;
    // factorisation
    private final double[] inverseDiagonal;
    private final double[] lu;
    private final int[] pivot;
    // work
    private final double[] g;
    private final double[] what;
    private final double[] rhat;
    private final double[] projected;
    private final double[] xi;
    private final double[] out;
    private final double[] db;
    private final double[] da;
    private final double[] dwq;
    private final double[] dwcw;
    private final double[] ayq;
    private final double[] wqhT;
    private final double[] wl;
    private final double[] wlw;
    private final double[] ds;
    // the reduced coupling of a factorisation (reducedCoupling)
    private final double[] rq;
    private final double[] t1;
    private final double[] t2;
    private final double[] t3;
    private final double[] vta;
    private final double[] reduced;

    StudentHeadShiftedSystem(StudentLayout layout, InputStatistics stats, BlockRates rates, double keep) {
        super(layout.classes(), layout.dim(), rates, stats::degree);
        this.layout = layout;
        this.headRate = rates.headRate();
        this.keep = keep;
        this.head = FrozenHead.forHead(d);
        this.range = new StudentRange(stats);
        this.r = range.modes();
        this.m = k * d + d * d;
        inverseDiagonal = new double[d * r];
        lu = new double[m * m];
        pivot = new int[m];
        g = new double[d * r];
        what = new double[d * r];
        rhat = new double[d * r];
        projected = new double[d * r];
        xi = new double[m];
        out = new double[m];
        db = new double[d * d];
        da = new double[d * d];
        dwq = new double[k * d];
        dwcw = new double[d * d];
        ayq = new double[d * r];
        wqhT = new double[k * d];
        wl = new double[d * r];
        wlw = new double[d * d];
        ds = new double[d * d];
        rq = new double[r * (k + d)];
        t1 = new double[d * k * (k + d)];
        t2 = new double[d * d * (k + d)];
        t3 = new double[d * d * (k + d)];
        vta = new double[d * d];
        reduced = new double[d * (k + d)];
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public void linearise(double t, double[] z) {
        head.freeze(z, layout.p(), keep);
        point = StudentHeadPoint.at(z, layout, range, degree);
    }

    @Override
    public void factor(double c) {
        this.c = c;
        double[] lambda = range.lambda();
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < r; j++) {
                inverseDiagonal[a * r + j] = 1.0 / (1.0 + c * eta * head.beta[a] * lambda[j]);
            }
        }
        reducedCoupling();
        for (int col = 0; col < m; col++) {
            java.util.Arrays.fill(xi, 0.0);
            xi[col] = 1.0;
            unitEncoderProducts(col);
            applyRows(xi, out);
            for (int row = 0; row < m; row++) {
                lu[row * m + col] = out[row];
            }
        }
        DenseLu.decompose(lu, pivot, m);
    }

    /**
     * The encoder's response to a unit xi reduced to what the label and head rows read: with
     * {@code G = V^T g = (V^T A) dY^T Qhat - (V^T dB) (WU) Lambda + (V^T dA) Y^T Qhat} and
     * {@code dWhat = c eta_W D^-1 o G}, the rows need only {@code dWhat R}, {@code R = [Qhat^T, Lambda (WU)^T]}
     * (r x (K + d)). So {@code T_f[a][e] = sum_j D^-1_aj F_f[e][j] R_j} is formed once per factorisation
     * for the three factors {@code F = Qhat, (WU) Lambda, Y^T Qhat}, and each column costs O(d^2 (K + d)).
     */
    private void reducedCoupling() {
        double[] wu = point.wu();
        double[] yq = point.yq();
        double[] qh = range.qHat();
        double[] lambda = range.lambda();
        int nr = k + d;
        for (int j = 0; j < r; j++) {
            for (int cc = 0; cc < k; cc++) {
                rq[j * nr + cc] = qh[cc * r + j];
            }
            for (int b = 0; b < d; b++) {
                rq[j * nr + k + b] = lambda[j] * wu[b * r + j];
            }
        }
        java.util.Arrays.fill(t1, 0.0);
        java.util.Arrays.fill(t2, 0.0);
        java.util.Arrays.fill(t3, 0.0);
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < r; j++) {
                double iv = inverseDiagonal[a * r + j];
                int rj = j * nr;
                for (int cc = 0; cc < k; cc++) {
                    double f = iv * qh[cc * r + j];
                    int o = (a * k + cc) * nr;
                    for (int q = 0; q < nr; q++) {
                        t1[o + q] += f * rq[rj + q];
                    }
                }
                for (int e = 0; e < d; e++) {
                    double f2 = iv * wu[e * r + j] * lambda[j];
                    double f3 = iv * yq[e * r + j];
                    int o = (a * d + e) * nr;
                    for (int q = 0; q < nr; q++) {
                        t2[o + q] += f2 * rq[rj + q];
                        t3[o + q] += f3 * rq[rj + q];
                    }
                }
            }
        }
        rotate(head.a, d, vta, true);
    }

    /** {@link #encoderProducts} of {@code dWhat} for the unit xi of index col, from {@link #reducedCoupling}. */
    private void unitEncoderProducts(int col) {
        int nr = k + d;
        double ce = c * eta;
        if (col < k * d) {
            // dY = unit at (class cc0, coordinate e0), dP = 0: G_aj = (V^T A)_{a e0} Qhat_{cc0 j}
            int cc0 = col / d;
            int e0 = col % d;
            for (int a = 0; a < d; a++) {
                double l = ce * vta[a * d + e0];
                int o = (a * k + cc0) * nr;
                for (int q = 0; q < nr; q++) {
                    reduced[a * nr + q] = l * t1[o + q];
                }
            }
        } else {
            // dY = 0: G = -(V^T dB) (WU) Lambda + (V^T dA) Y^T Qhat
            java.util.Arrays.fill(xi, 0.0);
            xi[col] = 1.0;
            headDerivatives(xi, k * d);
            double[] v = head.v;
            java.util.Arrays.fill(reduced, 0.0);
            for (int a = 0; a < d; a++) {
                for (int e = 0; e < d; e++) {
                    double lb = 0;
                    double la = 0;
                    for (int i = 0; i < d; i++) {
                        lb += v[i * d + a] * db[i * d + e];
                        la += v[i * d + a] * da[i * d + e];
                    }
                    lb *= -ce;
                    la *= ce;
                    int o = (a * d + e) * nr;
                    for (int q = 0; q < nr; q++) {
                        reduced[a * nr + q] += lb * t2[o + q] + la * t3[o + q];
                    }
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int cc = 0; cc < k; cc++) {
                wqhT[cc * d + a] = reduced[a * nr + cc];
            }
            for (int b = 0; b < d; b++) {
                wlw[a * d + b] = reduced[a * nr + k + b];
            }
        }
    }

    /**
     * {@code out = V^T in} (forward, into the eigenbasis of B) or {@code out = V in}, in a d x cols
     * matrix; per element a sum over the d rows of in, in order.
     */
    private void rotate(double[] in, int cols, double[] out, boolean forward) {
        double[] v = head.v;
        int rowStep = forward ? 1 : d;
        int sumStep = forward ? d : 1;
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int e = 0; e < d; e++) {
                    sum += v[a * rowStep + e * sumStep] * in[e * cols + j];
                }
                out[a * cols + j] = sum;
            }
        }
    }

    /** {@code dWhat = c eta_W V^T g(xi) / (1 + c eta_W beta lambda)} (no right-hand side). */
    private void encoderFromCoupling(double[] x, double[] target) {
        coupling(x, g);
        rotate(g, r, target, true);
        for (int i = 0; i < d * r; i++) {
            target[i] = c * eta * target[i] * inverseDiagonal[i];
        }
    }

    /** {@code g = A dY^T Qhat - dB (WU) Lambda + dA Y^T Qhat} (d x r) for xi = (dY, dP). */
    private void coupling(double[] x, double[] target) {
        double[] am = head.a;
        double[] wu = point.wu();
        double[] yq = point.yq();
        headDerivatives(x, k * d);
        double[] lambda = range.lambda();
        // dY^T Qhat (d x r), the same for every row a
        range.labelsOnModes(x, k, d, ayq);
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < r; j++) {
                double sum = 0;
                for (int e = 0; e < d; e++) {
                    sum += am[a * d + e] * ayq[e * r + j] - db[a * d + e] * wu[e * r + j] * lambda[j]
                            + da[a * d + e] * yq[e * r + j];
                }
                target[a * r + j] = sum;
            }
        }
    }

    /** {@code dB = dP^T P + P^T dP}, {@code dA = dP^T + keep dP} for dP at {@code x[o ..]}. */
    private void headDerivatives(double[] x, int o) {
        double[] pm = point.p();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int q = 0; q < d; q++) {
                    sum += x[o + q * d + i] * pm[q * d + j] + pm[q * d + i] * x[o + q * d + j];
                }
                db[i * d + j] = sum;
                da[i * d + j] = x[o + j * d + i] + keep * x[o + i * d + j];
            }
        }
    }

    /** The label and head rows of M applied to (xi, dWhat) into target (length K d + d^2). */
    private void apply(double[] x, double[] w, double[] target) {
        encoderProducts(w);
        applyRows(x, target);
    }

    /** {@code wqhT = (dWhat Qhat^T)^T} (K x d) and {@code wlw = (dWhat Lambda) (WU)^T} (d x d) for dWhat = w. */
    private void encoderProducts(double[] w) {
        double[] lambda = range.lambda();
        SmallMatrices.multiplyTransposed(range.qHat(), 0, k, r, w, 0, d, wqhT, 0);
        for (int e = 0; e < d; e++) {
            for (int j = 0; j < r; j++) {
                wl[e * r + j] = w[e * r + j] * lambda[j];
            }
        }
        SmallMatrices.multiplyTransposed(wl, 0, d, r, point.wu(), 0, d, wlw, 0);
    }

    /**
     * The label and head rows of M applied to xi and the encoder products {@link #encoderProducts}
     * already taken: {@code dW M_c = V wqh_c}, {@code dW C W^T = V wlw}.
     */
    private void applyRows(double[] x, double[] target) {
        double[] am = head.a;
        double[] bm = head.b;
        double[] pm = point.p();
        double[] y = point.y();
        double[] wq = point.wq();
        double[] s = point.s();
        headDerivatives(x, k * d);
        SmallMatrices.multiplyTransposed(wqhT, 0, k, d, head.v, 0, d, dwq, 0);
        SmallMatrices.multiply(head.v, 0, wlw, 0, dwcw, 0, d);
        // label rows: dy_c + c g_c (n_c B dy_c + n_c dB y_c - A dW M_c - dA W M_c)
        for (int cc = 0; cc < k; cc++) {
            double w2 = c * labelRate[cc];
            int o = cc * d;
            for (int a = 0; a < d; a++) {
                double sum = 0;
                for (int b = 0; b < d; b++) {
                    sum += degree[cc] * (bm[a * d + b] * x[o + b] + db[a * d + b] * y[o + b])
                            - am[a * d + b] * dwq[o + b] - da[a * d + b] * wq[o + b];
                }
                target[o + a] = x[o + a] + w2 * sum;
            }
        }
        // head rows: dP + c h_P (dP S + P dS - dX),
        // dS[q][b] = dwcw[q][b] + dwcw[b][q] + sum_c n_c (dy_c[q] y_c[b] + y_c[q] dy_c[b])
        for (int q = 0; q < d; q++) {
            for (int b = 0; b < d; b++) {
                double sum = dwcw[q * d + b] + dwcw[b * d + q];
                for (int cc = 0; cc < k; cc++) {
                    sum += degree[cc] * (x[cc * d + q] * y[cc * d + b] + y[cc * d + q] * x[cc * d + b]);
                }
                ds[q * d + b] = sum;
            }
        }
        int o = k * d;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double sum = 0;
                for (int q = 0; q < d; q++) {
                    sum += x[o + a * d + q] * s[q * d + b] + pm[a * d + q] * ds[q * d + b];
                }
                double dx = 0;
                for (int cc = 0; cc < k; cc++) {
                    int co = cc * d;
                    dx += x[co + a] * wq[co + b] + y[co + a] * dwq[co + b] + dwq[co + a] * y[co + b]
                            + wq[co + a] * x[co + b];
                }
                target[o + a * d + b] = x[o + a * d + b] + c * headRate * (sum - dx);
            }
        }
    }

    @Override
    public void solve(double[] vec) {
        int w0 = layout.w();
        range.project(vec, w0, d, projected);
        rotate(projected, r, rhat, true);
        for (int i = 0; i < d * r; i++) {
            what[i] = rhat[i] * inverseDiagonal[i];
        }
        java.util.Arrays.fill(xi, 0.0);
        apply(xi, what, out);
        for (int i = 0; i < k * d; i++) {
            xi[i] = vec[layout.y(0) + i] - out[i];
        }
        for (int i = 0; i < d * d; i++) {
            xi[k * d + i] = vec[layout.p() + i] - out[k * d + i];
        }
        DenseLu.solve(lu, pivot, m, xi);
        encoderFromCoupling(xi, projected);
        for (int i = 0; i < d * r; i++) {
            what[i] += projected[i] - rhat[i];
        }
        // back: dW = r_W + V (dWhat - rhat) U^T
        rotate(what, r, projected, false);
        range.addBack(projected, vec, w0, d);
        System.arraycopy(xi, 0, vec, layout.y(0), k * d);
        System.arraycopy(xi, k * d, vec, layout.p(), d * d);
    }
}
