package org.candor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.candor.checking.CheckParts;
import org.candor.evaluation.Evaluator;
import org.candor.ruleadmin.tests.CaseResult;
import org.candor.ruleadmin.tests.RuleTestComparison;
import org.candor.ruleadmin.tests.RuleTestReport;
import org.candor.ruleadmin.tests.RuleTestRunner;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.change.CatalogDiff;
import org.candor.rules.change.RuleDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code candor rules list|test|validate|diff}. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Reads the rule pack: its catalog, its example campaigns; checks and compares rule folders.",
        subcommands = {
            RulesCommand.ListRules.class,
            RulesCommand.TestRules.class,
            RulesCommand.ValidateRules.class,
            RulesCommand.DiffRules.class
        })
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

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Prints the catalog, read from the rules' own metadata.")
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
                out.printf(
                        "%-10s %-4s %-11s %s%s%n",
                        m.id(),
                        m.severity(),
                        m.category(),
                        m.title(),
                        m.jurisdictions().isEmpty() ? "" : "  [" + String.join(", ", m.jurisdictions()) + "]");
                out.println("           source: " + m.source());
                out.println("           remediation: " + m.remediation());
            }
            return CandorCli.PASS;
        }
    }

    /** The catalog as JSON: the rule set's hash and its rules. */
    record Catalog(String ruleSetHash, java.util.List<RuleMeta> rules) {}

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = {
                "Runs the example campaigns in <rules>/tests against the rules; ends with 'N passed, M failed'.",
                "With --baseline, the same cases run against the rules in force too, and failures are told apart:",
                "new (pass with the baseline) or already failing (fail with it as well); only new ones fail the run.",
                "Exit 0 when all pass (or none fails anew), 1 when any fails, 2 when the rules do not build, 3 when"
                        + " a case was stopped at its bounds."
            })
    static final class TestRules implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        RulesOption rules;

        @Option(names = "--tests", paramLabel = "DIR", description = "Folder of rule tests (default: <rules>/tests).")
        Path tests;

        @Mixin
        BoundsOption bounds;

        @Option(
                names = "--baseline",
                paramLabel = "DIR",
                description = "The rules folder in force now: failures that happen with it too are reported as"
                        + " already failing and do not fail the run.")
        Path baseline;

        @Option(
                names = "--threads",
                paramLabel = "N",
                description = "How many cases to evaluate at once (default: as many as there are processors).",
                defaultValue = "0")
        int threads;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int parallelism = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
            if (parallelism < 1) {
                spec.commandLine().getErr().println("candor: --threads must be 1 or more");
                return CandorCli.BAD_INPUT;
            }
            CheckParts parts;
            Evaluator evaluator;
            try {
                parts = CheckParts.withoutPostLimit(bounds.bounds());
                evaluator = parts.evaluator();
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("candor: " + e.getMessage());
                return CandorCli.BAD_INPUT;
            }
            // The reader and the text tables are readied beside the rules.
            Warmup warmup = Warmup.start(parts, false);
            RuleSet ruleSet = loadOrReport(rules, spec.commandLine().getErr());
            if (ruleSet == null) {
                return CandorCli.BAD_INPUT;
            }
            Path dir = tests != null ? tests : rules.dir.resolve("tests");
            RuleTestRunner runner = new RuleTestRunner(warmup.reader(), evaluator, parallelism);
            RuleTestReport report = runner.run(dir, ruleSet);
            // The failures that count: all of them, or with a baseline only those it does not have.
            List<CaseResult> counted = report.failures();
            Set<CaseResult> already = Collections.newSetFromMap(new IdentityHashMap<>());
            RuleTestComparison comparison = null;
            if (baseline != null) {
                RuleSet live;
                try {
                    live = CheckParts.ruleSetLoader().load(baseline);
                } catch (RuleBuildException e) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("candor: the baseline rules in " + baseline + " do not build:");
                    e.problems().forEach(p -> err.println("  " + p));
                    return CandorCli.BAD_INPUT;
                }
                try {
                    comparison = RuleTestComparison.of(live.hash(), report, runner.run(dir, live));
                } finally {
                    RuleSetLoader.dispose(live);
                }
                counted = comparison.newFailures();
                already.addAll(comparison.alreadyFailing());
            }
            for (CaseResult r : report.results()) {
                String status = r.passed()
                        ? "PASS "
                        : comparison == null
                                ? "FAIL "
                                : already.contains(r) ? "FAIL (already failing) " : "FAIL (new) ";
                out.println(status + r.file() + " — " + r.name());
                if (!r.passed()) {
                    out.println("     " + r.detail().replace("\n", "\n     "));
                    if (r.campaign() != null) {
                        out.println("     campaign it ran (base with patch): " + r.campaign());
                    }
                }
            }
            out.println(report.summaryLine());
            if (comparison != null) {
                out.println(comparison.comparisonLine() + " (compared with " + baseline + ")");
            }
            if (counted.stream().anyMatch(RuleTestRunner::stoppedAtBounds)) {
                return CandorCli.STOPPED;
            }
            return counted.isEmpty() ? CandorCli.PASS : CandorCli.FAIL;
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = {
                "Builds a rules folder and reports every problem as file:line:column: message.",
                "Exit 0 when it builds (prints OK, its hash and its number of rules), 2 when it does not."
            })
    static final class ValidateRules implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(
                paramLabel = "DIR",
                arity = "0..1",
                defaultValue = "rules",
                description = "Rules folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            RuleSet ruleSet;
            try {
                ruleSet = CheckParts.ruleSetLoader().load(dir);
            } catch (RuleBuildException e) {
                PrintWriter err = spec.commandLine().getErr();
                e.problems().forEach(p -> err.println(location(p) + ": " + p.message()));
                err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + " in " + dir);
                return CandorCli.BAD_INPUT;
            }
            try {
                spec.commandLine()
                        .getOut()
                        .println("OK " + ruleSet.hash() + " ("
                                + ruleSet.catalog().size() + " rules, "
                                + ruleSet.files().size() + " files)");
                return CandorCli.PASS;
            } finally {
                RuleSetLoader.dispose(ruleSet);
            }
        }

        /** "file:line:column", leaving out what is not known. */
        static String location(BuildProblem p) {
            StringBuilder sb = new StringBuilder(p.file() == null ? "rules" : p.file());
            if (p.line() > 0) {
                sb.append(':').append(p.line());
                if (p.column() > 0) {
                    sb.append(':').append(p.column());
                }
            }
            return sb.toString();
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = {
                "Compares two rules folders: the rules added, removed and changed, then each file",
                "(DRL as a unified diff, decision tables cell by cell).",
                "Exit 0 when they are the same, 1 when they differ, 2 when either does not build."
            })
    static final class DiffRules implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR_A", description = "The rules folder before.")
        Path before;

        @Parameters(index = "1", paramLabel = "DIR_B", description = "The rules folder after.")
        Path after;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<String, byte[]> filesA;
            Map<String, byte[]> filesB;
            try {
                filesA = RuleSetLoader.readFolder(before);
                filesB = RuleSetLoader.readFolder(after);
            } catch (RuleBuildException e) {
                e.problems().forEach(p -> err.println("candor: " + p));
                return CandorCli.BAD_INPUT;
            }
            RuleSetLoader loader = CheckParts.ruleSetLoader();
            RuleSet a = build(loader, filesA, before, err);
            RuleSet b = build(loader, filesB, after, err);
            try {
                RuleDiff diff = a != null && b != null ? RuleDiff.between(a, b) : RuleDiff.between(filesA, filesB);
                out.println("--- " + before + "  "
                        + (a == null
                                ? "(does not build)"
                                : a.hash() + " (" + a.catalog().size() + " rules)"));
                out.println("+++ " + after + "  "
                        + (b == null
                                ? "(does not build)"
                                : b.hash() + " (" + b.catalog().size() + " rules)"));
                if (diff.catalog() != null) {
                    CatalogDiff c = diff.catalog();
                    out.println("Rules: " + c.added().size() + " added, "
                            + c.removed().size() + " removed, " + c.changed().size() + " changed");
                }
                out.println("Files: " + diff.files().size() + " differ");
                diff.lines().forEach(out::println);
                if (a == null || b == null) {
                    return CandorCli.BAD_INPUT;
                }
                return diff.isEmpty() ? CandorCli.PASS : CandorCli.FAIL;
            } finally {
                if (a != null) {
                    RuleSetLoader.dispose(a);
                }
                if (b != null) {
                    RuleSetLoader.dispose(b);
                }
            }
        }

        private static RuleSet build(RuleSetLoader loader, Map<String, byte[]> files, Path dir, PrintWriter err) {
            try {
                return loader.build(files);
            } catch (RuleBuildException e) {
                err.println("candor: the rules in " + dir + " do not build:");
                e.problems().forEach(p -> err.println("  " + ValidateRules.location(p) + ": " + p.message()));
                return null;
            }
        }
    }
}
