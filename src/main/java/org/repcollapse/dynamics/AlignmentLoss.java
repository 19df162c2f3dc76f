package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The embedding-only loss (spec section 2): {@code L = 1/2 sum_{(i,c) in E} |x_i - y_c|^2},
 * drive {@code G_{x_i} = sum_{c in S_i} (x_i - y_c)}, {@code G_{y_c} = sum_{i : c in S_i} (y_c - x_i)}.
 */
public final class AlignmentLoss implements LossTerm {

    private final StateLayout layout;
    private final int[] offsets;
    private final int[] classes;

    public AlignmentLoss(StateLayout layout, LabelStructure structure) {
        this.layout = layout;
        this.offsets = structure.labelOffsets();
        this.classes = structure.edgeClasses();
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        int y0 = layout.y(0);
        double sum = 0;
        for (int i = 0; i < layout.samples(); i++) {
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
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        int y0 = layout.y(0);
        for (int i = 0; i < layout.samples(); i++) {
            int xi = i * d;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int yc = y0 + classes[e] * d;
                for (int k = 0; k < d; k++) {
                    double r = z[xi + k] - z[yc + k];
                    g[xi + k] += r;
                    g[yc + k] -= r;
                }
            }
        }
    }
}
