package org.candor.rules;

import java.util.List;

/**
 * The failing rule tests of a rule set that is to be put in force, split by what the rule set
 * does to them: the cases it makes fail ({@code newFailures}), and the cases that fail with the
 * rules in force as well ({@code alreadyFailing}). Only new failures keep a rule set out of force.
 * Each failure is described in one line, "file — case: detail", as the history keeps it.
 */
public record RuleTestFailures(List<String> newFailures, List<String> alreadyFailing) {

    /** No case fails. */
    public static final RuleTestFailures NONE = new RuleTestFailures(List.of(), List.of());

    public RuleTestFailures {
        newFailures = newFailures == null ? List.of() : List.copyOf(newFailures);
        alreadyFailing = alreadyFailing == null ? List.of() : List.copyOf(alreadyFailing);
    }

    /** Failures that are all new: nothing to compare them with. */
    public static RuleTestFailures allNew(List<String> failures) {
        return new RuleTestFailures(failures, List.of());
    }

    /** Whether some case fails that passes with the rules in force: the rule set is not put in force unless forced. */
    public boolean blocks() {
        return !newFailures.isEmpty();
    }
}
