package org.candor.web;

import org.candor.submission.Evaluations;
import org.candor.submission.StoredEvaluation;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.candor.system.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One evaluation's page and its report, for every role; an agency sees only its own agency's
 * (another's is "not found", as in the API).
 */
@Controller
class EvaluationPages {
    private final Evaluations evaluations;
    private final Accounts accounts;

    EvaluationPages(Evaluations evaluations, Accounts accounts) {
        this.evaluations = evaluations;
        this.accounts = accounts;
    }

    @GetMapping("/evaluations/{id}")
    String evaluation(@PathVariable String id, Authentication auth, Model model) {
        Account account = accounts.of(auth);
        StoredEvaluation e = evaluations.visible(id, account);
        model.addAttribute("evaluation", e);
        model.addAttribute("result", e.result());
        model.addAttribute("view", EvaluationView.of(e.result()));
        model.addAttribute("officer", account.role() == Role.OFFICER);
        return "evaluation";
    }

    @GetMapping("/evaluations/{id}/report.xlsx")
    ResponseEntity<byte[]> report(@PathVariable String id, Authentication auth) {
        return Pages.download(evaluations.report(evaluations.visible(id, accounts.of(auth))));
    }
}
