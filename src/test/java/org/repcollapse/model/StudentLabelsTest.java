package org.repcollapse.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Label sets of the teacher-student model: duplicate and flip with the adjacent pairing rule. */
class StudentLabelsTest {

    @Test
    void flipGivesEachFlippedInputTheNextClassAndScoresItsTrueClassOut() {
        // K = 3, N = 20, phi = 0.25: N_f = 5 flipped inputs 15..19 with pairs (k mod 3, k+1 mod 3).
        StudentLabels s = StudentLabels.generate(3, 20, 0.25, Pairing.ADJACENT, List.of(), FrustrationMode.FLIP,
                new RandomStreams(1).stream(RandomStreams.Purpose.LABELS));
        for (int k = 0; k < 5; k++) {
            int i = 15 + k;
            int a = k % 3;
            assertEquals(a, s.trueClass()[i]);
            assertArrayEquals(new int[] {(a + 1) % 3}, s.training().labelSet(i));
            assertEquals(2, s.evaluation().labelCount(i));
        }
        for (int i = 0; i < 15; i++) {
            assertEquals(i % 3, s.trueClass()[i]);
            assertArrayEquals(new int[] {i % 3}, s.training().labelSet(i));
        }
        // one label per input: no sample of the training structure is "frustrated" in the EOM sense
        assertEquals(0, s.training().frustrated());
        assertEquals(20, s.training().edgeCount());
        assertEquals(5, s.frustrated());
    }

    @Test
    void duplicateCarriesBothLabelsLikeTheEom() {
        StudentLabels s = StudentLabels.generate(3, 20, 0.25, Pairing.ADJACENT, List.of(), FrustrationMode.DUPLICATE,
                new RandomStreams(1).stream(RandomStreams.Purpose.LABELS));
        LabelStructure eom = LabelStructure.generate(3, 20, 0.25, Pairing.ADJACENT, List.of(),
                new RandomStreams(1).stream(RandomStreams.Purpose.LABELS));
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(eom.labelSet(i), s.training().labelSet(i));
        }
        assertSame(s.training(), s.evaluation());
    }
}
