package org.candor.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An officer's decision that one finding (rule id and subject) of a submission does not block
 * it, with the reason, who approved it and until when. It applies to evaluations made on or
 * before its expiry date; from the first evaluation after that, the finding counts again. An
 * officer may end it earlier: the end is recorded beside the original expiry, which stays.
 *
 * @param endedBy who ended it before its expiry; null while it was not ended
 * @param endedAt when it was ended; null while it was not ended
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
        Instant createdAt,
        String endedBy,
        Instant endedAt) {

    /** A waiver as granted, not ended. */
    public Waiver(
            String id,
            String evaluationId,
            String ruleId,
            String subject,
            String justification,
            String approver,
            LocalDate expiresOn,
            String createdBy,
            Instant createdAt) {
        this(id, evaluationId, ruleId, subject, justification, approver, expiresOn, createdBy, createdAt, null, null);
    }

    /** True when an officer ended it before its expiry. */
    @JsonIgnore
    public boolean ended() {
        return endedAt != null;
    }

    /** Whether it applies to an evaluation made on {@code day}: not ended, and not expired by then. */
    public boolean activeOn(LocalDate day) {
        return !ended() && !expiresOn.isBefore(day);
    }

    public boolean covers(Finding f) {
        return ruleId.equals(f.ruleId()) && subject.equals(f.subject());
    }
}
