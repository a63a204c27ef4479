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
        return page(model, 403, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        return page(model, 404, "Not found", "There is nothing here, or nothing you may see.");
    }

    /** A parameter that is missing or of the wrong kind, e.g. a verdict that is neither PASS nor FAIL. */
    @ExceptionHandler({TypeMismatchException.class, MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(Exception e, Model model) {
        return page(
                model, 400, "Bad request", "A value in the address or the form is missing or not one this page takes.");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(PayloadTooLargeException e, Model model) {
        return page(model, 413, "Too large", e.getMessage());
    }

    @ExceptionHandler({StorageUnavailableException.class, DataAccessException.class, TransactionException.class})
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String unavailable(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.error("storage unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        response.setHeader("Retry-After", "30");
        return page(
                model,
                503,
                "Storage unavailable",
                "The service cannot use its database right now; try again in a minute. What you sent may or may"
                        + " not have been stored: look for it in your evaluations before sending it again.");
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception e, HttpServletRequest request, Model model) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(
                model,
                500,
                "Something went wrong",
                "Something went wrong on our side. What you sent may or may not have been stored: look for it in"
                        + " your evaluations before sending it again, or contact the operators.");
    }

    @ExceptionHandler(RuleEditException.class)
    String badRuleFile(RuleEditException e, Model model, HttpServletResponse response) {
        int status = e.reason() == RuleEditException.Reason.NO_SUCH_FILE ? 404 : 400;
        response.setStatus(status);
        return page(model, status, status == 404 ? "Not found" : "Bad request", e.getMessage());
    }

    /** The error page with its status, title and what to do. */
    private static String page(Model model, int status, String error, String detail) {
        model.addAttribute("status", status);
        model.addAttribute("error", error);
        model.addAttribute("detail", detail);
        return "error";
    }
}
