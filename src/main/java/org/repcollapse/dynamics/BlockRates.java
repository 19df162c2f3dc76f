package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * Per-block learning rates (spec sections 2-3): {@code eta_x} for every sample row,
 * {@code gamma / n_c} for label row c ({@code gamma} with {@link LabelScaling#NONE}),
 * {@code eta_P / |E|} for the head, {@code rho} for the EMA copies and {@code rho_c} for the centre (issue 16).
 */
public record BlockRates(double sampleRate, double[] labelRates, double headRate, double targetRate,
                         double centreRate) {

    public BlockRates(LabelStructure structure, double etaX, double gamma, double etaP) {
        this(structure, etaX, gamma, etaP, LabelScaling.DEGREE);
    }

    /** Without EMA targets or centre (their rates 0: {@link #withTargetRate}, {@link #withCentreRate}). */
    public BlockRates(LabelStructure structure, double etaX, double gamma, double etaP, LabelScaling scaling) {
        this(etaX, labelRates(structure, gamma, scaling), etaP / structure.edgeCount(), 0.0, 0.0);
    }

    private static double[] labelRates(LabelStructure structure, double gamma, LabelScaling scaling) {
        double[] rate = new double[structure.classes()];
        for (int c = 0; c < rate.length; c++) {
            rate[c] = scaling.labelRate(gamma, structure.classDegree(c));
        }
        return rate;
    }

    public double labelRate(int c) {
        return labelRates[c];
    }

    /**
     * With the rate {@code rho} of the EMA targets, {@code dzbar/dt = -rho (zbar - z)} (issue 16; 0 without
     * them, {@link #targetRate}).
     */
    public BlockRates withTargetRate(double rho) {
        return new BlockRates(sampleRate, labelRates, headRate, rho, centreRate);
    }

    /**
     * With the rate of the targets' running centre, {@code dc/dt = -rho_c (c - mean target)} (issue 16; 0
     * without it, {@link #centreRate}).
     */
    public BlockRates withCentreRate(double rho) {
        return new BlockRates(sampleRate, labelRates, headRate, targetRate, rho);
    }

    /** The rate of every state coordinate, in state layout. */
    public double[] perCoordinate(StateLayout layout) {
        double[] r = new double[layout.dimension()];
        int d = layout.dim();
        java.util.Arrays.fill(r, 0, layout.y(0), sampleRate);
        for (int c = 0; c < layout.classes(); c++) {
            java.util.Arrays.fill(r, layout.y(c), layout.y(c) + d, labelRates[c]);
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
