package org.candor.ruleadmin.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.candor.rules.RuleTestFailures;

/**
 * The rule tests run against a proposed rule set, set beside the same cases run against the rules
 * in force: a case failing with both is already failing, one failing only with the proposal is a
 * new failure. A case is the same case when it has the same file, name and, among cases of that
 * file with that name, the same place.
 *
 * @param liveHash the hash of the rule set the proposal was compared with
 * @param report every case's result with the proposal, in file and case order
 * @param newFailures the cases that fail with the proposal and not with the rules in force
 * @param alreadyFailing the cases that fail with both
 */
public record RuleTestComparison(
        String liveHash, RuleTestReport report, List<CaseResult> newFailures, List<CaseResult> alreadyFailing) {

    public RuleTestComparison {
        newFailures = List.copyOf(newFailures);
        alreadyFailing = List.copyOf(alreadyFailing);
    }

    /** Sets a proposal's results beside those of the rules in force, case by case. */
    public static RuleTestComparison of(String liveHash, RuleTestReport proposed, RuleTestReport live) {
        Set<String> failingNow = new HashSet<>(keys(live.results(), false));
        List<String> keys = keys(proposed.results(), true);
        List<CaseResult> fresh = new ArrayList<>();
        List<CaseResult> already = new ArrayList<>();
        for (int i = 0; i < proposed.results().size(); i++) {
            CaseResult r = proposed.results().get(i);
            if (!r.passed()) {
                (failingNow.contains(keys.get(i)) ? already : fresh).add(r);
            }
        }
        return new RuleTestComparison(liveHash, proposed, fresh, already);
    }

    /** Whether no case fails that passes with the rules in force. */
    public boolean noNewFailures() {
        return newFailures.isEmpty();
    }

    /** Both lists as the history keeps them, "file — case: detail". */
    public RuleTestFailures failures() {
        return new RuleTestFailures(describe(newFailures), describe(alreadyFailing));
    }

    /** Exactly {@code "K new, J already failing"}. */
    public String comparisonLine() {
        return newFailures.size() + " new, " + alreadyFailing.size() + " already failing";
    }

    /** Each failing case in one line, "file — case: detail", as the history keeps them. */
    static List<String> describe(List<CaseResult> failing) {
        return failing.stream().map(c -> c.displayName() + ": " + c.detail()).toList();
    }

    /**
     * Each result's identity, in order: file, name and its place among the file's results of that
     * name; with {@code all} false, only those of failed results (the others are answered too, but
     * left out).
     */
    private static List<String> keys(List<CaseResult> results, boolean all) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = new ArrayList<>(results.size());
        for (CaseResult r : results) {
            String name = r.file() + '\u0000' + r.name();
            int place = seen.merge(name, 1, Integer::sum);
            if (all || !r.passed()) {
                keys.add(name + '\u0000' + place);
            }
        }
        return keys;
    }
}
