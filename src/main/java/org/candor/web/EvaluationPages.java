package org.candor.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.Post;
import org.candor.intake.Evaluations;
import org.candor.intake.ReevaluationService;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.Submission;
import org.candor.intake.SubmissionStore;
import org.candor.report.Reports;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.candor.system.NotFoundException;
import org.candor.system.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One evaluation's page and its report, for every role; an agency sees only its own agency's
 * (another's is "not found", as in the API). The page shows each post's caption as it was judged,
 * and officers and managers can re-evaluate the submission under the rules in force.
 */
@Controller
class EvaluationPages {
    private final Evaluations evaluations;
    private final Reports reports;
    private final Accounts accounts;
    private final SubmissionStore store;
    private final ReevaluationService reevaluations;
    private final CampaignReader reader;

    EvaluationPages(
            Evaluations evaluations,
            Reports reports,
            Accounts accounts,
            SubmissionStore store,
            ReevaluationService reevaluations,
            CampaignReader reader) {
        this.evaluations = evaluations;
        this.reports = reports;
        this.accounts = accounts;
        this.store = store;
        this.reevaluations = reevaluations;
        this.reader = reader;
    }

    @GetMapping("/evaluations/{id}")
    String evaluation(@PathVariable String id, Authentication auth, Model model) {
        Account account = accounts.of(auth);
        StoredEvaluation e = evaluations.visible(id, account);
        model.addAttribute("evaluation", e);
        model.addAttribute("result", e.result());
        model.addAttribute("view", EvaluationView.of(e.result()));
        model.addAttribute("officer", account.role() == Role.OFFICER);
        model.addAttribute("mayReevaluate", account.role() != Role.AGENCY);
        model.addAttribute("captions", captions(e));
        model.addAttribute(
                "latestId",
                store.latestEvaluation(e.submissionId())
                        .map(StoredEvaluation::id)
                        .orElse(e.id()));
        return "evaluation";
    }

    /** Each post's text as submitted, by post id; empty when the submission cannot be read back. */
    private Map<String, String> captions(StoredEvaluation e) {
        Map<String, String> captions = new LinkedHashMap<>();
        store.submission(e.submissionId()).ifPresent(s -> {
            try {
                for (Post p : reader.read(s.payload().getBytes(StandardCharsets.UTF_8))
                        .posts()) {
                    if (p.text() != null && !p.text().isBlank()) {
                        captions.put(p.id(), p.text());
                    }
                }
            } catch (RuntimeException unreadable) {
                // A submission stored under an older format: the page goes without captions.
            }
        });
        return captions;
    }

    @PostMapping("/evaluations/{id}/reevaluate")
    String reevaluate(
            @PathVariable String id,
            Authentication auth,
            RedirectAttributes redirect,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Account account = accounts.of(auth);
        if (account.role() != Role.OFFICER && account.role() != Role.MANAGER) {
            throw new PageErrors.Refused(
                    "Only officers and managers re-evaluate a campaign: an agency submits the campaign again, and"
                            + " the new submission is judged under the rules in force.");
        }
        StoredEvaluation e = evaluations.visible(id, account);
        Submission s = store.submission(e.submissionId())
                .orElseThrow(() -> new NotFoundException("no submission for evaluation " + id));
        StoredEvaluation again = reevaluations.reevaluate(e, s, account, ReevaluationService.Rules.CURRENT);
        redirect.addFlashAttribute(
                "notice",
                "Re-evaluated under the rules in force: " + again.result().verdict() + " (the earlier evaluation is"
                        + " kept).");
        return "redirect:/evaluations/" + again.id();
    }

    @GetMapping("/evaluations/{id}/report.xlsx")
    ResponseEntity<byte[]> report(@PathVariable String id, Authentication auth) {
        return Pages.download(reports.report(evaluations.visible(id, accounts.of(auth))));
    }
}
