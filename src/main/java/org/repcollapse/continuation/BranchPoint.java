package org.repcollapse.continuation;

/**
 * One point of a continued branch: parameter, state, arclength from the start, residual
 * {@code |F|}, corrector iterations, unit tangent {@code (dz/ds, dlambda/ds)}, the spectrum modulo the
 * family, and the event it marks (null for an ordinary point).
 */
public record BranchPoint(double lambda, double[] z, double arclength, double residual, int iterations,
                          double[] tangent, QuotientSpectrum spectrum, SpecialPoint.Type event) {

    /** {@code dlambda/ds}: its sign change along the branch is a fold. */
    public double parameterTangent() {
        return tangent[tangent.length - 1];
    }

    /**
     * The branch-point test function {@code sign det(Q^T J Q) * sign(dlambda/ds)} (the sign of the
     * bordered determinant); 0 (undecided) when a real eigenvalue lies within {@link #uncertainty()}.
     */
    public int borderedSign() {
        return spectrum.determinantSign(uncertainty()) * (int) Math.signum(parameterTangent());
    }

    /** Relative size (to the spectral scale) below which a real part is undecided, on top of the residual's share. */
    public static final double ZERO_TOLERANCE = 1.0e-9;

    /** The uncertainty of a real part here: {@code 1e-9 s + 10 |F| / max(1, |z|_inf)}, s the spectral scale. */
    public double uncertainty() {
        double zmax = 1.0;
        for (double v : z) {
            zmax = Math.max(zmax, Math.abs(v));
        }
        return ZERO_TOLERANCE * spectrum.scale() + 10 * residual / zmax;
    }
}
