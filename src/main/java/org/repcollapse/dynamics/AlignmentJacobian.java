package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * {@code dG/dz} of {@link AlignmentLoss}, the Hessian of {@code 1/2 sum_E |x_i - y_c|^2}: per edge
 * (i, c) the block {@code [[I, -I], [-I, I]]} on {@code (x_i, y_c)}; constant in z.
 */
final class AlignmentJacobian implements DriveJacobian {

    private final LabelStructure structure;
    private final StateLayout layout;

    AlignmentJacobian(StateLayout layout, LabelStructure structure) {
        this.structure = structure;
        this.layout = layout;
    }

    @Override
    public void addTo(double[] z, double[][] h) {
        addAlignment(h);
    }

    @Override
    public void addTimes(double[] z, double[] v, double[] out) {
        addAlignmentTimes(v, out);
    }

    private void addAlignmentTimes(double[] v, double[] out) {
        int d = layout.dim();
        for (int i = 0; i < layout.samples(); i++) {
            int x = layout.x(i);
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                int y = layout.y(structure.edgeClass(e));
                for (int k = 0; k < d; k++) {
                    double r = v[x + k] - v[y + k];
                    out[x + k] += r;
                    out[y + k] -= r;
                }
            }
        }
    }

    private void addAlignment(double[][] h) {
        int d = layout.dim();
        for (int i = 0; i < layout.samples(); i++) {
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                int x = layout.x(i);
                int y = layout.y(structure.edgeClass(e));
                for (int k = 0; k < d; k++) {
                    h[x + k][x + k] += 1;
                    h[x + k][y + k] -= 1;
                    h[y + k][y + k] += 1;
                    h[y + k][x + k] -= 1;
                }
            }
        }
    }
}
