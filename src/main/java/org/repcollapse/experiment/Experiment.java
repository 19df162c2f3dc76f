package org.repcollapse.experiment;

import java.util.List;

/**
 * A resolved experiment (spec section 8): the user's file merged over
 * {@code defaults.yaml}, overrides applied, validated by {@link ExperimentLoader}.
 */
public record Experiment(String name, String model, int classes, int samples, int dim,
                         Frustration frustration, String head, boolean stopGradient, Rates rates,
                         Init init, Teacher teacher, Integrator integrator, Record record, long seed,
                         String solver, Ssl ssl) {

    public record Frustration(double fraction, String pairing, List<List<Integer>> pairs, String mode) {
    }

    public record Rates(double samples, double labels, double head) {
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

    public boolean isTeacherStudent() {
        return "teacher-student".equals(model);
    }
}
