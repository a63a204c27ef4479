package org.candor.rules;

import org.candor.rules.change.RuleSetSync;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code rules}: loaded or not, the hash of the rule set in force, and the errors
 * of the last reload that was refused, or the rule tests it was refused for; where the rule set
 * comes from and, when from the database, whether the instance listens for changes and when it
 * last asked.
 */
@Component("rules")
class RulesHealthIndicator implements HealthIndicator {
    private final RuleService rules;
    private final RuleSetSync sync;

    RulesHealthIndicator(RuleService rules, ObjectProvider<RuleSetSync> sync) {
        this.rules = rules;
        this.sync = sync.getIfAvailable();
    }

    @Override
    public Health health() {
        RuleSet rs = rules.current();
        if (rs == null) {
            return Health.down().withDetail("loaded", false).build();
        }
        Health.Builder health = Health.up()
                .withDetail("loaded", true)
                .withDetail("source", rules.fromDatabase() ? "database" : "folder")
                .withDetail("hash", rs.hash())
                .withDetail("rules", rs.catalog().size())
                .withDetail("folder", rules.rulesDir().toString())
                .withDetail("builtAt", rs.builtAt().toString())
                .withDetail(
                        "lastErrors",
                        rules.lastErrors().stream().map(BuildProblem::toString).toList())
                .withDetail("lastTestFailures", rules.lastTestFailures());
        if (sync != null) {
            health.withDetail("database", sync.status());
        }
        return health.build();
    }
}
