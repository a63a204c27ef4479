package org.candor.ruleadmin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.candor.ruleadmin.tests.CaseResult;
import org.candor.ruleadmin.tests.RuleTestComparison;
import org.candor.ruleadmin.tests.RuleTestReport;
import org.candor.ruleadmin.tests.RuleTestSuite;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.rules.change.CatalogDiff;
import org.candor.rules.change.RuleChanges;
import org.candor.rules.change.RuleDiff;
import org.candor.rules.change.RuleHistory;
import org.springframework.stereotype.Service;

/**
 * A compliance officer's change of the rules, checked before it goes live: does it build, what
 * does it change, which rule tests in {@code rules/tests/} fail with it, set beside the same cases
 * run against the rules in force; then applied, refused when a case fails that passes now (a new
 * failure) unless forced. Cases that fail with the rules in force too (already failing) are
 * reported apart and recorded with the change, but keep nothing out of force. The API and the web
 * pages both go through here.
 */
@Service
public class RuleAdministration {
    private final RuleService rules;
    private final RuleChanges changes;
    private final RuleTestSuite suite;

    public RuleAdministration(RuleService rules, RuleChanges changes, RuleTestSuite suite) {
        this.rules = rules;
        this.changes = changes;
        this.suite = suite;
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

    /**
     * The rule tests run against a proposed rule set, case by case, and compared with the rules in
     * force.
     *
     * @param ok whether no case fails that passes with the rules in force: the change would be saved
     * @param summary exactly "N passed, M failed"
     * @param liveHash the rule set in force the failures were compared with
     * @param newFailures the cases that fail with the change and pass with the rules in force
     * @param alreadyFailing the cases that fail with the rules in force as well
     */
    public record RuleTestRun(
            String hash,
            boolean ok,
            int passed,
            int failed,
            String summary,
            List<CaseResult> cases,
            String liveHash,
            List<CaseResult> newFailures,
            List<CaseResult> alreadyFailing) {
        public List<CaseResult> failures() {
            return cases.stream().filter(c -> !c.passed()).toList();
        }
    }

    /**
     * What a change did.
     *
     * @param applied whether the rules in force changed (false when the content was the same)
     * @param forced whether it was put in force past new failures
     * @param failures the new failures it was forced past, "file — case: detail"
     * @param alreadyFailing the cases that failed with the rules before it as well
     * @param change the history entry recorded; null when nothing changed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleChangeResult(
            boolean applied,
            String hashBefore,
            String hashAfter,
            boolean forced,
            List<String> failures,
            List<String> alreadyFailing,
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
            RuleTestComparison c = suite.compare(p.ruleSet());
            RuleTestReport report = c.report();
            return new RuleTestRun(
                    p.ruleSet().hash(),
                    c.noNewFailures(),
                    report.passed(),
                    report.failed(),
                    report.summaryLine(),
                    report.results(),
                    c.liveHash(),
                    c.newFailures(),
                    c.alreadyFailing());
        }
    }

    /**
     * Validates, tests, writes, reloads and records a change.
     *
     * @throws RuleBuildException when it does not build
     * @throws FailingRuleTestsException when a rule test fails with it that passes with the rules
     *     in force, and it is not forced
     */
    public RuleChangeResult apply(RuleChanges.Edit edit, RuleHistory.Action action, boolean force, String who)
            throws IOException {
        try (RuleChanges.Proposal p = changes.propose(edit)) {
            return apply(p, action, force, who);
        }
    }

    private RuleChangeResult apply(RuleChanges.Proposal p, RuleHistory.Action action, boolean force, String who)
            throws IOException {
        RuleTestComparison c = suite.compare(p.ruleSet());
        if (!c.noNewFailures() && !force) {
            throw new FailingRuleTestsException(p.ruleSet().hash(), c.newFailures(), c.alreadyFailing());
        }
        RuleChanges.Outcome o = changes.commit(p, action, who, c.failures());
        if (!o.reload().errors().isEmpty()) {
            throw new RuleBuildException(o.reload().errors());
        }
        return result(o);
    }

    /** Reloads the folder as it is, through the rule tests; see {@link #reload(String, boolean)}. */
    public RuleChangeResult reload(String who) {
        return reload(who, false);
    }

    /**
     * Reloads the folder as it is. A folder that does not build is refused; one with which a rule
     * test fails that passes with the rules in force too, unless forced, and the refusal is
     * recorded in the history. When rule sets live in the database, the folder is imported as a
     * change instead, and refused as a change is ({@link FailingRuleTestsException}).
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
            throw new RefusedReloadException(
                    o.reload().failures(),
                    o.reload().alreadyFailing(),
                    o.change().orElse(null));
        }
        return result(o);
    }

    private static RuleChangeResult result(RuleChanges.Outcome o) {
        RuleService.ReloadResult r = o.reload();
        return new RuleChangeResult(
                r.applied(),
                r.hashBefore(),
                r.hashAfter(),
                !r.failures().isEmpty(),
                r.failures(),
                r.alreadyFailing(),
                o.change().orElse(null));
    }

    /**
     * The rules folder builds, but rule tests fail with it that pass with the rules in force, and
     * the reload was not forced: the rules in force stay in force.
     */
    public static final class RefusedReloadException extends RuntimeException {
        private final transient List<String> failures;
        private final transient List<String> alreadyFailing;
        private final transient RuleHistory.ChangeRecord change;

        RefusedReloadException(List<String> failures, List<String> alreadyFailing, RuleHistory.ChangeRecord change) {
            super(failures.size() + " rule test case(s) fail");
            this.failures = List.copyOf(failures);
            this.alreadyFailing = List.copyOf(alreadyFailing);
            this.change = change;
        }

        /** Each newly failing case, "file — case: detail". */
        public List<String> failures() {
            return failures;
        }

        /** Each case failing with the rules in force too, "file — case: detail". */
        public List<String> alreadyFailing() {
            return alreadyFailing;
        }

        /** The refusal as the history records it; null when it was recorded before (same folder). */
        public RuleHistory.ChangeRecord change() {
            return change;
        }
    }

    /**
     * The proposed rule set builds, but rule tests fail with it that pass with the rules in force,
     * and the change was not forced.
     */
    public static final class FailingRuleTestsException extends RuntimeException {
        private final String hash;
        private final transient List<CaseResult> failures;
        private final transient List<CaseResult> alreadyFailing;

        FailingRuleTestsException(String hash, List<CaseResult> failures, List<CaseResult> alreadyFailing) {
            super(failures.size() + " rule test case(s) fail");
            this.hash = hash;
            this.failures = new ArrayList<>(failures);
            this.alreadyFailing = new ArrayList<>(alreadyFailing);
        }

        /** The cases failing with the rules in force as well. */
        public List<CaseResult> alreadyFailing() {
            return alreadyFailing;
        }

        public String hash() {
            return hash;
        }

        public List<CaseResult> failures() {
            return failures;
        }
    }
}
