package org.candor.evaluation;

import java.time.Instant;
import java.util.List;
import org.candor.campaign.ProductCategory;

/**
 * The outcome of judging one campaign under one rule set. It names the rule set by hash, and the
 * moment the campaign was judged as of, so the same input and rules give the same result.
 *
 * @param counts the findings that stand (no waiver covers them) by severity and by category, and
 *     those a waiver covers; the verdict is {@link Tally#verdict()} of it
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
        Tally counts,
        List<Finding> findings,
        List<SubjectVerdict> posts,
        List<SubjectVerdict> influencers,
        List<RuleCheck> checks,
        List<Waiver> waivers) {

    public EvaluationResult {
        counts = counts == null ? Tally.count(List.of()) : counts;
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    /** The same result under another campaign reference. */
    public EvaluationResult withReference(String reference) {
        return copy(c -> c.reference = reference);
    }

    /** The same result for another agency. */
    public EvaluationResult withAgency(String agency) {
        return copy(c -> c.agency = agency);
    }

    /** The same result as if evaluated at another time. */
    public EvaluationResult withEvaluatedAt(Instant evaluatedAt) {
        return copy(c -> c.evaluatedAt = evaluatedAt);
    }

    /** The same result with another verdict, nothing else recounted. */
    public EvaluationResult withVerdict(Verdict verdict) {
        return copy(c -> c.verdict = verdict);
    }

    /** The same result with other findings, nothing else recounted. */
    public EvaluationResult withFindings(List<Finding> findings) {
        return copy(c -> c.findings = findings);
    }

    /**
     * The same result with these waivers applied and its findings marked by them: the verdicts
     * and counts, the campaign's, each post's and each influencer's, recounted on the findings
     * that stand; {@code WAIVED} counts the others.
     */
    public EvaluationResult withWaivers(List<Finding> marked, List<Waiver> applied) {
        List<Finding> standing = marked.stream().filter(f -> !f.waived()).toList();
        Tally tally = Tally.count(standing).withWaived(marked.size() - standing.size());
        return copy(c -> {
            c.findings = marked;
            c.waivers = applied;
            c.counts = tally;
            c.verdict = tally.verdict();
            c.posts = SubjectVerdict.recount(posts, standing);
            c.influencers = SubjectVerdict.recount(influencers, standing);
        });
    }

    /** The findings no waiver covers. */
    public List<Finding> standing() {
        return findings.stream().filter(f -> waiverOf(f).isEmpty()).toList();
    }

    private EvaluationResult copy(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The fields of a result, changed one by one by the {@code with…} copies. */
    private static final class Copy {
        String reference;
        String agency;
        final String brand;
        final ProductCategory productCategory;
        final List<String> jurisdictions;
        final Instant asOf;
        Instant evaluatedAt;
        final String ruleSetHash;
        Verdict verdict;
        Tally counts;
        List<Finding> findings;
        List<SubjectVerdict> posts;
        List<SubjectVerdict> influencers;
        final List<RuleCheck> checks;
        List<Waiver> waivers;

        Copy(EvaluationResult r) {
            reference = r.reference;
            agency = r.agency;
            brand = r.brand;
            productCategory = r.productCategory;
            jurisdictions = r.jurisdictions;
            asOf = r.asOf;
            evaluatedAt = r.evaluatedAt;
            ruleSetHash = r.ruleSetHash;
            verdict = r.verdict;
            counts = r.counts;
            findings = r.findings;
            posts = r.posts;
            influencers = r.influencers;
            checks = r.checks;
            waivers = r.waivers;
        }

        EvaluationResult build() {
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
    }

    /** The waiver that covers a finding, if one was applied. */
    public java.util.Optional<Waiver> waiverOf(Finding f) {
        if (f.waiver() != null) {
            return java.util.Optional.of(f.waiver());
        }
        return waivers.stream().filter(w -> w.covers(f)).findFirst();
    }
}
