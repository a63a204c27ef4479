package org.candor.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleSet;
import org.candor.rules.Severity;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The global {@code findings} of the rule pack. A rule's consequence reports what it found here;
 * the rule's own metadata fills in id, title, category, severity, source and remediation. One
 * collector per evaluation; it is not shared between threads. A finding reported again (the same
 * rule, subject, message and evidence, as when a rule matches many combinations of facts) is kept
 * once, so memory grows with the distinct findings, not with the firings.
 */
public final class FindingCollector {
    private final RuleSet ruleSet;
    private final Set<Finding> findings = new LinkedHashSet<>();

    FindingCollector(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
    }

    /** Reports a finding at the rule's own severity. */
    public void report(RuleContext kcontext, String subject, String message, String evidence) {
        report(kcontext, null, subject, message, evidence);
    }

    /** Reports a finding at a severity the rule states for this case. */
    public void report(RuleContext kcontext, Severity severity, String subject, String message, String evidence) {
        Rule rule = kcontext.getRule();
        RuleMeta meta = ruleSet.metaOf(rule.getPackageName(), rule.getName());
        if (meta == null) {
            throw new IllegalStateException("rule '" + rule.getName() + "' is not in the catalog");
        }
        findings.add(new Finding(
                meta.id(),
                meta.title(),
                meta.category(),
                severity == null ? meta.severity() : severity,
                subject,
                message,
                evidence == null ? "" : evidence,
                meta.source(),
                meta.remediation()));
    }

    List<Finding> findings() {
        return new ArrayList<>(findings);
    }
}
