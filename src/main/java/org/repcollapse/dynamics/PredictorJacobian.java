package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;

/**
 * {@code dG/dz} of {@link PredictorLoss}. With {@code k = 1 - s}, {@code m_i = |S_i|},
 * {@code a_i = m_i P x_i - sum_{c in S_i} y_c}, {@code b_c = n_c P y_c - sum_{i : c in S_i} x_i}:
 * {@code dG_{x_i}/dx_i = m_i (P^T P + k I)}, {@code dG_{x_i}/dy_c = -(P^T + k P)},
 * {@code dG_{x_i}[b']/dP_{ab} = delta_{bb'} a_i[a] + m_i P_{ab'} x_i[b] - k delta_{ab'} ysum_i[b]},
 * the label rows alike, and {@code dG_P[ab]/dP_{a'b'} = delta_{aa'} M[b][b']} with
 * {@code M = sum_E (x_i x_i^T + y_c y_c^T)}. With stop-gradient the x/y rows lose the k-terms but
 * the head rows keep them, so the matrix is not symmetric.
 */
final class PredictorJacobian implements DriveJacobian {

    private final LabelStructure structure;
    private final StateLayout layout;
    private final double keep;

    /** @param keep {@code k = 1 - s}: 0 with stop-gradient, 1 without */
    PredictorJacobian(StateLayout layout, LabelStructure structure, double keep) {
        this.structure = structure;
        this.layout = layout;
        this.keep = keep;
    }

    @Override
    public void addTo(double[] z, double[][] h) {
        addPredictor(z, h, keep);
    }

    @Override
    public void addTimes(double[] z, double[] v, double[] out) {
        addPredictorTimes(z, v, out, keep);
    }

