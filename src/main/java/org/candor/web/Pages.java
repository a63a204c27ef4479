package org.candor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.candor.report.Download;
import org.candor.ruleadmin.RuleAdministration.FailingRuleTestsException;
import org.candor.rules.change.RuleEditException;
import org.candor.system.Attachments;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;

/** Small helpers the page controllers share. */
final class Pages {
    private Pages() {}

    /** A workbook as an attachment. */
    static ResponseEntity<byte[]> download(Download d) {
        return Attachments.xlsx(d.fileName(), d.content());
    }

    /** A save refused for new rule-test failures: 409, the new failures apart from those already failing. */
    static void refusedForTests(FailingRuleTestsException e, Model model, HttpServletResponse response) {
        response.setStatus(409);
        model.addAttribute("refusedFailures", e.failures());
        model.addAttribute("refusedAlreadyFailing", e.alreadyFailing());
    }

    /**
     * A save refused because the rules changed after the page was opened: 409, with what to do.
     * Any other refusal is thrown again.
     *
     * @param staleMessage what to do when the file itself was changed by someone else
     */
    static void refusedAsStale(RuleEditException e, String staleMessage, Model model, HttpServletResponse response) {
        if (e.reason() == RuleEditException.Reason.STALE) {
            response.setStatus(409);
            model.addAttribute("conflict", staleMessage);
        } else if (e.reason() == RuleEditException.Reason.CHANGED_MEANWHILE) {
            response.setStatus(409);
            model.addAttribute("changedMeanwhile", e.getMessage());
        } else {
            throw e;
        }
    }

    /** A form's text field: null when empty. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The start of a day, UTC; null for no day. */
    static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The end of a day (the start of the next one), UTC; null for no day. */
    static Instant endOf(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
