package org.candor.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page. What the servlet container or a filter refused before any controller ran (a
 * URL the firewall rejects, an error escaping a filter) reads, for any client but a browser, like
 * every other error of the API: an RFC 9457 problem stating the status, and nothing else (never
 * the exception, its message or a stack trace). A browser asking for HTML still gets the HTML
 * error page. It takes the place of Spring Boot's {@link BasicErrorController}.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(
            ErrorAttributes errorAttributes, ServerProperties server, ObjectProvider<ErrorViewResolver> resolvers) {
        super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
    }

    @Override
    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail(status));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            problem.put("instance", path);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus status(Object code) {
        if (code instanceof Integer c) {
            HttpStatus s = HttpStatus.resolve(c);
            if (s != null && s.isError()) {
                return s;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request was refused as it stands; check its address, headers and body.";
            case UNAUTHORIZED -> "Sign in with a Candor account.";
            case FORBIDDEN -> "Your role may not do this.";
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not take that method.";
            case PAYLOAD_TOO_LARGE -> "The request is larger than this service accepts.";
            case UNSUPPORTED_MEDIA_TYPE -> "This address does not take a body of that type.";
            default ->
                status.is5xxServerError()
                        ? "Something went wrong on our side. A submission may or may not have been stored: send it"
                                + " again with the same Idempotency-Key and you get its one evaluation, never a second."
                        : "The request was refused: " + status.getReasonPhrase() + ".";
        };
    }
}
