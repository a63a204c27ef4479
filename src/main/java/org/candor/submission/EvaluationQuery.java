package org.candor.submission;

import java.time.Instant;
import org.candor.evaluation.Verdict;

/** Filters for listing evaluations; null means "any". {@code to} is exclusive. */
public record EvaluationQuery(String agency, String brand, Verdict verdict, Instant from, Instant to) {

    public EvaluationQuery withAgency(String a) {
        return new EvaluationQuery(a, brand, verdict, from, to);
    }
}
