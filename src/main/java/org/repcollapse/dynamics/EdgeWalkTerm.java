package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * An {@link EdgeTerm} whose loss, drive and drive derivative are one walk over the edges
 * ({@link SamplePredictorLoss}, {@link TargetPredictorLoss}): each edge's residuals are formed once, then
 * the pass decides what is added up. The pass is chosen once per call, not per edge.
 */
abstract class EdgeWalkTerm extends EdgeTerm implements LinearisedLossTerm {

    /** What a walk does at each edge: add up its loss, add its drive, or its drive's derivative along v. */
    protected enum Pass { VALUE, DRIVE, DERIVATIVE }

    protected EdgeWalkTerm(StateLayout layout, LabelStructure structure) {
        super(layout, structure);
    }

    /**
     * One walk over the edges {@code (i, c)} in sample order for the pass; returns half the summed squared
     * residuals with {@link Pass#VALUE} (0 otherwise), adds into out with the other passes.
     */
    protected abstract double walk(Pass pass, double[] z, double[] v, double[] out);

    @Override
    public double value(double[] z) {
        return walk(Pass.VALUE, z, null, null);
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        walk(Pass.DRIVE, z, null, g);
    }

    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        walk(Pass.DERIVATIVE, z, v, out);
    }
}
