package org.candor.evaluation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An officer's decision that one finding (rule id and subject) of a submission does not block
 * it, with the reason, who approved it and until when. It applies to evaluations made on or
 * before its expiry date; from the first evaluation after that, the finding counts again.
 */
public record Waiver(
        String id,
        String evaluationId,
        String ruleId,
        String subject,
        String justification,
        String approver,
        LocalDate expiresOn,
        String createdBy,
        Instant createdAt) {

    public boolean activeOn(LocalDate day) {
        return !expiresOn.isBefore(day);
    }

    public boolean covers(Finding f) {
        return ruleId.equals(f.ruleId()) && subject.equals(f.subject());
    }
}
