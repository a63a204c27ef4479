package org.candor.evaluation;

/**
 * An evaluation was stopped because it reached one of its {@link EvaluationBounds}. The message
 * says which bound and its value, in words a submitter or an officer can act on.
 */
public final class BoundsExceededException extends RuntimeException {

    /** The bound that was reached. */
    public enum Bound {
        /** The rule firing limit. */
        FIRINGS,
        /** The wall-clock deadline. */
        DEADLINE
    }

    private final Bound bound;

    public BoundsExceededException(Bound bound, String message) {
        super(message, null, false, false);
        this.bound = bound;
    }

    public static BoundsExceededException firings(EvaluationBounds bounds) {
        return new BoundsExceededException(
                Bound.FIRINGS,
                "the evaluation was stopped after " + bounds.maxFirings()
                        + " rule firings, the most one evaluation may make; a rule matches too many"
                        + " combinations of facts");
    }

    public static BoundsExceededException deadline(EvaluationBounds bounds) {
        return new BoundsExceededException(
                Bound.DEADLINE,
                "the evaluation was stopped at its deadline of " + bounds.deadlineText()
                        + "; the rules take too long on this campaign");
    }

    public Bound bound() {
        return bound;
    }
}
