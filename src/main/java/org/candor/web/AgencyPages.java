package org.candor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.Problem;
import org.candor.intake.CampaignTemplate;
import org.candor.submission.AgencyMismatchException;
import org.candor.submission.EvaluationBusyException;
import org.candor.submission.EvaluationQuery;
import org.candor.submission.EvaluationStoppedException;
import org.candor.submission.Evaluations;
import org.candor.submission.IntakeService;
import org.candor.submission.MalformedSubmissionException;
import org.candor.submission.StoredEvaluation;
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
    String home(@RequestParam(defaultValue = "0") int page, Authentication auth, Model model) {
        return form(accounts.of(auth), Math.max(page, 0), model);
    }

    private String form(Account account, int page, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("maxBytes", maxBytes);
        // a form sent twice (a double click, a resent page) makes one evaluation
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute(
                "evaluations",
                evaluations.list(new EvaluationQuery(null, null, null, null, null), page, PAGE_SIZE, account));
        return "agency";
    }

    @GetMapping("/template.xlsx")
    ResponseEntity<byte[]> template() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CampaignTemplate().write(out);
        return Pages.download(new Evaluations.Download(CampaignTemplate.FILE_NAME, out.toByteArray()));
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
            response.setHeader(
                    "Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            model.addAttribute("problems", List.<Problem>of());
            model.addAttribute("refusal", "The service is busy: " + e.getMessage() + ".");
        }
        model.addAttribute("json", hasJson ? json : "");
        return form(account, 0, model);
    }
}
