package org.candor.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.evaluation.Verdict;
import org.candor.intake.EvaluationFilter;
import org.candor.intake.EvaluationQuery;
import org.candor.intake.EvaluationQuery.Sort;
import org.candor.intake.Evaluations;
import org.candor.intake.Page;
import org.candor.intake.SubmissionStore.VerdictAt;
import org.candor.report.Reports;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A manager's overview (officers see it too): by default each campaign's newest evaluation, or
 * every evaluation; filtered by agency and brand (any part, any case, with the known names
 * offered), verdict and period (days, UTC, both included); sorted by any column; the pass rate and
 * the verdicts over time of the same view and filter (whatever the verdict filter), and the
 * portfolio workbook of that filter. Filters that cannot match are explained, not run.
 */
@Controller
@RequestMapping("/manager")
class ManagerPages {
    private static final int PAGE_SIZE = 25;

    private final Evaluations evaluations;
    private final Reports reports;
    private final Accounts accounts;

    ManagerPages(Evaluations evaluations, Reports reports, Accounts accounts) {
        this.evaluations = evaluations;
        this.reports = reports;
        this.accounts = accounts;
    }

    /** The pass rate of a set of evaluations. */
    public record PassRate(int total, int passed, int failed) {
        /** Whole percent, rounded down; 0 when there is nothing. */
        public int percent() {
            return total == 0 ? 0 : passed * 100 / total;
        }
    }

    /** A sortable column heading: its label, the link that sorts by it, and whether it is the current sort. */
    public record Heading(String label, String href, String ariaSort) {}

    @GetMapping
    String list(
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand,
            @RequestParam(required = false) String verdict,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "latest") String view,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir,
            @RequestParam(defaultValue = "0") int page,
            Authentication auth,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Account account = accounts.of(auth);
        boolean latest = !"all".equalsIgnoreCase(view);
        model.addAttribute("agency", agency);
        model.addAttribute("brand", brand);
        model.addAttribute("verdict", verdict == null ? "" : verdict.strip().toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("view", latest ? "latest" : "all");
        model.addAttribute("verdicts", Verdict.values());
        model.addAttribute("agencies", evaluations.agencies(account));
        model.addAttribute("brands", evaluations.brands(account));
        Sort by = Sort.parse(sort).orElse(Sort.EVALUATED_AT);
        boolean descending = dir == null || dir.isBlank() ? by == Sort.EVALUATED_AT : "desc".equalsIgnoreCase(dir);
        model.addAttribute("headings", headings(by, descending));
        EvaluationQuery q;
        try {
            Instant start = EvaluationFilter.from(from);
            Instant end = EvaluationFilter.to(to);
            EvaluationFilter.checkPeriod(start, end, from, to);
            q = new EvaluationQuery(
                    Pages.blankToNull(agency),
                    Pages.blankToNull(brand),
                    EvaluationFilter.verdict(verdict),
                    start,
                    end,
                    latest,
                    null,
                    null,
                    by,
                    descending);
        } catch (IllegalArgumentException bad) {
            response.setStatus(400);
            model.addAttribute("refusal", bad.getMessage());
            model.addAttribute("evaluations", new Page<>(List.of(), 0, PAGE_SIZE, 0));
            model.addAttribute("rate", new PassRate(0, 0, 0));
            model.addAttribute("chart", VerdictChart.of(List.of()));
            return "manager";
        }
        model.addAttribute("evaluations", evaluations.list(q, Math.max(page, 0), PAGE_SIZE, account));
        // The pass rate and the chart cover the view, period, agency and brand, whatever the verdict filter.
        List<VerdictAt> verdicts = evaluations.verdicts(q.anyVerdict(), account);
        int passed =
                (int) verdicts.stream().filter(v -> v.verdict() == Verdict.PASS).count();
        model.addAttribute("rate", new PassRate(verdicts.size(), passed, verdicts.size() - passed));
        model.addAttribute("chart", VerdictChart.of(verdicts));
        return "manager";
    }

    private static List<Heading> headings(Sort current, boolean descending) {
        Map<String, Sort> columns = new LinkedHashMap<>();
        columns.put("Campaign", Sort.REFERENCE);
        columns.put("Agency", Sort.AGENCY);
        columns.put("Brand", Sort.BRAND);
        columns.put("Verdict", Sort.VERDICT);
        columns.put("Findings", Sort.FAILS);
        columns.put("Evaluated", Sort.EVALUATED_AT);
        return columns.entrySet().stream()
                .map(c -> {
                    boolean on = c.getValue() == current;
                    // A click on the current column turns it round; a new column starts A to Z (newest first for time).
                    boolean nextDescending = on ? !descending : c.getValue() == Sort.EVALUATED_AT;
                    String href = "?"
                            + ServletUriComponentsBuilder.fromCurrentRequest()
                                    .replaceQueryParam("sort", c.getValue().key())
                                    .replaceQueryParam("dir", nextDescending ? "desc" : "asc")
                                    .replaceQueryParam("page")
                                    .build(true)
                                    .getQuery();
                    return new Heading(c.getKey(), href, on ? (descending ? "descending" : "ascending") : "none");
                })
                .toList();
    }

    @GetMapping("/portfolio.xlsx")
    ResponseEntity<byte[]> portfolio(
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Instant start;
        Instant end;
        try {
            start = EvaluationFilter.from(from);
            end = EvaluationFilter.to(to);
            EvaluationFilter.checkPeriod(start, end, from, to);
        } catch (IllegalArgumentException bad) {
            return ResponseEntity.badRequest()
                    .contentType(org.springframework.http.MediaType.TEXT_PLAIN)
                    .body(bad.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Pages.download(reports.portfolio(Pages.blankToNull(agency), Pages.blankToNull(brand), start, end));
    }
}
