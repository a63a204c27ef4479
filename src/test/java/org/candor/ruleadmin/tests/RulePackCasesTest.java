package org.candor.ruleadmin.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The officer's rule tests: every case in {@code rules/tests} must produce exactly the rule ids it
 * expects, with the severities and verdict it states. One dynamic test per case.
 */
class RulePackCasesTest {

    @TestFactory
    Stream<DynamicTest> everyCaseProducesExactlyTheFindingsItExpects() {
        RuleTestReport report = new RuleTestRunner().run(DefaultPack.TESTS, DefaultPack.ruleSet());
        assertFalse(report.results().isEmpty(), "no rule test cases found in " + DefaultPack.TESTS);
        return report.results().stream()
                .map(r -> dynamicTest(
                        r.file() + " \u2014 " + r.name(),
                        () -> assertTrue(r.passed(), r.displayName() + ": " + r.detail())));
    }
}
