package org.candor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleSet;
import org.candor.ruletests.CaseResult;
import org.candor.ruletests.RuleTestReport;
import org.candor.ruletests.RuleTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code candor rules list|test}. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Reads the rule pack: its catalog, and its example campaigns.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.TestRules.class})
final class RulesCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads the rules, or prints why not; null when they do not build. */
    static RuleSet loadOrReport(RulesOption rules, PrintWriter err) {
        try {
            return rules.load();
        } catch (RuleBuildException e) {
            err.println("candor: the rules in " + rules.dir + " do not build:");
            e.problems().forEach(p -> err.println("  " + p));
            return null;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints the catalog, read from the rules' own metadata.")
    static final class ListRules implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        RulesOption rules;

        @Option(names = "--format", defaultValue = "text", description = "text or json.")
        String format;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet ruleSet = loadOrReport(rules, spec.commandLine().getErr());
            if (ruleSet == null) {
                return CandorCli.BAD_INPUT;
            }
            if ("json".equals(format)) {
                out.println(Json.MAPPER.writeValueAsString(new Catalog(ruleSet.hash(), ruleSet.catalog())));
                return CandorCli.PASS;
            }
            if (!"text".equals(format)) {
                spec.commandLine().getErr().println("candor: --format is text or json");
                return CandorCli.BAD_INPUT;
            }
            out.println("Rule set " + ruleSet.hash() + " (" + ruleSet.catalog().size() + " rules)");
            for (RuleMeta m : ruleSet.catalog()) {
                out.printf("%-10s %-4s %-11s %s%s%n", m.id(), m.severity(), m.category(), m.title(),
                        m.jurisdictions().isEmpty() ? "" : "  [" + String.join(", ", m.jurisdictions()) + "]");
                out.println("           source: " + m.source());
                out.println("           remediation: " + m.remediation());
            }
            return CandorCli.PASS;
        }
    }

    /** The catalog as JSON: the rule set's hash and its rules. */
    record Catalog(String ruleSetHash, java.util.List<RuleMeta> rules) {}

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Runs the example campaigns in <rules>/tests against the rules; ends with 'N passed, M failed'.")
    static final class TestRules implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        RulesOption rules;

        @Option(names = "--tests", paramLabel = "DIR", description = "Folder of rule tests (default: <rules>/tests).")
        Path tests;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet ruleSet = loadOrReport(rules, spec.commandLine().getErr());
            if (ruleSet == null) {
                return CandorCli.BAD_INPUT;
            }
            Path dir = tests != null ? tests : rules.dir.resolve("tests");
            RuleTestReport report = new RuleTestRunner().run(dir, ruleSet);
            for (CaseResult r : report.results()) {
                out.println((r.passed() ? "PASS " : "FAIL ") + r.file() + " — " + r.name());
                if (!r.passed()) {
                    out.println("     " + r.detail().replace("\n", "\n     "));
                }
            }
            out.println(report.summaryLine());
            return report.failed() == 0 ? CandorCli.PASS : CandorCli.FAIL;
        }
    }
}
