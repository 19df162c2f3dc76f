package org.repcollapse.analysis;

import java.util.Locale;

/** How a run ended (spec section 6). */
public enum CollapseType {
    /** K separated label clusters and no rank deficit. */
    NONE,
    /** Fewer distinct label clusters than K, but more than one. */
    CLUSTER,
    /** All label distances below the relative threshold. */
    COMPLETE,
    /** Effective rank well below min(K-1, d). */
    DIMENSIONAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
