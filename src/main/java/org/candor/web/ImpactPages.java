package org.candor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.candor.evaluation.Verdict;
import org.candor.impact.ImpactPreview;
import org.candor.impact.ImpactService;
import org.candor.report.ImpactReportWriter;
import org.candor.rules.RuleBuildException;
import org.candor.rules.change.RuleChanges;
import org.candor.system.Accounts;
import org.candor.system.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The rule editor's Impact button and the preview's page: the text in the editor is previewed
 * over the stored portfolio as the API does it; the page shows the progress (and reloads itself
 * while the preview runs), lets the officer cancel it, and lists the campaigns that flip and the
 * findings that change, with the workbook to download.
 */
@Controller
@RequestMapping("/officer")
class ImpactPages {
    private final ImpactService impact;
    private final Accounts accounts;

    ImpactPages(ImpactService impact, Accounts accounts) {
        this.impact = impact;
        this.accounts = accounts;
    }

    /** Asks for a preview of the editor's text; a text that does not build stays in the editor with its problems. */
    @PostMapping("/rules/files/{name}/impact")
    String request(
            @PathVariable String name,
            @RequestParam String content,
            @RequestParam(required = false) String version,
            Authentication auth,
            Model model,
            HttpServletResponse response) {
        if (!RulePages.editable(name)) {
            throw new NotFoundException("'" + name + "' is a workbook: preview it through the API");
        }
        String text = content.replace("\r\n", "\n");
        try {
            ImpactPreview p = impact.request(
                    RuleChanges.Edit.put(name, text.getBytes(StandardCharsets.UTF_8)),
                    null,
                    null,
                    accounts.of(auth).username());
            return "redirect:/officer/impact/" + p.id();
        } catch (RuleBuildException e) {
            response.setStatus(422);
            model.addAttribute("action", "impact");
            model.addAttribute("buildErrors", e.problems());
            model.addAttribute("name", name);
            model.addAttribute("content", text);
            model.addAttribute("version", version == null ? "" : version);
            return "officer/editor";
        }
    }

    @GetMapping("/impact/{id}")
    String preview(@PathVariable String id, Model model, HttpServletResponse response) {
        ImpactService.Report r = report(id);
        if (!r.preview().status().finished()) {
            // The page reloads itself while the preview runs (a header: no script needed).
            response.setHeader("Refresh", "2");
        }
        model.addAttribute("preview", r.preview());
        model.addAttribute("changes", r.changes());
        model.addAttribute("passToFail", r.flipsTo(Verdict.FAIL));
        model.addAttribute("failToPass", r.flipsTo(Verdict.PASS));
        return "officer/impact";
    }

    @PostMapping("/impact/{id}/cancel")
    String cancel(@PathVariable String id) {
        impact.cancel(id).orElseThrow(() -> notFound(id));
        return "redirect:/officer/impact/" + id;
    }

    @GetMapping("/impact/{id}/impact.xlsx")
    ResponseEntity<byte[]> workbook(@PathVariable String id) {
        return Pages.download(
                impact.report(id).map(ImpactReportWriter::download).orElseThrow(() -> notFound(id)));
    }

    private ImpactService.Report report(String id) {
        return impact.report(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("There is no impact preview " + id + " (or it has expired).");
    }
}
