package org.candor.impact;

import java.util.List;
import org.candor.evaluation.Verdict;
import org.candor.rules.Severity;

/**
 * A campaign the candidate rules judge differently from the rules in force: its verdict flips,
 * findings appear or disappear, or its judgement was stopped at a bound of the evaluation.
 *
 * @param evaluationId the campaign's latest evaluation, which was judged again
 * @param verdictAfter the verdict under the candidate rules; null when the judgement was stopped
 * @param stopped why it could not be judged (a bound of the evaluation, a campaign that no longer
 *     reads); null when it was judged
 */
public record ImpactChange(
        String evaluationId,
        String reference,
        String agency,
        String brand,
        Verdict verdictBefore,
        Verdict verdictAfter,
        List<FindingRef> appeared,
        List<FindingRef> disappeared,
        String stopped) {

    public ImpactChange {
        appeared = appeared == null ? List.of() : List.copyOf(appeared);
        disappeared = disappeared == null ? List.of() : List.copyOf(disappeared);
    }

    /** Whether the verdict changes, PASS to FAIL or FAIL to PASS. */
    public boolean flipped() {
        return verdictAfter != null && verdictAfter != verdictBefore;
    }

    /** A finding, by the rule that made it and what it is about, with its severity and message. */
    public record FindingRef(String ruleId, String subject, Severity severity, String message) {}
}
