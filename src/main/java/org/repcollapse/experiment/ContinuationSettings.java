package org.repcollapse.experiment;

import java.util.Map;

/**
 * What a continuation was asked for: the key continued, from where to where, in how many steps, to which
 * residual tolerance. Every {@code continuation.json} states them in this order.
 */
public record ContinuationSettings(String key, double from, double to, int steps, double tol) {

    /** Appends {@code key, from, to, steps, tol} to a JSON summary being built. */
    public void putInto(Map<String, Object> json) {
        json.put("key", key);
        json.put("from", from);
        json.put("to", to);
        json.put("steps", steps);
        json.put("tol", tol);
    }
}
