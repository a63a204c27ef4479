package org.candor.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.ruleadmin.RuleAdministration;
import org.candor.ruleadmin.tests.CaseResult;
import org.candor.rules.RuleBuildException;
import org.candor.rules.change.RuleEditException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The rules administration's errors as RFC 9457 problems: a change that does not build (422,
 * every problem with its file, line, column and message), one that fails rule tests (409, every
 * failing case), a reload whose rule tests fail (409), a bad file name (400), a file that is not
 * there (404), a folder that changed meanwhile (409), a file that is not the version the change was
 * made on (412), a change without the version it was made on (428). It comes before {@link ApiProblems}, which answers everything else.
 */
@RestControllerAdvice(assignableTypes = {RuleAdminController.class, ImpactController.class, RuleTableController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class RuleAdminProblems {

    @ExceptionHandler(RuleBuildException.class)
    ProblemDetail doesNotBuild(RuleBuildException e, HttpServletRequest request) {
        ProblemDetail p = problem(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "Rules do not build",
                "The rule files do not build (" + e.problems().size() + " problem(s)); nothing was changed and the"
                        + " rules in force stay in force.",
                request);
        p.setProperty("errors", e.problems());
        return p;
    }

    @ExceptionHandler(RuleAdministration.FailingRuleTestsException.class)
    ProblemDetail failingTests(RuleAdministration.FailingRuleTestsException e, HttpServletRequest request) {
        ProblemDetail p = problem(
                HttpStatus.CONFLICT,
                "Rule tests fail",
                "The change builds but " + e.failures().size() + " rule test case(s) in rules/tests fail with it"
                        + " that pass with the rules in force; nothing was changed. Fix the change or the tests, or"
                        + " send it again with force=true."
                        + (e.alreadyFailing().isEmpty()
                                ? ""
                                : " " + e.alreadyFailing().size() + " other case(s) fail with the rules in force"
                                        + " already (alreadyFailing); they do not keep the change out."),
                request);
        p.setProperty("hash", e.hash());
        p.setProperty("failures", cases(e.failures()));
        p.setProperty("alreadyFailing", cases(e.alreadyFailing()));
        return p;
    }

    private static List<Map<String, Object>> cases(List<CaseResult> results) {
        return results.stream()
                .map(c -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("file", c.file());
                    f.put("name", c.name());
                    f.put("expected", c.expected());
                    f.put("actual", c.actual());
                    f.put("detail", c.detail());
                    return f;
                })
                .toList();
    }

    @ExceptionHandler(RuleEditException.class)
    ProblemDetail badEdit(RuleEditException e, HttpServletRequest request) {
        return switch (e.reason()) {
            case BAD_NAME -> problem(HttpStatus.BAD_REQUEST, "Bad rule file name", e.getMessage(), request);
            case NO_SUCH_FILE -> problem(HttpStatus.NOT_FOUND, "No such rule file", e.getMessage(), request);
            case CHANGED_MEANWHILE -> problem(HttpStatus.CONFLICT, "Rules changed meanwhile", e.getMessage(), request);
            case STALE ->
                problem(HttpStatus.PRECONDITION_FAILED, "Rule file changed meanwhile", e.getMessage(), request);
        };
    }

    @ExceptionHandler(RuleAdminController.PreconditionRequiredException.class)
    ProblemDetail versionRequired(RuleAdminController.PreconditionRequiredException e, HttpServletRequest request) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "Version of the rule file required", e.getMessage(), request);
    }

    @ExceptionHandler(RuleAdministration.RefusedReloadException.class)
    ProblemDetail refusedReload(RuleAdministration.RefusedReloadException e, HttpServletRequest request) {
        ProblemDetail p = problem(
                HttpStatus.CONFLICT,
                "Rule tests fail",
                "The rules folder builds but " + e.failures().size() + " rule test case(s) in rules/tests fail"
                        + " with it that pass with the rules in force; it was not put in force and the rules in"
                        + " force stay in force. Fix the files or the tests, or reload again with force=true.",
                request);
        p.setProperty("failures", e.failures());
        p.setProperty("alreadyFailing", e.alreadyFailing());
        if (e.change() != null) {
            p.setProperty("change", e.change().id());
        }
        return p;
    }

    @ExceptionHandler(org.candor.campaign.workbook.WorkbookSheets.RefusedException.class)
    ProblemDetail workbookRefused(
            org.candor.campaign.workbook.WorkbookSheets.RefusedException e, HttpServletRequest request) {
        ProblemDetail p = problem(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "Workbook refused",
                "The workbook was not taken (" + e.problems().size() + " problem(s)); nothing was changed and the"
                        + " table in force stays in force.",
                request);
        p.setProperty("problems", e.problems());
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        try {
            p.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            // Not a valid URI reference: the problem goes without its instance.
        }
        return p;
    }
}
