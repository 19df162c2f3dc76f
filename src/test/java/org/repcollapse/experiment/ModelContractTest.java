package org.repcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.repcollapse.Experiments;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.ReducedLayout;
import org.repcollapse.model.BlockLayout;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLayout;

/**
 * The contract every registered model and every state layout obeys ({@link Model},
 * {@link BlockLayout}): blocks tile the state, pack/unpack round-trip exactly, the named blocks sit
 * where the layout's own accessors put them, the flow's derivative has the layout's dimension, and
 * the recorded row has one value per column. A model added to {@link Models} is checked here
 * without a new test (it must build from {@code model: NAME} and the defaults).
 */
class ModelContractTest {

    private static final String SMALL = "classes: 3\nsamples: 24\ndim: 3\nfrustration: {fraction: 0.25}\n"
            + "teacher: {inputDim: 10}\nintegrator: {tEnd: 1}\nrecord: {points: 5}\n";

    /** Blocks in order, contiguous from 0 to dimension (no gap, no overlap); pack(unpack(z)) == z bit for bit. */
    static void checkRoundTrip(BlockLayout layout) {
        int next = 0;
        for (BlockLayout.Block b : layout.blocks()) {
            assertEquals(next, b.offset(), "block " + b.name() + " starts where the previous one ends");
            assertTrue(b.rows() >= 0 && b.cols() > 0, b.name());
            next += b.size();
        }
        assertEquals(layout.dimension(), next, "blocks cover the state");
        double[] z = new Random(7).doubles(layout.dimension()).toArray();
        Map<String, double[]> parts = layout.unpack(z);
        assertEquals(layout.blocks().size(), parts.size(), "block names are distinct");
        assertArrayEquals(z, layout.pack(parts), 0.0);
        assertThrows(IllegalArgumentException.class, () -> layout.unpack(new double[layout.dimension() + 1]));
    }

    @Test
    void embeddingLayoutBlocksAreWhereTheAccessorsSay() {
        for (boolean head : new boolean[] {false, true}) {
            StateLayout l = new StateLayout(5, 3, 4, head);
            checkRoundTrip(l);
            assertEquals(l.x(2) + 1, l.block("x").offset() + 2 * 4 + 1);
            assertEquals(l.y(1) + 3, l.block("y").offset() + 4 + 3);
            if (head) {
                assertEquals(l.p() + 2 * 4 + 1, l.block("P").offset() + 2 * 4 + 1);
            } else {
                assertThrows(IllegalArgumentException.class, () -> l.block("P"));
            }
        }
    }

    @Test
    void studentLayoutBlocksAreWhereTheAccessorsSay() {
        for (boolean head : new boolean[] {false, true}) {
            StudentLayout l = new StudentLayout(7, 3, 2, head);
            checkRoundTrip(l);
            assertEquals(7, l.block("W").cols());
            assertEquals(l.y(2), l.block("y").offset() + 2 * 2);
        }
    }

    @Test
    void reducedLayoutHasOnePropagatorPerLabelSetSize() {
        Experiment e = Experiments.of(SMALL, "head=linear");
        LabelStructure s = Systems.structure(e);
        ReducedLayout l = new ReducedLayout(s, 3, true);
        checkRoundTrip(l);
        assertEquals(s.groups().size(), l.block("m").rows());
        for (int level = 0; level < l.levels(); level++) {
            assertEquals(l.phi(level), l.block("Phi_" + l.levelSize(level)).offset());
        }
    }

    /**
     * Every registered model on its defaults, and with a head and stop-gradient where the model
     * accepts them (a model that refuses those keys is checked without them).
     */
    static List<Model> everyModel() {
        List<Model> out = new ArrayList<>();
        for (String name : Models.names()) {
            out.add(Models.build(Experiments.of(SMALL, "model=" + name)));
            Experiment head;
            try {
                head = Experiments.of(SMALL, "model=" + name, "head=linear", "stopGradient=true");
            } catch (ExperimentException refused) {
                continue;
            }
            out.add(Models.build(head));
        }
        return out;
    }

    @Test
    void everyModelKeepsTheContract() {
        for (Model m : everyModel()) {
            String what = m.experiment().model() + " head " + m.experiment().head();
            FlowSystem s = m.system();
            double[] z0 = s.initialState();
            checkRoundTrip(m.layout());
            assertEquals(m.layout().dimension(), z0.length, what);
            assertEquals(z0.length, s.ode().getDimension(), what);
            assertEquals(z0.length, s.ode().computeDerivatives(0, z0).length, what);
            double[] row = m.row(0.0, z0);
            assertEquals(m.columns().size(), row.length, what);
            assertEquals("t", m.columns().get(0));
            assertEquals(0.0, row[0], 0.0, what + ": the row starts with t");
            assertNotNull(m.theoryReport(), what);
            assertNotNull(m.theory(z0), what);
        }
    }

    /** The label models' flows are sums of loss terms, and their stop-gradient flag is the experiment's. */
    @Test
    void labelModelsExposeTheirTermsAndStopGradient() {
        for (String name : List.of("embedding", "teacher-student")) {
            for (boolean sg : new boolean[] {false, true}) {
                Model m = Models.build(Experiments.of(SMALL, "model=" + name, "head=linear", "stopGradient=" + sg));
                assertEquals(sg, m.stopGradient(), name);
                assertEquals(1, m.lossTerms().size(), name + ": one loss term (predictor)");
            }
            assertFalse(Models.build(Experiments.of(SMALL, "model=" + name)).stopGradient());
        }
    }

    /** The blocks read the same numbers the metrics see through {@link Embeddings} (embedding model, full solver). */
    @Test
    void blocksAgreeWithTheEmbeddingsView() {
        Model m = Models.build(Experiments.of(SMALL, "head=linear"));
        double[] z = m.system().initialState();
        Map<String, double[]> parts = m.layout().unpack(z);
        Embeddings e = m.system().embeddings(z);
        assertEquals(e.x(5, 2), parts.get("x")[5 * 3 + 2], 0.0);
        assertEquals(e.y(1, 0), parts.get("y")[3], 0.0);
        assertEquals(e.p(2, 1), parts.get("P")[2 * 3 + 1], 0.0);
    }

    @Test
    void onlyTheFullEmbeddingFlowOffersFixedPointsAndItsJacobian() {
        Model full = Models.build(Experiments.of(SMALL, "head=linear", "stopGradient=true"));
        EmbeddingSystem fp = full.fixedPointSystem();
        assertNotNull(fp);
        assertTrue(fp.stopGradient());
        assertNotNull(full.jacobian());
        Model reduced = Models.build(Experiments.of(SMALL, "solver=reduced"));
        assertNull(reduced.fixedPointSystem());
        assertTrue(reduced.lossTerms().isEmpty(), "the reduced flow is not a sum of loss terms");
        Model ts = Models.build(Experiments.of(SMALL, "model=teacher-student"));
        assertNull(ts.fixedPointSystem());
        assertNull(ts.headReport(ts.system().initialState()));
    }

    @Test
    void unknownModelIsRefusedNamingTheKey() {
        ExperimentException ex = assertThrows(ExperimentException.class,
                () -> Experiments.of(SMALL, "model=linear-fantasy"));
        assertTrue(ex.getMessage().contains("model"), ex.getMessage());
    }
}
