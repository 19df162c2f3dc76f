package org.repcollapse.plot.sweep;

import java.util.Locale;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.StatUtils;

/**
 * The spread of one quantity over the seeds of a grid point: n finite values, their mean, the
 * sample standard deviation {@code sd = sqrt(sum (v - mean)^2 / (n - 1))} and the half-width of
 * the 95 % confidence interval of the mean, {@code t_{0.975, n-1} sd / sqrt(n)} (Student's t;
 * NaN for n < 2, as is sd).
 */
public record SeedStatistics(int n, double mean, double sd, double ci95) {

    public static SeedStatistics of(double[] values) {
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = finite.length;
        if (n == 0) {
            return new SeedStatistics(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = StatUtils.mean(finite);
        if (n == 1) {
            return new SeedStatistics(1, mean, Double.NaN, Double.NaN);
        }
        double sd = Math.sqrt(StatUtils.variance(finite, mean));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return new SeedStatistics(n, mean, sd, t * sd / Math.sqrt(n));
    }

    /** The error-bar half-width of the chosen kind (0 when undefined, e.g. one seed). */
    public double error(ErrorBar kind) {
        double e = kind == ErrorBar.SD ? sd : ci95;
        return Double.isFinite(e) ? e : 0;
    }

    /** What the error bars show. */
    public enum ErrorBar {
        SD("± 1 sd over seeds"), CI95("95 % interval of the mean over seeds");

        private final String legend;

        ErrorBar(String legend) {
            this.legend = legend;
        }

        /** The name {@code --error} takes: the constant's name in lower case. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String legend() {
            return legend;
        }

        public static ErrorBar of(String key) {
            for (ErrorBar e : values()) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
            throw org.repcollapse.experiment.ExperimentException.of("--error", key, "must be sd or ci95");
        }
    }
}
