package org.candor.intake;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.candor.evaluation.EvaluationResult;

/**
 * An evaluation as kept: who and when, and the full result. Its JSON is the result's JSON
 * (what {@code candor check --format json} prints) with the ids beside it.
 */
public record StoredEvaluation(
        String id,
        String submissionId,
        String submittedBy,
        String evaluatedBy,
        @JsonUnwrapped EvaluationResult result) {

    public String agency() {
        return result.agency();
    }
}
