package org.repcollapse.fixedpoint;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.repcollapse.model.FrustrationGraph;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * Spanning vectors of the tangent space of the predicted family of fixed points through z
 * (R2, R7; papers/head-derivation.md). With a head the fixed points {@code P x_i = mean_{S_i} y},
 * {@code P y_c = mean_{i : c in S_i} x} are invariant under {@code x -> G x, y -> G y,
 * P -> G P G^-1}: tangents {@code (H x_i, H y_c, HP - PH)} for the d^2 matrices {@code H = E_ab};
 * with stop-gradient also the within-group scatter in ker P. Without a head each connected
 * component of the frustration graph may translate: {@code dx = dy = e_a} on the component.
 */
final class FamilyTangent {

    private FamilyTangent() {
    }

    /** State-space tangent vectors (not orthonormal, possibly dependent). */
    static List<double[]> vectors(LabelStructure s, StateLayout layout, GroupSplit split, double[] z,
                                  boolean stopGradient) {
        int d = layout.dim();
        int n = layout.dimension();
        List<double[]> out = new ArrayList<>();
        if (!layout.hasHead()) {
            FrustrationGraph graph = s.frustrationGraph();
            for (int comp = 0; comp < graph.componentCount(); comp++) {
                for (int a = 0; a < d; a++) {
                    double[] v = new double[n];
                    for (int i = 0; i < s.samples(); i++) {
                        if (graph.componentOf(s.edgeClass(s.labelStart(i))) == comp) {
                            v[layout.x(i) + a] = 1.0;
                        }
                    }
                    for (int c = 0; c < s.classes(); c++) {
                        if (graph.componentOf(c) == comp) {
                            v[layout.y(c) + a] = 1.0;
                        }
                    }
                    out.add(v);
                }
            }
            return out;
        }
        int p = layout.p();
        int rows = s.samples() + s.classes();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double[] v = new double[n];
                for (int r = 0; r < rows; r++) {
                    v[r * d + a] = z[r * d + b];            // (E_ab x)_a = x_b, rows x then y
                }
                for (int j = 0; j < d; j++) {
                    v[p + a * d + j] += z[p + b * d + j];   // (E_ab P)_{aj} = P_bj
                    v[p + j * d + b] -= z[p + j * d + a];   // (P E_ab)_{jb} = P_ja
                }
                out.add(v);
            }
        }
        if (stopGradient) {
            double[][] kernel = kernelOfHead(z, p, d);
            for (int g = 0; g < split.groups(); g++) {
                int r = split.deviationRank(g);
                double[] u = new double[split.size()];
                double[] w = new double[n];
                for (int j = 0; j < r; j++) {
                    for (double[] k : kernel) {
                        // deviation column j of the group, along k: expand the coupled coordinate
                        java.util.Arrays.fill(u, 0.0);
                        int dev = devOffset(split, g) + j * d;
                        for (int a = 0; a < d; a++) {
                            u[dev + a] = k[a];
                        }
                        split.expand(u, w);
                        out.add(w.clone());
                    }
                }
            }
        }
        return out;
    }

    private static int devOffset(GroupSplit split, int group) {
        int off = split.groups() * split.dim();
        for (int g = 0; g < group; g++) {
            off += split.deviationRank(g) * split.dim();
        }
        return off;
    }

    /** Orthonormal basis of ker P (right singular vectors below the rank tolerance), as rows. */
    static double[][] kernelOfHead(double[] z, int p, int d) {
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                m[a][b] = z[p + a * d + b];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(m));
        double[] sv = svd.getSingularValues();
        RealMatrix v = svd.getV();
        List<double[]> k = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (!(sv[j] > FixedPointFamily.RANK_TOLERANCE * sv[0])) {
                k.add(v.getColumn(j));
            }
        }
        return k.toArray(new double[0][]);
    }
}
