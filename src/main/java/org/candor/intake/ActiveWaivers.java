package org.candor.intake;

import org.candor.evaluation.EvaluationResult;

/**
 * The waivers in force on a submission, applied to a result just computed for it; the waivers'
 * own service provides this, so that intake needs nothing else of them.
 */
public interface ActiveWaivers {

    /** The result with the submission's waivers that are active today applied. */
    EvaluationResult applyActive(String submissionId, EvaluationResult result);
}
