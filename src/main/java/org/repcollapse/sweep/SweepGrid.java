package org.repcollapse.sweep;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.experiment.ExperimentException;

/**
 * The points of a sweep: the Cartesian product of its parameters' values, the first parameter
 * varying slowest (point index {@code p = sum_j k_j prod_{l > j} n_l}). Each point runs with
 * {@code seeds} seeds; run number {@code r = p * seeds + s} for seed offset {@code s}.
 */
public record SweepGrid(List<SweepParameter> parameters, int seeds) {

    /** Most runs a sweep may hold. */
    public static final long MAX_RUNS = 100_000_000L;

    public SweepGrid {
        parameters = List.copyOf(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (parameters.get(i).key().equals(parameters.get(j).key())) {
                    throw new ExperimentException("--param " + parameters.get(i).key() + ": swept twice");
                }
            }
        }
        if (seeds < 1) {
            throw new ExperimentException("--seeds " + seeds + ": need at least 1 seed");
        }
        long runs = seeds;
        for (SweepParameter p : parameters) {
            runs *= p.size();
            if (runs > MAX_RUNS) {
                throw new ExperimentException("--param: the grid has more than " + MAX_RUNS + " runs");
            }
        }
    }

    public int points() {
        int n = 1;
        for (SweepParameter p : parameters) {
            n *= p.size();
        }
        return n;
    }

    public long runs() {
        return (long) points() * seeds;
    }

    /** The value index of each parameter at a point. */
    public int[] indices(int point) {
        int[] k = new int[parameters.size()];
        int rest = point;
        for (int j = parameters.size() - 1; j >= 0; j--) {
            k[j] = rest % parameters.get(j).size();
            rest /= parameters.get(j).size();
        }
        return k;
    }

    /** The {@code --set} assignments of a point, in parameter order. */
    public List<String> assignments(int point) {
        int[] k = indices(point);
        List<String> out = new ArrayList<>();
        for (int j = 0; j < k.length; j++) {
            out.add(parameters.get(j).assignment(k[j]));
        }
        return out;
    }

    /** The parameter values of a point, as written in sweep.csv. */
    public List<String> values(int point) {
        int[] k = indices(point);
        List<String> out = new ArrayList<>();
        for (int j = 0; j < k.length; j++) {
            out.add(parameters.get(j).values().get(k[j]));
        }
        return out;
    }
}
