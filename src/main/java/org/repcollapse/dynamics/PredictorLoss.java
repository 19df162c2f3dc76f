package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The symmetrised predictor loss of a shared head (spec section 3):
 * {@code l_ic = 1/2 |P x_i - [y_c]|^2 + 1/2 |P y_c - [x_i]|^2}, the bracket a target; with
 * stop-gradient ({@code s = 1}) no drive flows into a target. Summed over the edges, with
 * {@code B = P^T P + (1-s) I} and {@code A = P^T + (1-s) P}:
 * {@code G_x = |S_i| B x_i - A sum_{c in S_i} y_c}, {@code G_y = n_c B y_c - A sum_{i : c in S_i} x_i},
 * {@code G_P = P (sum_E x_i x_i^T + y_c y_c^T) - sum_E (y_c x_i^T + x_i y_c^T)}.
 *
 * <p>Per sample a call costs {@code 1.5 d^2} multiply-adds ({@code B x_i} and the upper triangle of
 * {@code |S_i| x_i x_i^T}, both by the {@link SampleKernel}), in independent sample blocks
 * ({@link BlockedLossTerm}) whose partial sums are reduced in block order; the label and head rows
 * ({@code O(d^3 + K d^2)}, serial) are small products {@code C = X M} by the same kernel. Scratch
 * is allocated once; an instance serves one flow at a time.
 */
public final class PredictorLoss extends EdgeTerm implements BlockedLossTerm {

    private final SampleBlocks blocks;
    private final int[] groupOf;
    private final int[][] groupLabels;
    private final SampleKernel kernel;
    private final double keep;
    private final double[] b;
    private final double[] aT;
    private final double[] pT;
    private final double[] ay;
    private final double[] py;
    private final double[] groupDrive;
    private final double[][] xsum;
    private final double[][] second;
    private final double[][] scratch;
    private final double[] total;
    private final double[] moment;
    private final double[] cross;
    private final double[] by;
    private final double[] ax;
    private final double[] yT;
    private final double[] ynT;
    private final double[] labelMoment;
    private final double[] pm;
    /** Per block, the rows {@code P x_i} of {@link #blockValue} (allocated at the first value). */
    private double[][] valueRows;

    /** @param stopGradient s = 1 when true, s = 0 otherwise */
    public PredictorLoss(StateLayout layout, LabelStructure structure, boolean stopGradient) {
        this(layout, structure, stopGradient, SampleKernel.selected());
    }

    /** With a given kernel (tests compare the kernels on the whole drive). */
    PredictorLoss(StateLayout layout, LabelStructure structure, boolean stopGradient, SampleKernel kernel) {
        super(withHead(layout), structure);
        this.kernel = kernel;
        this.blocks = new SampleBlocks(layout.samples());
        this.groupOf = new int[layout.samples()];
        for (int i = 0; i < groupOf.length; i++) {
            groupOf[i] = structure.groupOf(i);
        }
        this.groupLabels = structure.groups().toArray(new int[0][]);
        this.keep = stopGradient ? 0.0 : 1.0;
        int d = layout.dim();
        int kd = layout.classes() * d;
        b = new double[d * d];
        aT = new double[d * d];
        pT = new double[d * d];
        ay = new double[kd];
        py = new double[kd];
        groupDrive = new double[groupLabels.length * d];
        xsum = new double[blocks.count()][kd];
        second = new double[blocks.count()][d * d];
        scratch = new double[blocks.count()][d];
        total = new double[kd];
        moment = new double[d * d];
        cross = new double[d * d];
        by = new double[kd];
        ax = new double[kd];
        yT = new double[kd];
        ynT = new double[kd];
        labelMoment = new double[d * d];
        pm = new double[d * d];
    }

    public boolean stopGradient() {
        return keep == 0.0;
    }

    /** {@link PredictorJacobian} with this term's {@code k = 1 - s}. */
    @Override
    public DriveJacobian driveJacobian() {
        return new PredictorJacobian(layout, structure, keep);
    }

    @Override
    public SampleBlocks blocks() {
        return blocks;
    }

    /** B, {@code A^T}, {@code A y_c}, {@code P y_c} and the group drives {@code A sum_{c in S} y_c}. */
    @Override
    public void prepare(double[] z) {
        int d = layout.dim();
        int k = layout.classes();
        HeadOperators.fillTransposed(kernel, z, layout.p(), d, keep, pT, b, aT);
        // rows (A y_c)^T = y_c^T A^T and (P y_c)^T = y_c^T P^T
        kernel.multiply(z, layout.y(0), k, d, aT, 0, d, ay, 0);
        kernel.multiply(z, layout.y(0), k, d, pT, 0, d, py, 0);
        Arrays.fill(groupDrive, 0.0);
        for (int g = 0; g < groupLabels.length; g++) {
            for (int c : groupLabels[g]) {
                for (int j = 0; j < d; j++) {
                    groupDrive[g * d + j] += ay[c * d + j];
                }
            }
        }
    }

