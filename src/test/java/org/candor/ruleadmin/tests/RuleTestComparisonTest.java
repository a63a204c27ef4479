package org.candor.ruleadmin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A proposal's failing cases, told apart by whether the same case fails with the rules in force. */
class RuleTestComparisonTest {

    private static CaseResult pass(String file, String name) {
        return new CaseResult(file, name, Set.of("DISC-001"), Set.of("DISC-001"), true, "ok: DISC-001");
    }

    private static CaseResult fail(String file, String name, String detail) {
        return new CaseResult(file, name, Set.of("DISC-001"), Set.of(), false, detail);
    }

    private static RuleTestReport report(CaseResult... results) {
        return new RuleTestReport(List.of(results));
    }

    @Test
    void aCaseFailingOnlyWithTheProposalIsNewAndOneFailingWithBothIsAlreadyFailing() {
        RuleTestReport live = report(
                pass("DISC-001.json", "paid post"),
                fail("DISC-002.json", "old gap", "missing DISC-002"),
                pass("DISC-003.json", "story"));
        RuleTestReport proposed = report(
                fail("DISC-001.json", "paid post", "missing DISC-001"),
                fail("DISC-002.json", "old gap", "missing DISC-002 and more"),
                pass("DISC-003.json", "story"));
        RuleTestComparison c = RuleTestComparison.of("live-hash", proposed, live);
        assertThat(c.liveHash()).isEqualTo("live-hash");
        assertThat(c.report()).isEqualTo(proposed);
        assertThat(c.newFailures()).extracting(CaseResult::file).containsExactly("DISC-001.json");
        assertThat(c.alreadyFailing()).extracting(CaseResult::file).containsExactly("DISC-002.json");
        assertThat(c.noNewFailures()).isFalse();
        assertThat(c.comparisonLine()).isEqualTo("1 new, 1 already failing");
        assertThat(c.failures().newFailures()).containsExactly("DISC-001.json \u2014 paid post: missing DISC-001");
        assertThat(c.failures().alreadyFailing())
                .containsExactly("DISC-002.json \u2014 old gap: missing DISC-002 and more");
        assertThat(c.failures().blocks()).isTrue();
    }

    @Test
    void aCaseTheProposalMendsIsNeitherAndNothingFailingMeansNothingBlocks() {
        RuleTestReport live = report(fail("DISC-002.json", "old gap", "missing DISC-002"));
        RuleTestReport proposed = report(pass("DISC-002.json", "old gap"));
        RuleTestComparison c = RuleTestComparison.of("h", proposed, live);
        assertThat(c.newFailures()).isEmpty();
        assertThat(c.alreadyFailing()).isEmpty();
        assertThat(c.failures().blocks()).isFalse();
    }

    @Test
    void casesOfTheSameNameAreMatchedByTheirPlaceInTheirFile() {
        RuleTestReport live = report(
                fail("AUD-001.json", "same name", "first fails"),
                pass("AUD-001.json", "same name"),
                pass("AUD-002.json", "same name"));
        RuleTestReport proposed = report(
                fail("AUD-001.json", "same name", "first fails"),
                fail("AUD-001.json", "same name", "second fails now"),
                fail("AUD-002.json", "same name", "other file fails now"));
        RuleTestComparison c = RuleTestComparison.of("h", proposed, live);
        assertThat(c.alreadyFailing()).extracting(CaseResult::detail).containsExactly("first fails");
        assertThat(c.newFailures())
                .extracting(CaseResult::detail)
                .containsExactly("second fails now", "other file fails now");
    }

    @Test
    void aCaseAddedSinceOrAFileThatNoLongerReadsIsNewWhenTheRulesInForceDidNotFailIt() {
        RuleTestReport live = report(pass("DISC-001.json", "paid post"));
        RuleTestReport proposed = report(
                fail("DISC-001.json", RuleTestRunner.WHOLE_FILE, "rule 'DISC-001' is not in the rule set"),
                fail("DISC-001.json", "paid post", "missing DISC-001"));
        RuleTestComparison c = RuleTestComparison.of("h", proposed, live);
        assertThat(c.newFailures()).hasSize(2);
        assertThat(c.alreadyFailing()).isEmpty();
    }
}
