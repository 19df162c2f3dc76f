package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * Per-block learning rates (spec sections 2-3): {@code eta_x} for every sample row,
 * {@code gamma / n_c} for label row c ({@code gamma} with {@link LabelScaling#NONE}),
 * {@code eta_P / |E|} for the head.
 */
public final class BlockRates {

    private final double sampleRate;
    private final double[] labelRate;
    private final double headRate;
    private double targetRate;
    private double centreRate;

    public BlockRates(LabelStructure structure, double etaX, double gamma, double etaP) {
        this(structure, etaX, gamma, etaP, LabelScaling.DEGREE);
    }

    public BlockRates(LabelStructure structure, double etaX, double gamma, double etaP, LabelScaling scaling) {
        sampleRate = etaX;
        labelRate = new double[structure.classes()];
        for (int c = 0; c < labelRate.length; c++) {
            labelRate[c] = scaling.labelRate(gamma, structure.classDegree(c));
        }
        headRate = etaP / structure.edgeCount();
    }

    public double sampleRate() {
        return sampleRate;
    }

    public double labelRate(int c) {
        return labelRate[c];
    }

    public double headRate() {
        return headRate;
    }

    /** The rate {@code rho} of the EMA targets, {@code dzbar/dt = -rho (zbar - z)} (0 without them). */
    public double targetRate() {
        return targetRate;
    }

    /** The rate of the targets' running centre, {@code dc/dt = -rho_c (c - mean target)} (0 without it). */
    public double centreRate() {
        return centreRate;
    }

    /** Sets the centre's rate (issue 16); returns this. */
    public BlockRates withCentreRate(double rho) {
        this.centreRate = rho;
        return this;
    }

    /** Sets the EMA targets' rate (issue 16); returns this. */
    public BlockRates withTargetRate(double rho) {
        this.targetRate = rho;
        return this;
    }

    /** The rate of every state coordinate, in state layout. */
    public double[] perCoordinate(StateLayout layout) {
        double[] r = new double[layout.dimension()];
        int d = layout.dim();
        java.util.Arrays.fill(r, 0, layout.y(0), sampleRate);
        for (int c = 0; c < layout.classes(); c++) {
            java.util.Arrays.fill(r, layout.y(c), layout.y(c) + d, labelRate[c]);
        }
        if (layout.hasHead()) {
            java.util.Arrays.fill(r, layout.p(), layout.p() + d * d, headRate);
        }
        if (layout.hasTargets()) {
            java.util.Arrays.fill(r, layout.xTarget(0), layout.centre(), targetRate);
        }
        if (layout.hasCentre()) {
            java.util.Arrays.fill(r, layout.centre(), layout.dimension(), centreRate);
        }
        return r;
    }
}
