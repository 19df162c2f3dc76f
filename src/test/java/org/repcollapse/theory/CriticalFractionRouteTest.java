package org.repcollapse.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.model.ClassCoupling;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * The class coupling of a generated structure from counts and pairs
 * ({@link LabelStructure#generatedCoupling}) against the one of the N label sets: the same T spectrum
 * bit for bit (A and n are sums of integers and halves, exact either way), hence the same critical
 * frustration, for adjacent, random and explicit pairing.
 */
class CriticalFractionRouteTest {

    @Test
    void couplingFromCountsEqualsCouplingOfTheLabelSets() {
        List<int[]> explicit = List.of(new int[] {0, 1}, new int[] {2, 3});
        for (Pairing pairing : Pairing.values()) {
            for (int n : new int[] {37, 200, 1001}) {
                for (double phi : new double[] {0.0, 0.1, 0.5, 1.0}) {
                    int k = 4;
                    ClassCoupling bySets = new ClassCoupling(LabelStructure.generate(k, n, phi, pairing, explicit,
                            new RandomStreams(9).stream(RandomStreams.Purpose.LABELS)));
                    ClassCoupling byCounts = LabelStructure.generatedCoupling(k, n, phi, pairing, explicit,
                            new RandomStreams(9).stream(RandomStreams.Purpose.LABELS));
                    assertArrayEquals(bySets.eigenvalues(), byCounts.eigenvalues(), 0.0, pairing + " N=" + n + " phi=" + phi);
                }
            }
        }
        for (Pairing pairing : Pairing.values()) {
            int n = 400;
            double viaSets = HeadTheory.criticalFraction(n, nf -> LabelStructure.generate(4, n, nf / (double) n, pairing,
                    explicit, new RandomStreams(3).stream(RandomStreams.Purpose.LABELS)));
            double viaCounts = HeadTheory.criticalFractionOfCouplings(n, nf -> LabelStructure.generatedCoupling(4, n,
                    nf / (double) n, pairing, explicit, new RandomStreams(3).stream(RandomStreams.Purpose.LABELS)));
            assertEquals(viaSets, viaCounts, 0.0, pairing.toString());
        }
    }
}
