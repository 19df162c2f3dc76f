package org.repcollapse.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LabelStructureTest {

    private static LabelStructure generate(int k, int n, double phi, Pairing p, List<int[]> pairs, long seed) {
        return LabelStructure.generate(k, n, phi, p, pairs, new RandomStreams(seed).stream(RandomStreams.Purpose.LABELS));
    }

    @Test
    void frustratedCountRoundsHalfUp() {
        // exact integer arithmetic: no tolerance
        assertEquals(20, LabelStructure.frustratedCount(0.1, 200));
        assertEquals(1, LabelStructure.frustratedCount(0.05, 10));   // 0.5 rounds up
        assertEquals(0, LabelStructure.frustratedCount(0.049, 10));
        assertEquals(10, LabelStructure.frustratedCount(1.0, 10));
    }

    @Test
    void consistentSamplesRoundRobinAndAdjacentPairs() {
        LabelStructure s = generate(3, 20, 0.25, Pairing.ADJACENT, List.of(), 1);
        assertEquals(5, s.frustrated());
        for (int i = 0; i < 15; i++) {
            assertArrayEquals(new int[] {i % 3}, s.labelSet(i));
        }
        // k-th frustrated sample pairs a = k mod K with a+1 mod K
        assertArrayEquals(new int[] {0, 1}, s.labelSet(15));
        assertArrayEquals(new int[] {1, 2}, s.labelSet(16));
        assertArrayEquals(new int[] {0, 2}, s.labelSet(17));
        assertArrayEquals(new int[] {0, 1}, s.labelSet(18));
        assertEquals(25, s.edgeCount());
        int degrees = 0;
        for (int c = 0; c < 3; c++) {
            degrees += s.classDegree(c);
        }
        assertEquals(s.edgeCount(), degrees);
        assertEquals(1, s.frustrationGraph().componentCount());
    }

    @Test
    void explicitPairsUsedInTurnGiveTheirComponents() {
        LabelStructure s = generate(4, 40, 0.1, Pairing.EXPLICIT, List.of(new int[] {0, 1}, new int[] {2, 3}), 1);
        assertArrayEquals(new int[] {0, 1}, s.labelSet(36));
        assertArrayEquals(new int[] {2, 3}, s.labelSet(37));
        assertArrayEquals(new int[] {0, 1}, s.labelSet(38));
        FrustrationGraph g = s.frustrationGraph();
        assertEquals(2, g.componentCount());
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)), g.components());
    }

    @Test
    void randomPairsAreDistinctAndReproducible() {
        LabelStructure a = generate(5, 100, 0.3, Pairing.RANDOM, List.of(), 7);
        LabelStructure b = generate(5, 100, 0.3, Pairing.RANDOM, List.of(), 7);
        LabelStructure c = generate(5, 100, 0.3, Pairing.RANDOM, List.of(), 8);
        boolean differs = false;
        for (int i = 70; i < 100; i++) {
            int[] s = a.labelSet(i);
            assertNotEquals(s[0], s[1]);
            assertArrayEquals(s, b.labelSet(i));
            differs |= !java.util.Arrays.equals(s, c.labelSet(i));
        }
        assertTrue(differs, "another seed must give other pairs");
    }

    @Test
    void transitionIsRowStochasticAndReversible() {
        LabelStructure s = generate(5, 103, 0.2, Pairing.RANDOM, List.of(), 3);
        double[][] t = s.transition();
        for (int c = 0; c < 5; c++) {
            double row = 0;
            for (int c2 = 0; c2 < 5; c2++) {
                row += t[c][c2];
                // n-weighted symmetry n_c T[c][c'] = A[c][c'] = n_c' T[c'][c]; rounding only
                assertEquals(s.classDegree(c) * t[c][c2], s.classDegree(c2) * t[c2][c], 1e-12);
            }
            assertEquals(1.0, row, 1e-12, "row sums are 1 up to rounding");
        }
    }

    @Test
    void couplingSpectrumSolvesTheEigenproblem() {
        LabelStructure s = generate(6, 120, 0.15, Pairing.RANDOM, List.of(), 5);
        double[][] t = s.transition();
        ClassCoupling cc = new ClassCoupling(s);
        double[] tau = cc.eigenvalues();
        assertEquals(1.0, tau[0], 1e-12, "tau_0 = 1 for a stochastic matrix");
        for (int k = 0; k < 6; k++) {
            if (k > 0) {
                assertTrue(tau[k] <= tau[k - 1] + 1e-14, "descending");
            }
            double[] u = cc.mode(k);
            for (int c = 0; c < 6; c++) {
                double tu = 0;
                for (int c2 = 0; c2 < 6; c2++) {
                    tu += t[c][c2] * u[c2];
                }
                // residual of T u = tau u, unit-norm u: rounding of a 6x6 eigensolve
                assertEquals(tau[k] * u[c], tu, 1e-12);
            }
        }
    }

    @Test
    void everyClassNeedsASample() {
        assertThrows(IllegalArgumentException.class,
                () -> generate(4, 3, 0.0, Pairing.ADJACENT, List.of(), 1));
    }
}
