package org.candor.web;

import org.candor.rules.RuleEditException;
import org.candor.system.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The pages' errors as pages, not as the API's problem documents: what is missing (or belongs to
 * another agency) is "not found". It comes before the API's advice, which answers everything else.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("error", "Not found");
        model.addAttribute("detail", "There is nothing here, or nothing you may see.");
        return "error";
    }

    @ExceptionHandler(RuleEditException.class)
    String badRuleFile(RuleEditException e, Model model, jakarta.servlet.http.HttpServletResponse response) {
        int status = e.reason() == RuleEditException.Reason.NO_SUCH_FILE ? 404 : 400;
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("error", status == 404 ? "Not found" : "Bad request");
        model.addAttribute("detail", e.getMessage());
        return "error";
    }
}
