package org.repcollapse.dynamics;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * Solves with {@code M = I - c J} for the teacher-student flow (spec section 5), J the Jacobian with
 * the head frozen: {@code J_WW = -eta_W (C (x) B)} (C the edge second moment of the inputs),
 * {@code J_Wy = eta_W (M^T (x) A)}, {@code J_yy = -g_c n_c B}, {@code J_yW = g_c A M_c}, and the
 * head's own block. Without a head it is the exact Jacobian {@code I_d (x) A_lin} of the linear
 * flow; with a head the head couplings are left out, which a W-method tolerates.
 *
 * <p>With {@code C = U diag(lambda) U^T} (from the r x r Gram of C's factor, once per flow) and B in
 * its eigenbasis ({@link FrozenHead}), every encoder entry is diagonal, {@code 1 + c eta beta_a
 * lambda_j}; directions outside C's range carry no input and are left as they are. Eliminating W
 * leaves the K d label system {@link LabelSchur}. Cost per solve {@code O(d D r)}, r = rank C.
 */
final class StudentShiftedSystem implements ShiftedSystem {

    private final StudentLayout layout;
    private final InputStatistics stats;
    private final double eta;
    private final double[] labelRate;
    private final int[] degree;
    private final double keep;
    private final FrozenHead head;
    private final HeadSelfBlock headBlock;
    private final LabelSchur schur;
    private final int k;
    private final int d;
    private final int dd;
    /** Modes of C kept (eigenvalue above {@code 1e-12} of the largest). */
    private final int r;
    /** {@code U^T} (r x D, row-major): the orthonormal eigenvectors of C with non-zero eigenvalue. */
    private final double[] ut;
    private final double[] lambda;
    /** {@code Qhat = M U} (K x r). */
    private final double[] qHat;
    private final double[] inverseDiagonal;
    private final double[] projected;
    private final double[] rotated;
    private final double[] labels;
    private final double[] pull;
    private final double[] xf;
    private double c;

    StudentShiftedSystem(StudentLayout layout, InputStatistics stats, BlockRates rates, double keep) {
        this.layout = layout;
        this.stats = stats;
        this.k = layout.classes();
        this.d = layout.dim();
        this.dd = layout.inputDim();
        this.eta = rates.sampleRate();
        this.labelRate = new double[k];
        this.degree = new int[k];
        for (int cc = 0; cc < k; cc++) {
            labelRate[cc] = rates.labelRate(cc);
            degree[cc] = stats.degree(cc);
        }
        this.keep = keep;
        this.head = layout.hasHead() ? FrozenHead.forHead(d) : FrozenHead.identity(d);
        this.headBlock = layout.hasHead() ? new HeadSelfBlock(d, rates.headRate()) : null;
        this.schur = new LabelSchur(k, d);
        int rank = stats.rank();
        double[] f = stats.factor();
        double[][] gram = new double[rank][rank];
        for (int i = 0; i < rank; i++) {
            for (int j = i; j < rank; j++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += f[i * dd + b] * f[j * dd + b];
                }
                gram[i][j] = s;
                gram[j][i] = s;
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(gram));
        double[] ev = eig.getEigenvalues();
        RealMatrix w = eig.getV();
        double max = 0;
        for (double e : ev) {
            max = Math.max(max, e);
        }
        int kept = 0;
        for (double e : ev) {
            if (e > 1e-12 * max) {
                kept++;
            }
        }
        this.r = kept;
        this.ut = new double[r * dd];
        this.lambda = new double[r];
        int j = 0;
        for (int m = 0; m < rank; m++) {
            if (!(ev[m] > 1e-12 * max)) {
                continue;
            }
            lambda[j] = ev[m];
            double scale = 1.0 / Math.sqrt(ev[m]);
            for (int i = 0; i < rank; i++) {
                double wi = w.getEntry(i, m) * scale;
                for (int b = 0; b < dd; b++) {
                    ut[j * dd + b] += wi * f[i * dd + b];
                }
            }
            j++;
        }
        double[] q = stats.classSums();
        this.qHat = new double[k * r];
        for (int cc = 0; cc < k; cc++) {
            for (int m = 0; m < r; m++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += q[cc * dd + b] * ut[m * dd + b];
                }
                qHat[cc * r + m] = s;
            }
        }
        this.inverseDiagonal = new double[d * r];
        this.projected = new double[d * r];
        this.rotated = new double[d * r];
        this.labels = new double[k * d];
        this.pull = new double[k * d];
        this.xf = new double[d * rank];
    }

    @Override
    public boolean exact() {
        return !layout.hasHead();
    }

    @Override
    public void linearise(double t, double[] z) {
        if (!layout.hasHead()) {
            return;
        }
        head.freeze(z, layout.p(), keep);
        int rank = stats.rank();
        stats.project(z, layout.w(), d, xf);
        double[] m = headBlock.moment;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int i = 0; i < rank; i++) {
                    s += xf[a * rank + i] * xf[b * rank + i];
                }
                m[a * d + b] = s;
            }
        }
        for (int cc = 0; cc < k; cc++) {
            int y = layout.y(cc);
            for (int a = 0; a < d; a++) {
                double wa = degree[cc] * z[y + a];
                for (int b = 0; b < d; b++) {
                    m[a * d + b] += wa * z[y + b];
                }
            }
        }
    }

    @Override
    public void factor(double c) {
        this.c = c;
        for (int e = 0; e < d; e++) {
            for (int m = 0; m < r; m++) {
                inverseDiagonal[e * r + m] = 1.0 / (1.0 + c * eta * head.beta[e] * lambda[m]);
            }
        }
        double[] s = schur.s;
        for (int e = 0; e < d; e++) {
            for (int c1 = 0; c1 < k; c1++) {
                for (int c2 = 0; c2 < k; c2++) {
                    double sum = 0;
                    for (int m = 0; m < r; m++) {
                        sum += qHat[c1 * r + m] * qHat[c2 * r + m] * inverseDiagonal[e * r + m];
                    }
                    s[(e * k + c1) * k + c2] = sum;
                }
            }
        }
        schur.factor(c, eta, labelRate, degree, head);
        if (headBlock != null) {
            headBlock.factor(c);
        }
    }

    @Override
    public void solve(double[] v) {
        int w0 = layout.w();
        // projected = R_W U (d x r); rotated = V^T projected
        for (int a = 0; a < d; a++) {
            int row = w0 + a * dd;
            for (int m = 0; m < r; m++) {
                int u = m * dd;
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += v[row + b] * ut[u + b];
                }
                projected[a * r + m] = s;
            }
        }
        rotate(projected, rotated, true);
        java.util.Arrays.fill(pull, 0.0);
        for (int cc = 0; cc < k; cc++) {
            for (int e = 0; e < d; e++) {
                double s = 0;
                for (int m = 0; m < r; m++) {
                    s += rotated[e * r + m] * qHat[cc * r + m] * inverseDiagonal[e * r + m];
                }
                pull[cc * d + e] = s;
            }
        }
        double[] ah = head.aHat;
        for (int cc = 0; cc < k; cc++) {
            head.toEigenbasis(v, layout.y(cc), labels, cc * d);
            double w = c * labelRate[cc];
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int e = 0; e < d; e++) {
                    s += ah[a * d + e] * pull[cc * d + e];
                }
                labels[cc * d + a] += w * s;
            }
        }
        schur.solve(labels);
        for (int cc = 0; cc < k; cc++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += ah[a * d + b] * labels[cc * d + b];
                }
                pull[cc * d + a] = c * eta * s;
            }
        }
        // What changes on C's range: (What_em - rhat_em) = (rhat_em + sum_c pull_ce Qhat_cm) / den_em - rhat_em
        for (int e = 0; e < d; e++) {
            for (int m = 0; m < r; m++) {
                double s = rotated[e * r + m];
                for (int cc = 0; cc < k; cc++) {
                    s += pull[cc * d + e] * qHat[cc * r + m];
                }
                rotated[e * r + m] = s * inverseDiagonal[e * r + m] - rotated[e * r + m];
            }
        }
        rotate(rotated, projected, false);
        for (int a = 0; a < d; a++) {
            int row = w0 + a * dd;
            for (int m = 0; m < r; m++) {
                double s = projected[a * r + m];
                if (s == 0.0) {
                    continue;
                }
                int u = m * dd;
                for (int b = 0; b < dd; b++) {
                    v[row + b] += s * ut[u + b];
                }
            }
        }
        for (int cc = 0; cc < k; cc++) {
            head.fromEigenbasis(labels, cc * d, v, layout.y(cc));
        }
        if (headBlock != null) {
            headBlock.solve(v, layout.p());
        }
    }

    /** {@code out = V^T in} (toEigen) or {@code V in} over the d rows of a d x r array. */
    private void rotate(double[] in, double[] out, boolean toEigen) {
        if (head.identity) {
            System.arraycopy(in, 0, out, 0, d * r);
            return;
        }
        double[] v = head.v;
        for (int a = 0; a < d; a++) {
            for (int m = 0; m < r; m++) {
                double s = 0;
                for (int e = 0; e < d; e++) {
                    s += (toEigen ? v[e * d + a] : v[a * d + e]) * in[e * r + m];
                }
                out[a * r + m] = s;
            }
        }
    }
}
