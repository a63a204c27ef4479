package org.candor.ruletests;

import java.util.List;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.springframework.stereotype.Component;

/**
 * The officer's rule tests ({@code rules/tests/}) as the rules service's {@link RuleService.Gate}:
 * a rule set built from the folder, whether the file watcher saw the folder change or a reload was
 * asked for, is put in force only when every case passes, as a change through the API is.
 */
@Component
class RuleTestGate implements RuleService.Gate {
    private final RuleService rules;

    RuleTestGate(RuleService rules) {
        this.rules = rules;
        rules.gate(this);
    }

    /** Each failing case as "file — case: detail", as the history keeps it. */
    @Override
    public List<String> failures(RuleSet candidate) {
        return RuleAdministration.describe(new RuleTestRunner()
                .run(rules.rulesDir().resolve("tests"), candidate)
                .failures());
    }
}
