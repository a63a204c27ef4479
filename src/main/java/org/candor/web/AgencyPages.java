package org.candor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.Problem;
import org.candor.campaign.workbook.CampaignTemplate;
import org.candor.intake.AgencyMismatchException;
import org.candor.intake.EvaluationBusyException;
import org.candor.intake.EvaluationFilter;
import org.candor.intake.EvaluationQuery;
import org.candor.intake.EvaluationStoppedException;
import org.candor.intake.EvaluationSummary;
import org.candor.intake.Evaluations;
import org.candor.intake.IntakeService;
import org.candor.intake.MalformedSubmissionException;
import org.candor.intake.Page;
import org.candor.intake.StoredEvaluation;
import org.candor.report.Download;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.candor.system.CandorProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * An agency's pages: submit a campaign (a .json or .xlsx file, or JSON pasted in) and list the
 * agency's own evaluations. A campaign that breaks the format comes back to the form with every
 * problem, by JSON path or by sheet and cell.
 */
@Controller
@RequestMapping("/agency")
class AgencyPages {
    private static final int PAGE_SIZE = 20;

    private final IntakeService intake;
    private final Evaluations evaluations;
    private final Accounts accounts;

    private final long maxBytes;

    AgencyPages(IntakeService intake, Evaluations evaluations, Accounts accounts, CandorProperties properties) {
        this.maxBytes = properties.maxRequestSize().toBytes();
        this.intake = intake;
        this.evaluations = evaluations;
        this.accounts = accounts;
    }

    @GetMapping
    String home(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String verdict,
            @RequestParam(defaultValue = "all") String view,
            Authentication auth,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute(
                "verdictFilter", verdict == null ? "" : verdict.strip().toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("view", "latest".equalsIgnoreCase(view) ? "latest" : "all");
        return form(accounts.of(auth), Math.max(page, 0), model);
    }

    /**
     * One line of the agency's list: an evaluation, and what it was in its campaign's story.
     *
     * @param kind "latest" for the campaign's newest evaluation, else "re-evaluation" (the same
     *     submission judged again) or "resubmission" (a new submission of the campaign) or
     *     "first submission"
     * @param newGroup whether it starts a campaign's group of lines
     */
    public record Line(EvaluationSummary e, boolean newGroup, String kind) {}

    private String form(Account account, int page, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("maxBytes", maxBytes);
        // a form sent twice (a double click, a resent page) makes one evaluation
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("verdicts", org.candor.evaluation.Verdict.values());
        String view = (String) model.getAttribute("view");
        Page<EvaluationSummary> list;
        try {
            EvaluationQuery q = new EvaluationQuery(
                    null,
                    null,
                    EvaluationFilter.verdict((String) model.getAttribute("verdictFilter")),
                    null,
                    null,
                    "latest".equals(view),
                    null,
                    Pages.blankToNull((String) model.getAttribute("q")),
                    EvaluationQuery.Sort.CAMPAIGN,
                    true);
            list = evaluations.list(q, page, PAGE_SIZE, account);
        } catch (IllegalArgumentException bad) {
            model.addAttribute("filterRefusal", bad.getMessage());
            list = new Page<>(List.of(), 0, PAGE_SIZE, 0);
        }
        model.addAttribute("evaluations", list);
        model.addAttribute("lines", lines(list.items()));
        return "agency";
    }

    static List<Line> lines(List<EvaluationSummary> items) {
        List<Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            EvaluationSummary e = items.get(i);
            boolean newGroup = i == 0 || !sameCampaign(items.get(i - 1), e);
            String kind;
            if (e.latest()) {
                kind = "latest";
            } else if (i + 1 < items.size() && sameCampaign(items.get(i + 1), e)) {
                kind = items.get(i + 1).submissionId().equals(e.submissionId()) ? "re-evaluation" : "resubmission";
            } else if (i + 1 < items.size()) {
                kind = "first submission";
            } else {
                kind = "earlier";
            }
            lines.add(new Line(e, newGroup, kind));
        }
        return lines;
    }

    private static boolean sameCampaign(EvaluationSummary a, EvaluationSummary b) {
        return a.agency().equals(b.agency()) && a.reference().equals(b.reference());
    }

    @GetMapping("/template.xlsx")
    ResponseEntity<byte[]> template() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CampaignTemplate().write(out);
        return Pages.download(new Download(CampaignTemplate.FILE_NAME, out.toByteArray()));
    }

    @GetMapping("/failing-example.xlsx")
    ResponseEntity<byte[]> failingExample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CampaignTemplate().writeFailing(out);
        return Pages.download(new Download(CampaignTemplate.FAILING_FILE_NAME, out.toByteArray()));
    }

    @PostMapping("/submit")
    String submit(
            @RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam(value = "json", required = false) String json,
            @RequestParam(value = "idempotencyKey", required = false) String idempotencyKey,
            Authentication auth,
            Model model,
            HttpServletResponse response)
            throws IOException {
        Account account = accounts.of(auth);
        boolean hasFile = file != null && !file.isEmpty();
        boolean hasJson = json != null && !json.isBlank();
        try {
            StoredEvaluation e;
            if (hasFile && hasJson) {
                throw new MalformedSubmissionException("send either a file or pasted JSON, not both");
            } else if (hasFile) {
                e = intake.submitUpload(file.getOriginalFilename(), file.getBytes(), account, idempotencyKey)
                        .evaluation();
            } else if (hasJson) {
                e = intake.submit(json.getBytes(StandardCharsets.UTF_8), "application/json", account, idempotencyKey)
                        .evaluation();
            } else {
                throw new MalformedSubmissionException("choose a .json or .xlsx file, or paste the campaign as JSON");
            }
            return "redirect:/evaluations/" + e.id();
        } catch (InvalidCampaignException e) {
            response.setStatus(422);
            model.addAttribute("problems", e.problems());
            model.addAttribute(
                    "refusal",
                    "The campaign was rejected as a whole: " + e.problems().size() + " problem(s).");
        } catch (MalformedSubmissionException | AgencyMismatchException e) {
            response.setStatus(e instanceof AgencyMismatchException ? 403 : 400);
            model.addAttribute("problems", List.<Problem>of());
            model.addAttribute("refusal", e.getMessage());
        } catch (EvaluationStoppedException e) {
            response.setStatus(422);
            model.addAttribute("problems", List.<Problem>of());
            model.addAttribute("refusal", "The campaign was stored but not judged: " + e.getMessage() + ".");
        } catch (EvaluationBusyException e) {
            response.setStatus(503);
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            model.addAttribute("problems", List.<Problem>of());
            model.addAttribute("refusal", "The service is busy: " + e.getMessage() + ".");
        }
        model.addAttribute("json", hasJson ? json : "");
        model.addAttribute("view", "all");
        return form(account, 0, model);
    }
}
