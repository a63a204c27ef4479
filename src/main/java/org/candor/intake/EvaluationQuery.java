package org.candor.intake;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.candor.evaluation.Verdict;

/**
 * Filters for listing evaluations; null means "any". {@code to} is exclusive. A campaign is an
 * agency's reference: its resubmissions and re-evaluations are evaluations of the same campaign.
 *
 * @param agency part of the agency's name, any case
 * @param brand part of the brand's name, any case
 * @param latest only each campaign's newest evaluation among those the other filters (save the
 *     verdict) match; the verdict filter then applies to that one
 * @param ownAgency the one agency whose evaluations may be listed (exact name); null for all
 * @param reference part of the campaign reference, any case
 * @param sort the column to order by; null for the newest first
 * @param descending whether {@code sort} runs from high to low
 */
public record EvaluationQuery(
        String agency,
        String brand,
        Verdict verdict,
        Instant from,
        Instant to,
        boolean latest,
        String ownAgency,
        String reference,
        Sort sort,
        boolean descending) {

    /** Every evaluation, newest first. */
    public EvaluationQuery(String agency, String brand, Verdict verdict, Instant from, Instant to) {
        this(agency, brand, verdict, from, to, false, null, null, null, true);
    }

    /** What a list can be ordered by. */
    public enum Sort {
        /** Campaigns, the most recently evaluated first, each with its evaluations newest first. */
        CAMPAIGN,
        EVALUATED_AT,
        REFERENCE,
        AGENCY,
        BRAND,
        VERDICT,
        FAILS,
        WARNINGS;

        /** The sort a request names ("reference", "evaluatedAt", "evaluated_at", any case). */
        public static Optional<Sort> parse(String s) {
            if (s == null || s.isBlank()) {
                return Optional.empty();
            }
            String key = s.strip().replace("_", "").replace("-", "").toUpperCase(Locale.ROOT);
            for (Sort sort : values()) {
                if (sort.name().replace("_", "").equals(key)) {
                    return Optional.of(sort);
                }
            }
            return Optional.empty();
        }

        /** The name a request uses for it, e.g. {@code evaluatedAt}. */
        public String key() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder b = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return b.toString();
        }
    }

    /** The same query limited to one agency's own evaluations. */
    public EvaluationQuery withAgency(String a) {
        return new EvaluationQuery(agency, brand, verdict, from, to, latest, a, reference, sort, descending);
    }

    /** The same query over every verdict. */
    public EvaluationQuery anyVerdict() {
        return new EvaluationQuery(agency, brand, null, from, to, latest, ownAgency, reference, sort, descending);
    }

    /** The same query over each campaign's newest evaluation only, or over all of them. */
    public EvaluationQuery latestOnly(boolean l) {
        return new EvaluationQuery(agency, brand, verdict, from, to, l, ownAgency, reference, sort, descending);
    }
}
