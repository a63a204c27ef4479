package org.candor.ruletests;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationBounds;
import org.candor.evaluation.Evaluator;
import org.candor.rules.BuildProblem;
import org.candor.rules.CatalogDiff;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleChanges;
import org.candor.rules.RuleDiff;
import org.candor.rules.RuleHistory;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.system.EvaluationProperties;
import org.springframework.stereotype.Service;

/**
 * A compliance officer's change of the rules, checked before it goes live: does it build, what
 * does it change, do the rule tests in {@code rules/tests/} still pass with it; then applied,
 * refused when rule tests fail unless forced. The API and the web pages both go through here.
 */
@Service
public class RuleAdministration {
    private final RuleService rules;
    private final RuleChanges changes;
    private final EvaluationBounds bounds;

    public RuleAdministration(RuleService rules, RuleChanges changes, EvaluationProperties evaluation) {
        this.rules = rules;
        this.changes = changes;
        this.bounds = evaluation.bounds();
    }

    /** The answer to a validation: the problems, or the hash and the diff with the rules in force. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleValidation(
            boolean ok,
            List<BuildProblem> errors,
            String hash,
            Integer rules,
            CatalogDiff diff,
            List<RuleDiff.FileDiff> changes) {}

    /** The rule tests run against a proposed rule set, case by case. */
    public record RuleTestRun(String hash, boolean ok, int passed, int failed, String summary, List<CaseResult> cases) {
        public List<CaseResult> failures() {
            return cases.stream().filter(c -> !c.passed()).toList();
        }
    }

    /**
     * What a change did.
     *
     * @param applied whether the rules in force changed (false when the content was the same)
     * @param change the history entry recorded; null when nothing changed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleChangeResult(
            boolean applied,
            String hashBefore,
            String hashAfter,
            boolean forced,
            List<String> failures,
            RuleHistory.ChangeRecord change) {}

    /** Builds the folder's files with the change applied, without changing anything. */
    public RuleValidation validate(RuleChanges.Edit edit) {
        try (RuleChanges.Proposal p = changes.propose(edit)) {
            RuleSet rs = p.ruleSet();
            return new RuleValidation(
                    true,
                    null,
                    rs.hash(),
                    rs.catalog().size(),
                    p.diff().catalog(),
                    p.diff().files());
        } catch (RuleBuildException e) {
            return new RuleValidation(false, e.problems(), null, null, null, null);
        }
    }

    /**
     * Runs the rule tests against the folder's files with the change applied.
     *
     * @throws RuleBuildException when the change does not build
     */
    public RuleTestRun test(RuleChanges.Edit edit) {
        try (RuleChanges.Proposal p = changes.propose(edit)) {
            RuleTestReport report = runTests(p.ruleSet());
            return new RuleTestRun(
                    p.ruleSet().hash(),
                    report.allPassed(),
                    report.passed(),
                    report.failed(),
                    report.summaryLine(),
                    report.results());
        }
    }

    /**
     * Validates, tests, writes, reloads and records a change.
     *
     * @throws RuleBuildException when it does not build
     * @throws FailingRuleTestsException when rule tests fail and it is not forced
     */
    public RuleChangeResult apply(RuleChanges.Edit edit, RuleHistory.Action action, boolean force, String who)
            throws IOException {
        try (RuleChanges.Proposal p = changes.propose(edit)) {
            return apply(p, action, force, who);
        }
    }

    private RuleChangeResult apply(RuleChanges.Proposal p, RuleHistory.Action action, boolean force, String who)
            throws IOException {
        List<CaseResult> failing = runTests(p.ruleSet()).failures();
        if (!failing.isEmpty() && !force) {
            throw new FailingRuleTestsException(p.ruleSet().hash(), failing);
        }
        List<String> failures = describe(failing);
        RuleChanges.Outcome o = changes.commit(p, action, who, failures);
        if (!o.reload().errors().isEmpty()) {
            throw new RuleBuildException(o.reload().errors());
        }
        return result(o, failures);
    }

    /** Reloads the folder as it is, through the rule tests; see {@link #reload(String, boolean)}. */
    public RuleChangeResult reload(String who) {
        return reload(who, false);
    }

    /**
     * Reloads the folder as it is. A folder that does not build is refused; one whose rule tests
     * fail too, unless forced, and the refusal is recorded in the history. When rule sets live in
     * the database, the folder is imported as a change instead, and one whose rule tests fail is
     * refused as a change is ({@link FailingRuleTestsException}).
     *
     * @throws RuleBuildException when the folder does not build
     * @throws RefusedReloadException when its rule tests fail and it is not forced
     */
    public RuleChangeResult reload(String who, boolean force) {
        if (rules.fromDatabase()) {
            // The rule sets live in the database: the folder's files are imported as a change,
            // through the rule tests, as one through the editor.
            try (RuleChanges.Proposal p = changes.proposeFolder()) {
                return apply(p, RuleHistory.Action.RELOAD, force, who);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        RuleChanges.Outcome o = changes.reload(who, force);
        if (!o.reload().errors().isEmpty()) {
            throw new RuleBuildException(o.reload().errors());
        }
        if (o.reload().refused()) {
            throw new RefusedReloadException(o.reload().failures(), o.change().orElse(null));
        }
        return result(o, o.reload().failures());
    }

    /** Each failing case in one line, "file — case: detail", as the history keeps them. */
    static List<String> describe(List<CaseResult> failing) {
        return failing.stream().map(c -> c.displayName() + ": " + c.detail()).toList();
    }

    private static RuleChangeResult result(RuleChanges.Outcome o, List<String> failures) {
        RuleService.ReloadResult r = o.reload();
        return new RuleChangeResult(
                r.applied(),
                r.hashBefore(),
                r.hashAfter(),
                !failures.isEmpty(),
                failures,
                o.change().orElse(null));
    }

    private RuleTestReport runTests(RuleSet ruleSet) {
        Path tests = rules.rulesDir().resolve("tests");
        // Each case keeps to the bounds of a submission's evaluation: a rule that would stop a
        // submission fails its case, with the reason.
        return new RuleTestRunner(new CampaignReader(), new Evaluator(bounds)).run(tests, ruleSet);
    }

    /**
     * The rules folder builds, but its rule tests fail and the reload was not forced: the rules in
     * force stay in force.
     */
    public static final class RefusedReloadException extends RuntimeException {
        private final transient List<String> failures;
        private final transient RuleHistory.ChangeRecord change;

        RefusedReloadException(List<String> failures, RuleHistory.ChangeRecord change) {
            super(failures.size() + " rule test case(s) fail");
            this.failures = List.copyOf(failures);
            this.change = change;
        }

        /** Each failing case, "file — case: detail". */
        public List<String> failures() {
            return failures;
        }

        /** The refusal as the history records it; null when it was recorded before (same folder). */
        public RuleHistory.ChangeRecord change() {
            return change;
        }
    }

    /** The proposed rule set builds but fails rule tests, and the change was not forced. */
    public static final class FailingRuleTestsException extends RuntimeException {
        private final String hash;
        private final transient List<CaseResult> failures;

        FailingRuleTestsException(String hash, List<CaseResult> failures) {
            super(failures.size() + " rule test case(s) fail");
            this.hash = hash;
            this.failures = new ArrayList<>(failures);
        }

        public String hash() {
            return hash;
        }

        public List<CaseResult> failures() {
            return failures;
        }
    }
}
