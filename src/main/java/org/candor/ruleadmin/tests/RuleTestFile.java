package org.candor.ruleadmin.tests;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A rule test file, {@code rules/tests/<RULE-ID>.json}: the rule it tests and its cases.
 *
 * @param rule the id of the rule the file is about, e.g. {@code DISC-001}
 * @param cases the cases, in file order
 */
public record RuleTestFile(String rule, List<RuleTestCase> cases) {

    public RuleTestFile {
        cases = List.copyOf(cases);
    }

    /** Rule ids that at least one case expects to fire. */
    public SortedSet<String> firingIds() {
        SortedSet<String> ids = new TreeSet<>();
        for (RuleTestCase c : cases) {
            ids.addAll(c.expect());
        }
        return Collections.unmodifiableSortedSet(ids);
    }

    /**
     * Rule ids that at least one case shows not firing: of the file's own rule and every id some
     * case expects, those that some other case does not expect.
     */
    public SortedSet<String> nonFiringIds() {
        Set<String> known = new TreeSet<>(firingIds());
        if (rule != null) {
            known.add(rule);
        }
        SortedSet<String> ids = new TreeSet<>();
        for (String id : known) {
            if (cases.stream().anyMatch(c -> !c.fires(id))) {
                ids.add(id);
            }
        }
        return Collections.unmodifiableSortedSet(ids);
    }
}
