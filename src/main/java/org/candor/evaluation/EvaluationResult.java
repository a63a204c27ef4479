package org.candor.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.candor.campaign.ProductCategory;

/**
 * The outcome of judging one campaign under one rule set. It names the rule set by hash, and the
 * moment the campaign was judged as of, so the same input and rules give the same result.
 *
 * @param counts findings by severity and by category, e.g. {@code FAIL: 3, DISCLOSURE: 2}
 */
public record EvaluationResult(
        String reference,
        String agency,
        String brand,
        ProductCategory productCategory,
        List<String> jurisdictions,
        Instant asOf,
        Instant evaluatedAt,
        String ruleSetHash,
        Verdict verdict,
        Map<String, Integer> counts,
        List<Finding> findings,
        List<SubjectVerdict> posts,
        List<SubjectVerdict> influencers,
        List<RuleCheck> checks) {

    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }
}
