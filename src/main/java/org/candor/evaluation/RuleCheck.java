package org.candor.evaluation;

import org.candor.rules.Category;
import org.candor.rules.Severity;

/**
 * One rule of the pack in one evaluation: how many subjects it examined, and how many it failed
 * or warned about. A rule limited to jurisdictions the campaign does not list examines nothing.
 */
public record RuleCheck(
        String ruleId,
        String title,
        Category category,
        Severity severity,
        boolean applicable,
        int examined,
        int failed,
        int warned) {}
