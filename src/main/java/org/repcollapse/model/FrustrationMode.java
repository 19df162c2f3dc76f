package org.repcollapse.model;

import java.util.Locale;

/** How a frustrated sample conflicts with its class (spec section 5, {@code frustration.mode}). */
public enum FrustrationMode {
    /** The sample carries two labels {a, b} (the same input appears twice in the data). */
    DUPLICATE,
    /** The sample carries one wrong label b instead of its true class a (teacher-student only). */
    FLIP;

    public static FrustrationMode parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