    /** Per edge (i, c): the drive of x_i and y_c and the head's, linearised along v. */
    private void addPredictorTimes(double[] z, double[] v, double[] out, double keep) {
        int d = layout.dim();
        int p = layout.p();
        double[] px = new double[d];
        double[] py = new double[d];
        double[] pdx = new double[d];
        double[] pdy = new double[d];
        double[] dpx = new double[d];
        double[] dpy = new double[d];
        double[] ra = new double[d];
        double[] rb = new double[d];
        double[] da = new double[d];
        double[] db = new double[d];
        for (int i = 0; i < layout.samples(); i++) {
            int x = layout.x(i);
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                int y = layout.y(structure.edgeClass(e));
                for (int a = 0; a < d; a++) {
                    double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
                    for (int b = 0; b < d; b++) {
                        double pab = z[p + a * d + b];
                        double dab = v[p + a * d + b];
                        s1 += pab * z[x + b];
                        s2 += pab * z[y + b];
                        s3 += pab * v[x + b];
                        s4 += pab * v[y + b];
                        s5 += dab * z[x + b];
                        s6 += dab * z[y + b];
                    }
                    px[a] = s1;
                    py[a] = s2;
                    pdx[a] = s3;
                    pdy[a] = s4;
                    dpx[a] = s5;
                    dpy[a] = s6;
                }
                for (int a = 0; a < d; a++) {
                    ra[a] = px[a] - z[y + a];                 // P x - y
                    rb[a] = py[a] - z[x + a];                 // P y - x
                    da[a] = dpx[a] + pdx[a] - v[y + a];       // d(P x - y)
                    db[a] = dpy[a] + pdy[a] - v[x + a];       // d(P y - x)
                }
                // sample row: d[P^T (P x - y) + k (x - P y)] = dP^T ra + P^T da + k (dx - dP y - P dy)
                // label row:  d[P^T (P y - x) + k (y - P x)] = dP^T rb + P^T db + k (dy - dP x - P dx)
                for (int b = 0; b < d; b++) {
                    double sx = 0, sy = 0;
                    for (int a = 0; a < d; a++) {
                        double pab = z[p + a * d + b];
                        double dab = v[p + a * d + b];
                        sx += dab * ra[a] + pab * da[a];
                        sy += dab * rb[a] + pab * db[a];
                    }
                    out[x + b] += sx + keep * (v[x + b] - dpy[b] - pdy[b]);
                    out[y + b] += sy + keep * (v[y + b] - dpx[b] - pdx[b]);
                }
                // head rows: (P x - y) x^T + (P y - x) y^T, linearised
                for (int a = 0; a < d; a++) {
                    int row = p + a * d;
                    for (int b = 0; b < d; b++) {
                        out[row + b] += da[a] * z[x + b] + ra[a] * v[x + b] + db[a] * z[y + b] + rb[a] * v[y + b];
                    }
                }
            }
        }
    }

    private void addPredictor(double[] z, double[][] h, double keep) {
        int d = layout.dim();
        int p = layout.p();
        int nSamples = layout.samples();
        int nClasses = layout.classes();
        double[] ptp = new double[d * d];
        SmallMatrices.headGram(z, p, d, 0.0, ptp, 0);
        double[] ysum = new double[nSamples * d];
        double[] acc = new double[nSamples * d];
        double[] xsum = new double[nClasses * d];
        double[] bcc = new double[nClasses * d];
        double[] mm = new double[d * d];
        for (int i = 0; i < nSamples; i++) {
            int m = structure.labelCount(i);
            int x = layout.x(i);
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                int c = structure.edgeClass(e);
                for (int k = 0; k < d; k++) {
                    ysum[i * d + k] += z[layout.y(c) + k];
                    xsum[c * d + k] += z[x + k];
                }
            }
            residual(z, p, x, m, ysum, acc, i * d, mm, d);
        }
        for (int c = 0; c < nClasses; c++) {
            residual(z, p, layout.y(c), structure.classDegree(c), xsum, bcc, c * d, mm, d);
        }
        // sample rows and the head rows' sample columns (each call adds to its own entries of h)
        for (int i = 0; i < nSamples; i++) {
            int x = layout.x(i);
            ownBlocks(h, x, structure.labelCount(i), ptp, z, p, acc, ysum, i * d, keep, d);
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                crossBlock(h, x, layout.y(structure.edgeClass(e)), z, p, keep, d);
            }
        }
        for (int c = 0; c < nClasses; c++) {
            int y = layout.y(c);
            ownBlocks(h, y, structure.classDegree(c), ptp, z, p, bcc, xsum, c * d, keep, d);
            for (int i = 0; i < nSamples; i++) {
                for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                    if (structure.edgeClass(e) == c) {
                        crossBlock(h, y, layout.x(i), z, p, keep, d);
                    }
                }
            }
        }
        // head-head block: delta_{aa'} M[b][b']
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                for (int b2 = 0; b2 < d; b2++) {
                    h[p + a * d + b][p + a * d + b2] += mm[b * d + b2];
                }
            }
        }
    }

    /**
     * {@code res[o + a] = w (P v)_a - tsum[o + a]} for the embedding row v at {@code z[r ..]} (weight
     * w = m_i or n_c, target sum ysum_i or xsum_c), and {@code w v v^T} added to mm.
     */
    private static void residual(double[] z, int p, int r, int w, double[] tsum, double[] res, int o, double[] mm,
                                 int d) {
        for (int a = 0; a < d; a++) {
            res[o + a] = w * SmallMatrices.dot(z, p + a * d, z, r, d) - tsum[o + a];
        }
        addOuter(mm, z, r, w, d);
    }

    /** The diagonal block of the embedding row at r ({@link #blockDiagonal}) and its head couplings. */
    private static void ownBlocks(double[][] h, int r, int w, double[] ptp, double[] z, int p, double[] res,
                                  double[] tsum, int o, double keep, int d) {
        blockDiagonal(h, r, r, w, ptp, keep, d);
        headCoupling(h, r, z, p, w, res, tsum, o, keep, d);
    }

    /** h[r+b][c+e] += w (P^T P + k I)[b][e]. */
    private static void blockDiagonal(double[][] h, int r, int c, int w, double[] ptp, double keep, int d) {
        for (int b = 0; b < d; b++) {
            for (int e = 0; e < d; e++) {
                h[r + b][c + e] += w * ptp[b * d + e];
            }
            h[r + b][c + b] += w * keep;
        }
    }

    /** h[r+b][c+e] -= P[e][b] + k P[b][e]. */
    private static void crossBlock(double[][] h, int r, int c, double[] z, int p, double keep, int d) {
        for (int b = 0; b < d; b++) {
            for (int e = 0; e < d; e++) {
                h[r + b][c + e] -= z[p + e * d + b] + keep * z[p + b * d + e];
            }
        }
    }

    /**
     * The couplings of one embedding row v (offset r, weight w = m_i or n_c, residual sum
     * {@code res = a_i or b_c}, target sum {@code tsum = ysum_i or xsum_c}) with the head, both ways.
     */
    private static void headCoupling(double[][] h, int r, double[] z, int p, int w, double[] res, double[] tsum,
                                     int o, double keep, int d) {
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                int pab = p + a * d + b;
                // row v[b'], column P_ab
                for (int b2 = 0; b2 < d; b2++) {
                    double v = w * z[p + a * d + b2] * z[r + b];
                    if (b2 == b) {
                        v += res[o + a];
                    }
                    h[r + b2][pab] += v - (b2 == a ? keep * tsum[o + b] : 0.0);
                    // row P_ab, column v[b2]
                    double u = w * z[p + a * d + b2] * z[r + b];
                    if (b2 == b) {
                        u += res[o + a];
                    }
                    h[pab][r + b2] += u - (b2 == a ? tsum[o + b] : 0.0);
                }
            }
        }
    }

    private static void addOuter(double[] mm, double[] z, int o, double w, int d) {
        for (int b = 0; b < d; b++) {
            for (int e = 0; e < d; e++) {
                mm[b * d + e] += w * z[o + b] * z[o + e];
            }
        }
    }
}
