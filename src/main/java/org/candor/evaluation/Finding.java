package org.candor.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.candor.rules.Category;
import org.candor.rules.Severity;

/**
 * What a rule found (SPEC section 4): the rule's id, title, category, source and remediation come
 * from the rule's metadata; severity is the rule's unless the rule states a lesser one for a case.
 *
 * @param waiver the waiver that covers the finding, so that it does not count; null (and left out
 *     of the JSON) when none does
 */
public record Finding(
        String ruleId,
        String title,
        Category category,
        Severity severity,
        String subject,
        String message,
        String evidence,
        String source,
        String remediation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Waiver waiver) {

    /** A finding no waiver covers. */
    public Finding(
            String ruleId,
            String title,
            Category category,
            Severity severity,
            String subject,
            String message,
            String evidence,
            String source,
            String remediation) {
        this(ruleId, title, category, severity, subject, message, evidence, source, remediation, null);
    }

    /** True when a waiver covers the finding. */
    public boolean waived() {
        return waiver != null;
    }

    /** The same finding covered by {@code w}, or by none when {@code w} is null. */
    public Finding withWaiver(Waiver w) {
        return new Finding(ruleId, title, category, severity, subject, message, evidence, source, remediation, w);
    }
}
