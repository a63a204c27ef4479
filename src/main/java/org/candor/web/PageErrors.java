package org.candor.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.candor.rules.change.RuleEditException;
import org.candor.system.NotFoundException;
import org.candor.system.PayloadTooLargeException;
import org.candor.system.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
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
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    /** What the signed-in user's role may not do on a page, and what it does instead. */
    static final class Refused extends RuntimeException {
        Refused(String detail) {
            super(detail);
        }
    }

    @ExceptionHandler(Refused.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String refused(Refused e, Model model) {
        model.addAttribute("status", 403);
        model.addAttribute("error", "Forbidden");
        model.addAttribute("detail", e.getMessage());
        return "error";
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("error", "Not found");
        model.addAttribute("detail", "There is nothing here, or nothing you may see.");
        return "error";
    }

    /** A parameter that is missing or of the wrong kind, e.g. a verdict that is neither PASS nor FAIL. */
    @ExceptionHandler({TypeMismatchException.class, MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(Exception e, Model model) {
        model.addAttribute("status", 400);
        model.addAttribute("error", "Bad request");
        model.addAttribute("detail", "A value in the address or the form is missing or not one this page takes.");
        return "error";
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(PayloadTooLargeException e, Model model) {
        model.addAttribute("status", 413);
        model.addAttribute("error", "Too large");
        model.addAttribute("detail", e.getMessage());
        return "error";
    }

    @ExceptionHandler({StorageUnavailableException.class, DataAccessException.class, TransactionException.class})
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String unavailable(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.error("storage unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        response.setHeader("Retry-After", "30");
        model.addAttribute("status", 503);
        model.addAttribute("error", "Storage unavailable");
        model.addAttribute(
                "detail",
                "The service cannot use its database right now; try again in a minute. What you sent may or may"
                        + " not have been stored: look for it in your evaluations before sending it again.");
        return "error";
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception e, HttpServletRequest request, Model model) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        model.addAttribute("status", 500);
        model.addAttribute("error", "Something went wrong");
        model.addAttribute(
                "detail",
                "Something went wrong on our side. What you sent may or may not have been stored: look for it in"
                        + " your evaluations before sending it again, or contact the operators.");
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
