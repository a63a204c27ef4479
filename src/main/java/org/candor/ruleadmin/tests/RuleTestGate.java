package org.candor.ruleadmin.tests;

import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleTestFailures;
import org.springframework.stereotype.Component;

/**
 * The officer's rule tests ({@code rules/tests/}) as the rules service's {@link RuleService.Gate}:
 * a rule set built from the folder, whether the file watcher saw the folder change or a reload was
 * asked for, is put in force only when no case fails with it that passes with the rules in force,
 * as a change through the API is. Cases failing with both are told apart and recorded as such.
 */
@Component
class RuleTestGate implements RuleService.Gate {
    private final RuleTestSuite suite;

    RuleTestGate(RuleService rules, RuleTestSuite suite) {
        this.suite = suite;
        rules.gate(this);
    }

    @Override
    public RuleTestFailures failures(RuleSet candidate) {
        return suite.compare(candidate).failures();
    }
}
