package org.candor.ruletests;

import java.util.List;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationBounds;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.system.EvaluationProperties;
import org.springframework.stereotype.Component;

/**
 * The officer's rule tests ({@code rules/tests/}) as the rules service's {@link RuleService.Gate}:
 * a rule set built from the folder, whether the file watcher saw the folder change or a reload was
 * asked for, is put in force only when every case passes, as a change through the API is.
 */
@Component
class RuleTestGate implements RuleService.Gate {
    private final RuleService rules;
    private final EvaluationBounds bounds;

    RuleTestGate(RuleService rules, EvaluationProperties evaluation) {
        this.rules = rules;
        this.bounds = evaluation.bounds();
        rules.gate(this);
    }

    /** Each failing case as "file — case: detail", as the history keeps it. */
    @Override
    public List<String> failures(RuleSet candidate) {
        // Each case keeps to the bounds of a submission's evaluation, as through the API.
        return RuleAdministration.describe(new RuleTestRunner(new CampaignReader(), new Evaluator(bounds))
                .run(rules.rulesDir().resolve("tests"), candidate)
                .failures());
    }
}
