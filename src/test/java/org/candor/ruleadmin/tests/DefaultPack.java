package org.candor.ruleadmin.tests;

import java.nio.file.Path;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;

/** The default rule pack, built once for the rule test suites of one test run. */
final class DefaultPack {

    static final Path RULES = Path.of("rules");
    static final Path TESTS = RULES.resolve("tests");

    private static RuleSet ruleSet;

    private DefaultPack() {}

    static synchronized RuleSet ruleSet() {
        if (ruleSet == null) {
            ruleSet = new RuleSetLoader().load(RULES);
        }
        return ruleSet;
    }
}
