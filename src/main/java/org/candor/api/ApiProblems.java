package org.candor.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.candor.campaign.InvalidCampaignException;
import org.candor.intake.AgencyMismatchException;
import org.candor.intake.EncodingRefusedException;
import org.candor.intake.EvaluationBusyException;
import org.candor.intake.EvaluationStoppedException;
import org.candor.intake.IdempotencyKeyReusedException;
import org.candor.intake.MalformedSubmissionException;
import org.candor.intake.StoredResultUnreadableException;
import org.candor.intake.Submission;
import org.candor.system.BodyTimeoutException;
import org.candor.system.NotFoundException;
import org.candor.system.PayloadTooLargeException;
import org.candor.system.ServerBusyException;
import org.candor.system.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as an RFC 9457 problem: what went wrong and, for a rejected campaign, every
 * problem with its JSON path. No stack trace or internal detail ever reaches the client.
 *
 * <p>It applies to every handler, not only to this package's controllers: a wrong method (405),
 * an unsupported body (415), an unknown path (404) or a too large upload (413) is refused before
 * any controller is chosen, and an advice limited to a package never sees those.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setInstance(instance(request.getRequestURI()));
        return p;
    }

    /** The request's path as the problem's instance; none when it is not a valid URI reference. */
    static URI instance(String path) {
        try {
            return path == null ? null : URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @ExceptionHandler(InvalidCampaignException.class)
    ProblemDetail invalid(InvalidCampaignException e, HttpServletRequest request) {
        ProblemDetail p = problem(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "Invalid campaign",
                "The campaign was rejected as a whole: " + e.problems().size() + " problem(s).",
                request);
        List<Map<String, String>> problems = e.problems().stream()
                .map(x -> Map.of("path", x.path(), "message", x.message()))
                .toList();
        p.setProperty("problems", problems);
        return p;
    }

    @ExceptionHandler(MalformedSubmissionException.class)
    ProblemDetail malformed(MalformedSubmissionException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed submission", e.getMessage(), request);
    }

    @ExceptionHandler(BodyTimeoutException.class)
    ResponseEntity<ProblemDetail> slowBody(BodyTimeoutException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.REQUEST_TIMEOUT, "Request timeout", e.getMessage(), request));
    }

    @ExceptionHandler(ServerBusyException.class)
    ResponseEntity<ProblemDetail> serverBusy(ServerBusyException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ServerBusyException.RETRY_AFTER_SECONDS))
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(e.problem(instance(request.getRequestURI())));
    }

    /** An evaluation stopped at a bound: 422, naming the submission, now stored as ERROR. */
    @ExceptionHandler(EvaluationStoppedException.class)
    ProblemDetail stopped(EvaluationStoppedException e, HttpServletRequest request) {
        ProblemDetail p = problem(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "Evaluation stopped",
                (e.stored() ? "The campaign was stored but not judged: " : "The campaign was not judged again: ")
                        + e.getMessage() + ".",
                request);
        p.setProperty("submissionId", e.submissionId());
        if (e.bound() != null) {
            p.setProperty("bound", e.bound().name());
        }
        if (e.stored()) {
            p.setProperty("submissionStatus", Submission.ERROR);
        }
        return p;
    }

    /** Every evaluation place taken: 503 with Retry-After; nothing was stored. */
    @ExceptionHandler(EvaluationBusyException.class)
    ResponseEntity<ProblemDetail> busy(EvaluationBusyException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(busyProblem(e, request));
    }

    /** The answer's body when every evaluation place is taken: here and at the edge ({@link BusyEdgeFilter}). */
    static ProblemDetail busyProblem(EvaluationBusyException e, HttpServletRequest request) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", "The service is busy: " + e.getMessage() + ".", request);
    }

    @ExceptionHandler(EncodingRefusedException.class)
    ProblemDetail encoding(EncodingRefusedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not UTF-8", e.getMessage(), request);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", e.getMessage(), request);
    }

    /**
     * The database cannot be used now (closed, full, gone, unreachable): 503 with {@code
     * Retry-After}. What the client sent may or may not have been stored, and the answer says so.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, StorageUnavailableException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        log.error("storage unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable", STORAGE_DETAIL, request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    /** Seconds a client is asked to wait before trying again after a 503. */
    static final int RETRY_AFTER_SECONDS = 30;

    static final String STORAGE_DETAIL = "The service cannot use its database right now; try again later."
            + " A submission may or may not have been stored: send it again with the same Idempotency-Key"
            + " and you get its one evaluation, never a second.";

    /** What a 500 can truthfully say. */
    public static final String INTERNAL_DETAIL = "Something went wrong on our side. A submission may or may not"
            + " have been stored: send it again with the same Idempotency-Key and you get its one evaluation,"
            + " never a second. If it persists, contact the operators.";

    /** An evaluation whose stored result cannot be read: 500 that names it; the others are served as ever. */
    @ExceptionHandler(StoredResultUnreadableException.class)
    ProblemDetail unreadable(StoredResultUnreadableException e, HttpServletRequest request) {
        log.error("on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Stored evaluation unreadable",
                "The stored result of evaluation " + e.evaluationId()
                        + " cannot be read (damaged in storage); the other evaluations are not concerned."
                        + " Contact the operators.",
                request);
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your account may not do this.", request);
    }

    @ExceptionHandler(AgencyMismatchException.class)
    ProblemDetail otherAgency(AgencyMismatchException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Another agency", e.getMessage(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", e.getMessage(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.PAYLOAD_TOO_LARGE, "The upload is larger than this service accepts.");
        p.setTitle("Too large");
        return handleExceptionInternal(ex, p, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
    }

    /** The framework's own problems (405, 415, 400 for a bad parameter...) name the request too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail p
                && p.getInstance() == null
                && request instanceof ServletWebRequest web) {
            p.setInstance(instance(web.getRequest().getRequestURI()));
        }
        return response;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", INTERNAL_DETAIL, request);
    }
}