    /**
     * {@code 1/2 sum_{(i,c)} |P x_i - y_c|^2 + |P y_c - x_i|^2} over the block; the rows {@code (P x_i)^T
     * = x_i^T P^T} by the kernel (after {@link #prepare}, which forms {@code P^T} and {@code P y_c}).
     */
    @Override
    public double blockValue(double[] z, int block) {
        int d = layout.dim();
        int y0 = layout.y(0);
        int from = blocks.from(block);
        int to = blocks.to(block);
        if (valueRows == null) {
            valueRows = new double[blocks.count()][];
        }
        if (valueRows[block] == null) {
            valueRows[block] = new double[(to - from) * d];
        }
        double[] px = valueRows[block];
        kernel.multiply(z, from * d, to - from, d, pT, 0, d, px, 0);
        double sum = 0;
        for (int i = from; i < to; i++) {
            int xi = i * d;
            int r = (i - from) * d;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int c = classes[e];
                for (int k = 0; k < d; k++) {
                    double r1 = px[r + k] - z[y0 + c * d + k];
                    double r2 = py[c * d + k] - z[xi + k];
                    sum += r1 * r1 + r2 * r2;
                }
            }
        }
        return 0.5 * sum;
    }

    /**
     * {@code G_x += |S_i| B x_i - A sum_{c in S_i} y_c}, the block's moment
     * {@code sum_i |S_i| x_i x_i^T} and class sums {@code sum_{i : c in S_i} x_i}.
     */
    @Override
    public void addSampleDrive(double[] z, double[] g, int block) {
        int d = layout.dim();
        int from = blocks.from(block);
        int to = blocks.to(block);
        kernel.addProducts(b, d, z, labelCount, groupDrive, groupOf, from, to, g, scratch[block]);
        kernel.weightedMoment(z, d, labelCount, from, to, second[block]);
        kernel.classSums(z, d, offsets, classes, from, to, xsum[block]);
    }

    /**
     * {@code g_i = scale G_x}, the moment and the class sums in one visit of the block, with the bits
     * of clearing the rows, {@link #addSampleDrive} and scaling.
     */
    @Override
    public boolean writeSampleDrive(double[] z, double[] g, int block, double scale) {
        int d = layout.dim();
        int from = blocks.from(block);
        int to = blocks.to(block);
        kernel.writeProducts(b, d, z, labelCount, groupDrive, groupOf, from, to, scale, g, scratch[block]);
        kernel.weightedMoment(z, d, labelCount, from, to, second[block]);
        kernel.classSums(z, d, offsets, classes, from, to, xsum[block]);
        return true;
    }

    @Override
    public void addSharedDrive(double[] z, double[] g) {
        int d = layout.dim();
        int p = layout.p();
        Arrays.fill(total, 0.0);
        Arrays.fill(moment, 0.0);
        for (int blk = 0; blk < blocks.count(); blk++) {
            double[] xs = xsum[blk];
            double[] m2 = second[blk];
            for (int k = 0; k < total.length; k++) {
                total[k] += xs[k];
            }
            for (int k = 0; k < moment.length; k++) {
                moment[k] += m2[k];
            }
        }
        int k = layout.classes();
        int y0 = layout.y(0);
        // G_y = n_c B y_c - A xsum_c: rows (B y_c)^T = y_c^T B (B symmetric) and xsum_c^T A^T
        kernel.multiply(z, y0, k, d, b, 0, d, by, 0);
        kernel.multiply(total, 0, k, d, aT, 0, d, ax, 0);
        for (int c = 0; c < k; c++) {
            int yc = layout.y(c);
            for (int j = 0; j < d; j++) {
                g[yc + j] += degree[c] * by[c * d + j] - ax[c * d + j];
            }
        }
        // moment += sum_c n_c y_c y_c^T ; cross = sum_c y_c xsum_c^T (as Y^T diag(n) Y and Y^T Xsum)
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                double yci = z[y0 + c * d + i];
                yT[i * k + c] = yci;
                ynT[i * k + c] = degree[c] * yci;
            }
        }
        kernel.multiply(ynT, 0, d, k, z, y0, d, labelMoment, 0);
        for (int j = 0; j < moment.length; j++) {
            moment[j] += labelMoment[j];
        }
        kernel.multiply(yT, 0, d, k, total, 0, d, cross, 0);
        // G_P = P moment - cross - cross^T
        kernel.multiply(z, p, d, d, moment, 0, d, pm, 0);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[p + i * d + j] += pm[i * d + j] - cross[i * d + j] - cross[j * d + i];
            }
        }
    }
}
