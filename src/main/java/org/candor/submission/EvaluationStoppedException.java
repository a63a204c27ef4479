package org.candor.submission;

import org.candor.evaluation.BoundsExceededException;

/**
 * An evaluation of a submission was stopped at one of its bounds. A first evaluation leaves the
 * submission stored with status ERROR and the reason; a re-evaluation stores nothing.
 */
public final class EvaluationStoppedException extends RuntimeException {
    private final String submissionId;
    private final boolean stored;

    EvaluationStoppedException(String submissionId, boolean stored, BoundsExceededException cause) {
        super(cause.getMessage(), cause);
        this.submissionId = submissionId;
        this.stored = stored;
    }

    public String submissionId() {
        return submissionId;
    }

    /** Whether the submission was stored with status ERROR (a first evaluation). */
    public boolean stored() {
        return stored;
    }

    public BoundsExceededException.Bound bound() {
        return ((BoundsExceededException) getCause()).bound();
    }
}
