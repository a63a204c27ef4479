package org.candor.rules;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code rules}: loaded or not, the hash of the rule set in force, and the errors
 * of the last reload that was refused, or the rule tests it was refused for.
 */
@Component("rules")
class RulesHealthIndicator implements HealthIndicator {
    private final RuleService rules;

    RulesHealthIndicator(RuleService rules) {
        this.rules = rules;
    }

    @Override
    public Health health() {
        RuleSet rs = rules.current();
        if (rs == null) {
            return Health.down().withDetail("loaded", false).build();
        }
        return Health.up()
                .withDetail("loaded", true)
                .withDetail("hash", rs.hash())
                .withDetail("rules", rs.catalog().size())
                .withDetail("folder", rules.rulesDir().toString())
                .withDetail("builtAt", rs.builtAt().toString())
                .withDetail(
                        "lastErrors",
                        rules.lastErrors().stream().map(BuildProblem::toString).toList())
                .withDetail("lastTestFailures", rules.lastTestFailures())
                .build();
    }
}
