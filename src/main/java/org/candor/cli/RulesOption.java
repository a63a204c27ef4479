package org.candor.cli;

import java.nio.file.Path;
import org.candor.checking.CheckParts;
import org.candor.rules.RuleSet;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option shared by the commands. */
final class RulesOption {
    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description = "Rules folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "rules")
    Path dir;

    RuleSet load() {
        return CheckParts.ruleSetLoader().load(dir);
    }
}
