package org.repcollapse.fixedpoint;

import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.dynamics.PredictorLoss;
import org.repcollapse.model.Embeddings;

/**
 * A fixed point of an embedding/head flow, polished and analysed: residual, analytic Jacobian
 * checked against central differences, Jacobian spectrum with its stable/zero/unstable split, and
 * the predicted dimension of the family of fixed points through it ({@link FixedPointFamily}).
 */
public record FixedPointAnalysis(FixedPointPolisher.Result polished, double startResidual, double jacobianError,
                                 double jacobianScale, JacobianSpectrum spectrum, int headRank, int predictedZeroModes) {

    /** Relative step of the central differences that check the analytic Jacobian. */
    public static final double FD_STEP = 1.0e-6;

    public static FixedPointAnalysis of(EmbeddingSystem system, double[] start, double tol, int maxIterations,
                                        double zeroTolerance) {
        if (system.layout().dimension() > FlowJacobian.MAX_DIMENSION) {
            throw new IllegalArgumentException("state dimension " + system.layout().dimension() + " > "
                    + FlowJacobian.MAX_DIMENSION);
        }
        FlowJacobian jac = FlowJacobian.of(system);
        FixedPointPolisher polisher = new FixedPointPolisher(system.flow(), jac);
        double r0 = polisher.residual(start);
        FixedPointPolisher.Result res = polisher.polish(start, tol, maxIterations);
        double[][] j = jac.at(res.point());
        double[][] fd = jac.finiteDifference(res.point(), FD_STEP);
        double err = 0;
        double scale = 0;
        for (int r = 0; r < j.length; r++) {
            for (int c = 0; c < j.length; c++) {
                err = Math.max(err, Math.abs(j[r][c] - fd[r][c]));
                scale = Math.max(scale, Math.abs(j[r][c]));
            }
        }
        JacobianSpectrum spectrum = new JacobianSpectrum(j, zeroTolerance);
        Embeddings e = system.embeddings(res.point());
        boolean sg = system.flow().terms().stream().anyMatch(t -> t instanceof PredictorLoss p && p.stopGradient());
        int rank = e.hasHead() ? FixedPointFamily.headRank(e) : 0;
        int predicted = e.hasHead() ? FixedPointFamily.dimension(system.structure(), e, sg)
                : system.structure().frustrationGraph().componentCount() * e.dim();
        return new FixedPointAnalysis(res, r0, err, scale, spectrum, rank, predicted);
    }

    /** Stable: residual within tol, no eigenvalue with a positive real part beyond the tolerance. */
    public boolean stable() {
        return polished.converged() && spectrum.unstable() == 0;
    }
}
