package org.candor.output;

import org.candor.evaluation.EvaluationResult;
import org.candor.rules.Severity;

/** The least severity that makes a check fail ({@code --fail-on}): FAIL findings, or WARN ones too. */
public enum FailOn {
    /** A campaign fails when its verdict is FAIL (a FAIL finding no waiver covers). */
    FAIL,
    /** A campaign fails when it has a FAIL or a WARN finding no waiver covers. */
    WARN;

    /** Whether this result reaches the threshold. */
    public boolean isMetBy(EvaluationResult result) {
        return result.findings().stream()
                .filter(f -> result.waiverOf(f).isEmpty())
                .anyMatch(f -> f.severity() == Severity.FAIL || (this == WARN && f.severity() == Severity.WARN));
    }
}
