package org.candor.evaluation;

import org.candor.rules.Category;
import org.candor.rules.Severity;

/**
 * What a rule found (SPEC section 4): the rule's id, title, category, source and remediation come
 * from the rule's metadata; severity is the rule's unless the rule states a lesser one for a case.
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
        String remediation) {}
