package org.candor.campaign.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.candor.campaign.Campaign;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Verdict;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.junit.jupiter.api.Test;

/**
 * The template's own example passes when uploaded unchanged, and the failing example beside it
 * fails for the reasons it is meant to show.
 */
class TemplateExamplesTest {
    private static final RuleSet PACK = new RuleSetLoader().load(Path.of("rules"));

    private static EvaluationResult judge(Campaign c) {
        return new Evaluator().evaluate(c.withSubmittedAt(c.submittedAt()), PACK);
    }

    @Test
    void theTemplatesExamplePassesWithNoFindingThatFails() {
        EvaluationResult r = judge(CampaignTemplate.example());
        assertThat(r.findings().stream().filter(f -> f.severity() == org.candor.rules.Severity.FAIL))
                .as("FAIL findings of the template's example")
                .extracting(Finding::ruleId)
                .isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void theFailingExampleFailsOnTheProblemsItShows() {
        EvaluationResult r = judge(CampaignTemplate.failingExample());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.findings()).extracting(Finding::ruleId).contains("CLAIM-006", "DISC-012");
    }
}
