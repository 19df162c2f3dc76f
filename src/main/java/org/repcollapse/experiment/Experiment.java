package org.repcollapse.experiment;

import java.util.List;

/**
 * A resolved experiment (spec section 8): the user's file merged over
 * {@code defaults.yaml}, overrides applied, validated by {@link ExperimentLoader}.
 */
public record Experiment(String name, String model, int classes, int samples, int dim,
                         Frustration frustration, String head, boolean stopGradient, Rates rates,
                         Init init, Teacher teacher, Integrator integrator, Record record, long seed,
                         String solver, Ssl ssl, Prevention prevention, String headLoss) {

    public record Frustration(double fraction, String pairing, List<List<Integer>> pairs, String mode) {
    }

    public record Rates(double samples, double labels, double head, String labelScaling) {
    }

    /** The prevention terms (issue 16); a weight or rate of 0 leaves its mechanism out. */
    public record Prevention(Contrastive contrastive, Variance variance, Covariance covariance, Centering centering,
                             Ema ema, Reconstruction reconstruction) {
    }

    public record Contrastive(double weight, double temperature) {
    }

    public record Variance(double weight, double target, double epsilon, double width) {
    }

    public record Covariance(double weight) {
    }

    public record Centering(double rate) {
    }

    public record Ema(double rate) {
    }

    public record Reconstruction(double weight) {
    }

    public record Init(double samples, double labels, double head) {
    }

    public record Teacher(int inputDim, double noise, double prototypeScale) {
    }

    /**
     * The linear SSL model ({@code model: linear-ssl}, {@link LinearSslModel}): D, sigma^2, eta, alpha_p,
     * beta, the eigenvalues of X, DirectPred, and an optional aligned start.
     */
    public record Ssl(int inputDim, double augmentationNoise, double weightDecay, double predictorRate,
                      double emaRate, List<Double> inputSpectrum, DirectPred directPred, AlignedInit alignedInit) {
    }

    public record DirectPred(boolean enabled, double epsilon) {
    }

    public record AlignedInit(List<Double> p, List<Double> s) {
    }

    public record Integrator(String method, double rtol, double atol, double tEnd, double step) {
    }

    public record Record(int points, String spacing, double tStart) {
    }

    public boolean hasHead() {
        return "linear".equals(head);
    }

    /** Whether a prevention term is on or the head loss is not the symmetric one (the flow is then not spec 2-3's). */
    public boolean hasPrevention() {
        Prevention p = prevention;
        return p.contrastive().weight() > 0 || p.variance().weight() > 0 || p.covariance().weight() > 0
                || p.centering().rate() > 0 || p.ema().rate() > 0 || p.reconstruction().weight() > 0
                || !"symmetric".equals(headLoss);
    }

    /** Whether the flow is linear (no head, no prevention term), so that the linear theory's rates apply to it. */
    public boolean linearTheory() {
        return !hasHead() && !hasPrevention();
    }

    public boolean isTeacherStudent() {
        return "teacher-student".equals(model);
    }
}
