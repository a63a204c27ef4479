package org.candor.ruleadmin.tests;

import java.util.List;

/** The outcome of a run of rule tests: one result per case, in file and case order. */
public record RuleTestReport(List<CaseResult> results) {

    public RuleTestReport {
        results = List.copyOf(results);
    }

    public int passed() {
        return (int) results.stream().filter(CaseResult::passed).count();
    }

    public int failed() {
        return results.size() - passed();
    }

    public List<CaseResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    public boolean allPassed() {
        return failed() == 0;
    }

    /** Exactly {@code "N passed, M failed"}. */
    public String summaryLine() {
        return passed() + " passed, " + failed() + " failed";
    }
}
