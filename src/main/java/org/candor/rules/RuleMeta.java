package org.candor.rules;

import java.util.List;

/**
 * A rule of the pack as its metadata describes it: the catalog, the API and the report read
 * these, never a second list kept by hand. One id may be carried by several engine rules (one per
 * kind of subject, say); they share everything here but the scope.
 *
 * @param jurisdictions the jurisdictions the rule is limited to; empty when it applies everywhere
 */
public record RuleMeta(
        String id,
        String title,
        Category category,
        Severity severity,
        String source,
        String remediation,
        List<Scope> scopes,
        List<String> jurisdictions) {

    /** The metadata keys every rule must carry. */
    public static final List<String> REQUIRED =
            List.of("id", "title", "category", "severity", "source", "remediation", "scope");

    public boolean appliesIn(List<String> campaignJurisdictions) {
        return jurisdictions.isEmpty() || jurisdictions.stream().anyMatch(campaignJurisdictions::contains);
    }
}
