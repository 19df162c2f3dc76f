package org.repcollapse.dynamics;

import java.util.Arrays;
import java.util.List;

import org.repcollapse.model.StateLayout;

/**
 * The training dynamics as an ODE: {@code dz/dt = -R sum_terms G_term(z)}, R the per-block
 * rates ({@link BlockRates}), each {@link LossTerm} adding its drive into one shared array.
 *
 * <p>The returned derivative array is reused between calls (Hipparchus copies it into its
 * own state), so a right-hand-side call allocates nothing; an instance serves one
 * integration at a time.
 *
 * <p>When every term is a {@link BlockedLossTerm} the call is fused per sample block: each block
 * (in parallel, {@link Workers}) clears its rows, lets every term add its drive and scales the rows
 * by {@code -eta_x}, while they are in cache (a single term may write its scaled drive in one pass
 * instead, with the same bits: {@link BlockedLossTerm#writeSampleDrive}); the label and head rows
 * follow serially from the block partials reduced in block order, so the result is bit-identical
 * for any thread count.
 */
public final class GradientFlow extends LossFlow implements BlockedOde, StiffOde {

    private final StateLayout layout;
    private final List<LossTerm> terms;
    private final BlockRates rates;
    private double[] rate;
    private final double[] drive;
    private final BlockedLossTerm[] blocked;
    private final double[] sharedRate;
    private final WorkerChoice workers = new WorkerChoice();
    private double[] current;
    private double[] target;
    private final java.util.function.IntConsumer blockTask = this::blockDrive;
    private java.util.function.Supplier<ShiftedSystem> shifted;

    public GradientFlow(StateLayout layout, BlockRates rates, List<LossTerm> terms) {
        super(layout.dimension());
        this.layout = layout;
        this.terms = List.copyOf(terms);
        this.rates = rates;
        this.drive = new double[layout.dimension()];
        boolean all = !this.terms.isEmpty();
        for (LossTerm t : this.terms) {
            all &= t instanceof BlockedLossTerm bt && bt.blocks().samples() == layout.samples();
        }
        this.blocked = all ? this.terms.toArray(new BlockedLossTerm[0]) : null;
        // the rates of the label, head and target rows: the shared rows after the samples
        this.sharedRate = Arrays.copyOfRange(rates.perCoordinate(layout), layout.y(0), layout.dimension());
    }

    /**
     * Attaches the structured solve a stiff integrator uses ({@link StiffOde}); the model that
     * built the flow knows its Jacobian's structure ({@link EmbeddingShiftedSystem},
     * {@link StudentShiftedSystem}).
     */
    public GradientFlow withShiftedSystem(java.util.function.Supplier<ShiftedSystem> solves) {
        this.shifted = solves;
        return this;
    }

    @Override
    public ShiftedSystem shiftedSystem() {
        return shifted == null ? null : shifted.get();
    }

    /** Runs the sample blocks on these workers (default: {@link Workers#defaults()}). */
    public GradientFlow useWorkers(Workers w) {
        workers.use(w);
        return this;
    }

    /**
     * A flow on a state that is not laid out as sample and label embeddings (e.g. the
     * teacher-student state, {@link org.repcollapse.model.StudentLayout}); {@link #layout()} is
     * then null. {@code rate} is the rate of each state coordinate.
     */
    public GradientFlow(double[] rate, List<LossTerm> terms) {
        super(rate.length);
        this.layout = null;
        this.terms = List.copyOf(terms);
        this.rates = null;
        this.rate = rate.clone();
        this.drive = new double[rate.length];
        this.blocked = null;
        this.sharedRate = null;
    }

    public StateLayout layout() {
        return layout;
    }

    @Override
    public List<LossTerm> terms() {
        return terms;
    }

    @Override
    public double[] computeDerivatives(double t, double[] z) {
        computeDerivatives(t, z, drive);
        return drive;
    }

    @Override
    public void computeDerivatives(double t, double[] z, double[] out) {
        if (blocked != null) {
            prepare(t, z);
            current = z;
            target = out;
            workers.get().run(blocked[0].blocks().count(), blockTask);
            current = null;
            target = null;
            sharedDerivative(z, out);
            return;
        }
        countEvaluation();
        if (rate == null) {
            rate = rates.perCoordinate(layout);
        }
        Arrays.fill(out, 0.0);
        for (LossTerm term : terms) {
            term.addDrive(z, out);
        }
        for (int k = 0; k < out.length; k++) {
            out[k] *= -rate[k];
        }
    }

    @Override
    public boolean splits() {
        return blocked != null;
    }

    @Override
    public int sharedStart() {
        return layout.y(0);
    }

    @Override
    public int blockCount() {
        return blocked[0].blocks().count();
    }

    @Override
    public int blockFrom(int b) {
        return blocked[0].blocks().from(b) * layout.dim();
    }

    @Override
    public int blockTo(int b) {
        return blocked[0].blocks().to(b) * layout.dim();
    }

    @Override
    public void prepare(double t, double[] z) {
        countEvaluation();
        for (BlockedLossTerm term : blocked) {
            term.prepare(z);
        }
    }

    @Override
    public void sharedDerivative(double[] z, double[] out) {
        int y0 = layout.y(0);
        Arrays.fill(out, y0, out.length, 0.0);
        for (BlockedLossTerm term : blocked) {
            term.addSharedDrive(z, out);
        }
        for (int k = y0; k < out.length; k++) {
            out[k] *= -sharedRate[k - y0];
        }
    }

    private void blockDrive(int b) {
        blockDerivative(current, target, b);
    }

    /**
     * One sample block: clear its rows, add every term's drive, scale by {@code -eta_x}; in one pass
     * when a single term can write its scaled drive directly ({@link BlockedLossTerm#writeSampleDrive}).
     */
    @Override
    public void blockDerivative(double[] z, double[] drive, int b) {
        if (blocked.length == 1 && blocked[0].writeSampleDrive(z, drive, b, -rates.sampleRate())) {
            return;
        }
        SampleBlocks blocks = blocked[0].blocks();
        int d = layout.dim();
        int from = blocks.from(b) * d;
        int to = blocks.to(b) * d;
        Arrays.fill(drive, from, to, 0.0);
        for (BlockedLossTerm term : blocked) {
            term.addSampleDrive(z, drive, b);
        }
        double scale = -rates.sampleRate();
        for (int k = from; k < to; k++) {
            drive[k] *= scale;
        }
    }

    /** Writes dz/dt into {@code out} (a fresh copy, for callers that keep it). */
    public double[] derivative(double[] z) {
        return computeDerivatives(0.0, z).clone();
    }

    /**
     * Sum of the loss terms at z; a blocked term's block values run on the workers and are added in
     * block order (the bits of {@link BlockedLossTerm#value}).
     */
    @Override
    public double loss(double[] z) {
        double sum = 0;
        for (LossTerm term : terms) {
            if (blocked != null && term instanceof BlockedLossTerm bt) {
                bt.prepare(z);
                double[] part = new double[bt.blocks().count()];
                workers.get().run(part.length, b -> part[b] = bt.blockValue(z, b));
                double v = 0;
                for (double x : part) {
                    v += x;
                }
                sum += v;
            } else {
                sum += term.value(z);
            }
        }
        return sum;
    }

    /** The rate of every state coordinate (the diagonal of R), a copy. */
    public double[] rates() {
        if (rate == null) {
            rate = rates.perCoordinate(layout);
        }
        return rate.clone();
    }

}
