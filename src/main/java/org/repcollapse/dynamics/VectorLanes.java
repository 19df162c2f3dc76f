package org.repcollapse.dynamics;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shape of {@link VectorProductKernel} and {@link VectorSampleKernel}: the preferred
 * species of doubles ({@code L} lanes, 8 on AVX-512) and the kernels' report name. Loaded only with them.
 */
final class VectorLanes {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final String NAME = "vector (" + L + " doubles)";

    private VectorLanes() {
    }
}
