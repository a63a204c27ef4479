package org.candor.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.candor.campaign.ProductCategory;

/**
 * The outcome of judging one campaign under one rule set. It names the rule set by hash, and the
 * moment the campaign was judged as of, so the same input and rules give the same result.
 *
 * @param counts the findings that stand (no waiver covers them) by severity and by category, e.g.
 *     {@code FAIL: 3, DISCLOSURE: 2}, and {@code WAIVED}: findings a waiver covers
 * @param waivers the waivers applied to this evaluation; a FAIL finding they cover does not fail
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
        List<RuleCheck> checks,
        List<Waiver> waivers) {

    public EvaluationResult {
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    /** The same result under another campaign reference. */
    public EvaluationResult withReference(String reference) {
        return new EvaluationResult(
                reference,
                agency,
                brand,
                productCategory,
                jurisdictions,
                asOf,
                evaluatedAt,
                ruleSetHash,
                verdict,
                counts,
                findings,
                posts,
                influencers,
                checks,
                waivers);
    }

    /** The same result for another agency. */
    public EvaluationResult withAgency(String agency) {
        return new EvaluationResult(
                reference,
                agency,
                brand,
                productCategory,
                jurisdictions,
                asOf,
                evaluatedAt,
                ruleSetHash,
                verdict,
                counts,
                findings,
                posts,
                influencers,
                checks,
                waivers);
    }

    /** The same result as if evaluated at another time. */
    public EvaluationResult withEvaluatedAt(Instant evaluatedAt) {
        return new EvaluationResult(
                reference,
                agency,
                brand,
                productCategory,
                jurisdictions,
                asOf,
                evaluatedAt,
                ruleSetHash,
                verdict,
                counts,
                findings,
                posts,
                influencers,
                checks,
                waivers);
    }

    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    /** The waiver that covers a finding, if one was applied. */
    public java.util.Optional<Waiver> waiverOf(Finding f) {
        if (f.waiver() != null) {
            return java.util.Optional.of(f.waiver());
        }
        return waivers.stream().filter(w -> w.covers(f)).findFirst();
    }
}
