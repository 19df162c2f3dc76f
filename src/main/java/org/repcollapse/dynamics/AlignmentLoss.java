package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The embedding-only loss (spec section 2): {@code L = 1/2 sum_{(i,c) in E} |x_i - y_c|^2},
 * drive {@code G_{x_i} = sum_{c in S_i} (x_i - y_c)}, {@code G_{y_c} = n_c y_c - sum_{i : c in S_i} x_i}.
 *
 * <p>Sample blocks ({@link BlockedLossTerm}) each keep their partial class sums
 * {@code sum_{i in block, c in S_i} x_i}; a call costs {@code O(|E| d)} and allocates nothing. A flow
 * with this term alone writes {@code -eta_x G_x} and the class sums in one pass per block
 * ({@link #writeSampleDrive}, by the {@link SampleKernel}).
 */
public final class AlignmentLoss extends EdgeTerm implements BlockedLossTerm {

    private final SampleBlocks blocks;
    private final double[][] xsum;
    private final double[] total;
    private final SampleKernel kernel;

    public AlignmentLoss(StateLayout layout, LabelStructure structure) {
        this(layout, structure, SampleKernel.selected());
    }

    /** With a given kernel (tests compare the kernels on the whole drive). */
    AlignmentLoss(StateLayout layout, LabelStructure structure, SampleKernel kernel) {
        super(layout, structure);
        this.kernel = kernel;
        this.blocks = new SampleBlocks(layout.samples());
        int kd = layout.classes() * layout.dim();
        this.xsum = new double[blocks.count()][kd];
        this.total = new double[kd];
    }

    /** The constant Hessian {@link AlignmentJacobian}. */
    @Override
    public DriveJacobian driveJacobian() {
        return new AlignmentJacobian(layout, structure);
    }

    @Override
    public SampleBlocks blocks() {
        return blocks;
    }

    @Override
    public void prepare(double[] z) {
        // nothing to precompute
    }

    @Override
    public double blockValue(double[] z, int block) {
        int d = layout.dim();
        int y0 = layout.y(0);
        double sum = 0;
        for (int i = blocks.from(block); i < blocks.to(block); i++) {
            int xi = i * d;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int yc = y0 + classes[e] * d;
                for (int k = 0; k < d; k++) {
                    double r = z[xi + k] - z[yc + k];
                    sum += r * r;
                }
            }
        }
        return 0.5 * sum;
    }

    @Override
    public void addSampleDrive(double[] z, double[] g, int block) {
        int d = layout.dim();
        int y0 = layout.y(0);
        double[] xs = xsum[block];
        Arrays.fill(xs, 0.0);
        for (int i = blocks.from(block); i < blocks.to(block); i++) {
            int xi = i * d;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int yc = y0 + classes[e] * d;
                int cs = classes[e] * d;
                for (int k = 0; k < d; k++) {
                    double x = z[xi + k];
                    g[xi + k] += x - z[yc + k];
                    xs[cs + k] += x;
                }
            }
        }
    }

    /**
     * {@code g_i = scale sum_{c in S_i} (x_i - y_c)} and the class sums in one pass over the block,
     * with the arithmetic of clearing, {@link #addSampleDrive} and scaling.
     */
    @Override
    public boolean writeSampleDrive(double[] z, double[] g, int block, double scale) {
        kernel.writeAlignmentDrive(z, layout.dim(), layout.y(0), offsets, classes, blocks.from(block),
                blocks.to(block), scale, g, xsum[block]);
        return true;
    }

    @Override
    public void addSharedDrive(double[] z, double[] g) {
        int d = layout.dim();
        Arrays.fill(total, 0.0);
        for (double[] xs : xsum) {
            for (int k = 0; k < total.length; k++) {
                total[k] += xs[k];
            }
        }
        for (int c = 0; c < layout.classes(); c++) {
            int yc = layout.y(c);
            for (int k = 0; k < d; k++) {
                g[yc + k] += degree[c] * z[yc + k] - total[c * d + k];
            }
        }
    }
}
