package org.candor.intake;

import java.time.Instant;
import org.candor.evaluation.Verdict;

/**
 * One line of the evaluations list.
 *
 * @param fails FAIL findings that stand (no waiver covers them)
 * @param waived findings a waiver covers
 * @param evaluatedBy who submitted (first evaluation) or re-evaluated it
 * @param latest whether it is its campaign's newest evaluation among those the query matched
 */
public record EvaluationSummary(
        String id,
        String submissionId,
        String reference,
        String agency,
        String brand,
        Verdict verdict,
        int fails,
        int warnings,
        int infos,
        int waived,
        String ruleSetHash,
        Instant evaluatedAt,
        String evaluatedBy,
        boolean latest) {}
