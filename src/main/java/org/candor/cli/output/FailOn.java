package org.candor.cli.output;

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
        return result.standing().stream().anyMatch(f -> isMetBy(f.severity()));
    }

    /** Whether a finding of this severity, when no waiver covers it, reaches the threshold. */
    public boolean isMetBy(Severity severity) {
        return severity == Severity.FAIL || (this == WARN && severity == Severity.WARN);
    }
}
