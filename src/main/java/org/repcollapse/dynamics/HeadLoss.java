package org.repcollapse.dynamics;

import java.util.Locale;

/**
 * Which predictor loss a shared head trains on (key {@code headLoss}): {@code SYMMETRIC}, the
 * SimSiam-style {@code 1/2|P x_i - [y_c]|^2 + 1/2|P y_c - [x_i]|^2} ({@link PredictorLoss}), or
 * {@code SAMPLE}, the head on the sample side only, {@code 1/2|P x_i - [y_c]|^2 + 1/2|y_c - [x_i]|^2}
 * ({@link SamplePredictorLoss}).
 */
public enum HeadLoss {
    SYMMETRIC, SAMPLE;

    public static HeadLoss parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
