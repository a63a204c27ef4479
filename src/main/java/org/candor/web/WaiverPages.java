package org.candor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.candor.waiver.WaiverService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Waivers for compliance officers: every waiver with whether it is still active, a form to grant
 * one on a finding of an evaluation (the result page links here with the finding filled in), and
 * a button to end one.
 */
@Controller
@RequestMapping("/officer/waivers")
class WaiverPages {
    private final WaiverService waivers;
    private final Accounts accounts;

    WaiverPages(WaiverService waivers, Accounts accounts) {
        this.waivers = waivers;
        this.accounts = accounts;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String evaluation,
            @RequestParam(required = false) String ruleId,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String q,
            Authentication auth,
            Model model) {
        model.addAttribute("q", q);
        return page(accounts.of(auth), new Form(evaluation, ruleId, subject, null, null, null), model);
    }

    /** The grant form's fields, as typed. */
    public record Form(
            String evaluation,
            String ruleId,
            String subject,
            String justification,
            String approver,
            LocalDate expiresOn) {}

    private String page(Account account, Form form, Model model) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        model.addAttribute("waivers", waivers.listed(account, (String) model.getAttribute("q")));
        model.addAttribute("today", today);
        model.addAttribute("form", form);
        model.addAttribute("defaultExpiry", form.expiresOn() != null ? form.expiresOn() : today.plusMonths(3));
        return "officer/waivers";
    }

    @PostMapping
    String grant(
            @RequestParam String evaluation,
            @RequestParam String ruleId,
            @RequestParam String subject,
            @RequestParam String justification,
            @RequestParam String approver,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
            Authentication auth,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Account officer = accounts.of(auth);
        Form form = new Form(evaluation.strip(), ruleId.strip(), subject.strip(), justification, approver, expiresOn);
        try {
            waivers.grant(
                    form.evaluation(),
                    new WaiverService.Request(form.ruleId(), form.subject(), justification, approver, expiresOn),
                    officer);
        } catch (IllegalArgumentException | org.candor.system.NotFoundException e) {
            response.setStatus(400);
            model.addAttribute("refusal", e.getMessage());
            return page(officer, form, model);
        }
        redirect.addFlashAttribute(
                "notice", "Waiver granted on " + form.ruleId() + " / " + form.subject() + " until " + expiresOn + ".");
        return "redirect:/officer/waivers";
    }

    @PostMapping("/{id}/expire")
    String expire(@PathVariable String id, Authentication auth, RedirectAttributes redirect) {
        org.candor.evaluation.Waiver w = waivers.end(id, accounts.of(auth));
        redirect.addFlashAttribute(
                "notice",
                "Waiver on " + w.ruleId() + " / " + w.subject() + " ended by " + w.endedBy()
                        + ": the finding counts again in the latest evaluation.");
        return "redirect:/officer/waivers";
    }
}
