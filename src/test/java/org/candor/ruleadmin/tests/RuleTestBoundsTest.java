package org.candor.ruleadmin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.BoundsFixtures;
import org.candor.evaluation.EvaluationBounds;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule test case whose evaluation reaches the bounds fails with the bound named; the run goes on. */
class RuleTestBoundsTest {

    @Test
    void aCaseThatReachesTheFiringLimitFailsWithTheReason(@TempDir Path dir) {
        Path rules = BoundsFixtures.pack(dir.resolve("rules"), "cross-product.drl");
        BoundsFixtures.loadCase(rules, 20);
        RuleSet pack = new RuleSetLoader().load(rules);
        RuleTestRunner runner = new RuleTestRunner(
                new CampaignReader(), new Evaluator(new EvaluationBounds(1_000, Duration.ofMinutes(5))));

        RuleTestReport report = runner.run(rules.resolve("tests"), pack);

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(RuleTestRunner.stoppedAtBounds(r)).isTrue();
            assertThat(r.detail())
                    .startsWith("evaluation exceeded its bounds: ")
                    .contains("1000 rule firings");
        });
    }

    @Test
    void theSameCaseUnderTheLimitPasses(@TempDir Path dir) {
        Path rules = BoundsFixtures.pack(dir.resolve("rules"), "cross-product.drl");
        BoundsFixtures.loadCase(rules, 5);
        RuleSet pack = new RuleSetLoader().load(rules);
        RuleTestRunner runner = new RuleTestRunner(
                new CampaignReader(), new Evaluator(new EvaluationBounds(1_000, Duration.ofMinutes(5))));

        RuleTestReport report = runner.run(rules.resolve("tests"), pack);

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.passed()).as(r.detail()).isTrue();
            assertThat(RuleTestRunner.stoppedAtBounds(r)).isFalse();
        });
    }
}
