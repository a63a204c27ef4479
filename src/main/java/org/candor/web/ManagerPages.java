package org.candor.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.candor.evaluation.Verdict;
import org.candor.submission.EvaluationQuery;
import org.candor.submission.Evaluations;
import org.candor.submission.SubmissionStore.VerdictAt;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A manager's overview (officers see it too): every evaluation, filtered by agency, brand,
 * verdict and period (days, UTC, both included), the pass rate and the verdicts over time for the
 * same filter, and the portfolio workbook of that filter.
 */
@Controller
@RequestMapping("/manager")
class ManagerPages {
    private static final int PAGE_SIZE = 25;

    private final Evaluations evaluations;
    private final Accounts accounts;

    ManagerPages(Evaluations evaluations, Accounts accounts) {
        this.evaluations = evaluations;
        this.accounts = accounts;
    }

    /** The pass rate of a set of evaluations. */
    public record PassRate(int total, int passed, int failed) {
        /** Whole percent, rounded down; 0 when there is nothing. */
        public int percent() {
            return total == 0 ? 0 : passed * 100 / total;
        }
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand,
            @RequestParam(required = false) Verdict verdict,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            Authentication auth,
            Model model) {
        Account account = accounts.of(auth);
        EvaluationQuery q = new EvaluationQuery(
                Pages.blankToNull(agency), Pages.blankToNull(brand), verdict, Pages.startOf(from), Pages.endOf(to));
        model.addAttribute("evaluations", evaluations.list(q, Math.max(page, 0), PAGE_SIZE, account));
        // The pass rate and the chart cover the period and the agency and brand, whatever the verdict filter.
        List<VerdictAt> verdicts =
                evaluations.verdicts(new EvaluationQuery(q.agency(), q.brand(), null, q.from(), q.to()), account);
        int passed =
                (int) verdicts.stream().filter(v -> v.verdict() == Verdict.PASS).count();
        model.addAttribute("rate", new PassRate(verdicts.size(), passed, verdicts.size() - passed));
        model.addAttribute("chart", VerdictChart.of(verdicts));
        model.addAttribute("agency", agency);
        model.addAttribute("brand", brand);
        model.addAttribute("verdict", verdict);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("verdicts", Verdict.values());
        return "manager";
    }

    @GetMapping("/portfolio.xlsx")
    ResponseEntity<byte[]> portfolio(
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Instant start = Pages.startOf(from);
        Instant end = Pages.endOf(to);
        return Pages.download(evaluations.portfolio(Pages.blankToNull(agency), Pages.blankToNull(brand), start, end));
    }
}
