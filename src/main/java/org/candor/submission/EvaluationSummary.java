package org.candor.submission;

import java.time.Instant;
import org.candor.evaluation.Verdict;

/** One line of the evaluations list. */
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
        String ruleSetHash,
        Instant evaluatedAt,
        String evaluatedBy) {}
