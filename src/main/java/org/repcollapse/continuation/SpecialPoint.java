package org.repcollapse.continuation;

/**
 * A detected special point of a branch. A fold: {@code dlambda/ds} changes sign (the branch turns
 * back; a real eigenvalue crosses zero with it). A branch point: the bordered determinant
 * {@code sign det(Q^T J Q) sign(dlambda/ds)} changes sign without a fold (a real eigenvalue outside
 * the family crosses zero while the branch goes on: another branch crosses it). Located by bisection
 * on the arclength step to {@code |ds| <= 1e-10} of the step.
 */
public record SpecialPoint(Type type, double lambda, double arclength, double[] z, String note) {

    public enum Type { FOLD, BRANCH_POINT, CRITICAL_FRUSTRATION }

    public String typeName() {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
