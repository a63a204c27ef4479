package org.candor.report;

import java.util.Objects;
import org.candor.evaluation.EvaluationResult;

/**
 * One evaluation in a portfolio report.
 *
 * @param evaluationId the id the evaluation is stored under
 * @param submittedBy who submitted the campaign; may be null
 * @param result what the evaluation found
 */
public record PortfolioEntry(String evaluationId, String submittedBy, EvaluationResult result) {

    public PortfolioEntry {
        Objects.requireNonNull(result, "result");
    }
}
