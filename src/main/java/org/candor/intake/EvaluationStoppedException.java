package org.candor.intake;

import org.candor.evaluation.BoundsExceededException;

/**
 * An evaluation of a submission was stopped at one of its bounds. A first evaluation leaves the
 * submission stored with status ERROR and the reason; a re-evaluation stores nothing.
 */
public final class EvaluationStoppedException extends RuntimeException {
    private final String submissionId;
    private final boolean stored;
    private final BoundsExceededException.Bound bound;

    EvaluationStoppedException(String submissionId, boolean stored, BoundsExceededException cause) {
        super(cause.getMessage(), cause);
        this.submissionId = submissionId;
        this.stored = stored;
        this.bound = cause.bound();
    }

    /** A submission stored as ERROR earlier, with the reason stored then. */
    EvaluationStoppedException(String submissionId, String reason) {
        super(reason == null || reason.isBlank() ? "its evaluation did not finish" : reason);
        this.submissionId = submissionId;
        this.stored = true;
        this.bound = null;
    }

    public String submissionId() {
        return submissionId;
    }

    /** Whether the submission was stored with status ERROR (a first evaluation). */
    public boolean stored() {
        return stored;
    }

    /** The bound reached; null for a submission stored as ERROR earlier. */
    public BoundsExceededException.Bound bound() {
        return bound;
    }
}
