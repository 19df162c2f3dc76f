package org.repcollapse.dynamics;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The collapse-prevention terms added to a flow (keys {@code prevention.*} and {@code headLoss}):
 * contrastive negatives ({@link ContrastiveLoss}), VICReg's variance ({@link VarianceLoss}) and
 * covariance ({@link CovarianceLoss}) terms on the sample embeddings, the head-loss form
 * ({@link HeadLoss}), and EMA and/or centred targets for the head ({@link TargetPredictorLoss}: the
 * state then carries the copies {@code xbar, ybar} and the centre {@code c}, {@link StateLayout}). A weight of 0 leaves its term out, so {@link #NONE} is the flow of spec
 * sections 2-3 exactly, bit for bit.
 */
public record Prevention(HeadLoss headLoss, double contrastiveWeight, double temperature, double varianceWeight,
                         double varianceTarget, double varianceEpsilon, double varianceWidth,
                         double covarianceWeight, double emaRate, double centeringRate,
                         double reconstructionWeight) {

    /** No prevention term, symmetric head loss. */
    public static final Prevention NONE = new Prevention(HeadLoss.SYMMETRIC, 0.0, 1.0, 0.0, 1.0, 1.0e-4, 0.05, 0.0,
            0.0, 0.0, 0.0);

    /** Whether this adds a term to the flow (a weight above 0). */
    public boolean addsTerms() {
        return contrastiveWeight > 0 || varianceWeight > 0 || covarianceWeight > 0 || emaRate > 0
                || centeringRate > 0 || reconstructionWeight > 0;
    }

    /** With the teacher-student decoder's reconstruction at weight {@code w} ({@link ReconstructionLoss}). */
    public Prevention withReconstruction(double w) {
        return new Prevention(headLoss, contrastiveWeight, temperature, varianceWeight, varianceTarget,
                varianceEpsilon, varianceWidth, covarianceWeight, emaRate, centeringRate, w);
    }

    /** Whether the teacher-student state carries a decoder V (reconstruction weight above 0). */
    public boolean decoder() {
        return reconstructionWeight > 0;
    }

    /** Whether the head's stop-gradient targets are centred by a running mean carried in the state. */
    public boolean centredTargets() {
        return centeringRate > 0;
    }

    /** Whether the head's stop-gradient targets are EMA copies carried in the state ({@link TargetPredictorLoss}). */
    public boolean emaTargets() {
        return emaRate > 0;
    }

    /** Whether the flow is the default one of spec sections 2-3 (no added term, symmetric head loss). */
    public boolean isNone() {
        return !addsTerms() && headLoss == HeadLoss.SYMMETRIC;
    }

    /** The predictor loss of a head on this layout, in the chosen form (against EMA targets when the layout has them). */
    public LossTerm headTerm(StateLayout layout, LabelStructure structure, boolean stopGradient) {
        if (layout.hasTargets() || layout.hasCentre()) {
            return new TargetPredictorLoss(layout, structure, headLoss);
        }
        return headLoss == HeadLoss.SAMPLE ? new SamplePredictorLoss(layout, structure, stopGradient)
                : new PredictorLoss(layout, structure, stopGradient);
    }

    /** The added terms with a positive weight, in the order contrastive, variance, covariance. */
    public List<LossTerm> terms(StateLayout layout, LabelStructure structure) {
        List<LossTerm> t = new ArrayList<>();
        if (contrastiveWeight > 0) {
            t.add(new ContrastiveLoss(layout, structure, contrastiveWeight, temperature));
        }
        if (varianceWeight > 0) {
            t.add(new VarianceLoss(layout, varianceWeight, varianceTarget, varianceEpsilon, varianceWidth));
        }
        if (covarianceWeight > 0) {
            t.add(new CovarianceLoss(layout, covarianceWeight));
        }
        return t;
    }

    public Prevention withHeadLoss(HeadLoss h) {
        return new Prevention(h, contrastiveWeight, temperature, varianceWeight, varianceTarget, varianceEpsilon,
                varianceWidth, covarianceWeight, emaRate, centeringRate, reconstructionWeight);
    }

    public Prevention withContrastive(double weight, double t) {
        return new Prevention(headLoss, weight, t, varianceWeight, varianceTarget, varianceEpsilon, varianceWidth,
                covarianceWeight, emaRate, centeringRate, reconstructionWeight);
    }

    public Prevention withVariance(double weight, double target) {
        return new Prevention(headLoss, contrastiveWeight, temperature, weight, target, varianceEpsilon, varianceWidth,
                covarianceWeight, emaRate, centeringRate, reconstructionWeight);
    }

    public Prevention withCovariance(double weight) {
        return new Prevention(headLoss, contrastiveWeight, temperature, varianceWeight, varianceTarget,
                varianceEpsilon, varianceWidth, weight, emaRate, centeringRate, reconstructionWeight);
    }

    /** With the targets centred by a running mean updated at rate {@code rho} (0: no centring). */
    public Prevention withCentering(double rho) {
        return new Prevention(headLoss, contrastiveWeight, temperature, varianceWeight, varianceTarget,
                varianceEpsilon, varianceWidth, covarianceWeight, emaRate, rho, reconstructionWeight);
    }

    /** With EMA targets at rate {@code rho} (0: the live embeddings are the targets). */
    public Prevention withEma(double rho) {
        return new Prevention(headLoss, contrastiveWeight, temperature, varianceWeight, varianceTarget,
                varianceEpsilon, varianceWidth, covarianceWeight, rho, centeringRate, reconstructionWeight);
    }
}
