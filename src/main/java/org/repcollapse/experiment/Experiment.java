package org.repcollapse.experiment;

import java.util.List;

/**
 * A resolved experiment (spec section 8): the user's file merged over
 * {@code defaults.yaml}, overrides applied, validated by {@link ExperimentLoader}.
 */
public record Experiment(String name, String model, int classes, int samples, int dim,
                         Frustration frustration, String head, boolean stopGradient, Rates rates,
                         Init init, Teacher teacher, Integrator integrator, Record record, long seed,
                         String solver) {

    public record Frustration(double fraction, String pairing, List<List<Integer>> pairs, String mode) {
    }

    public record Rates(double samples, double labels, double head) {
    }

    public record Init(double samples, double labels, double head) {
    }

    public record Teacher(int inputDim, double noise, double prototypeScale) {
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
