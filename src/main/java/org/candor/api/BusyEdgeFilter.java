package org.candor.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.candor.intake.EvaluationBusyException;
import org.candor.intake.EvaluationPool;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a submission at the edge while every evaluation place is taken: a request that would
 * take a place ({@code POST /api/v1/evaluations}, as JSON or an upload, and {@code POST
 * /api/v1/evaluations/{id}/reevaluate}) and carries credentials is answered 503 with {@code
 * Retry-After} here, before the sign-in, the routing and the reading of its body, with the answer
 * the API gives when {@link EvaluationPool#reserve()} finds no place. An overloaded service then
 * spends on a refusal what a refusal costs, and keeps the processor for the submissions it took.
 * A request without credentials goes on to its 401; when a place is free, the request goes on and
 * {@code reserve()} decides.
 *
 * <p>It runs after {@code RequestSizeFilter} (a body too large is 413 whatever the load) and after
 * the server's request observation, so the refusals are counted in {@code http.server.requests}
 * as well as in {@code candor.evaluation.busy}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BusyEdgeFilter extends OncePerRequestFilter {
    /** The paths as the security configuration names them for their roles. */
    private static final RequestMatcher TAKES_A_PLACE = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/evaluations"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/evaluations/*/reevaluate"));

    private final EvaluationPool pool;
    private final ObjectMapper mapper;

    BusyEdgeFilter(EvaluationPool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (pool.full() && takesAPlace(request) && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            EvaluationBusyException busy = pool.refusal();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfterSeconds()));
            response.setHeader(HttpHeaders.CONNECTION, "close");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            mapper.writeValue(response.getOutputStream(), ApiProblems.busyProblem(busy, request));
            return;
        }
        chain.doFilter(request, response);
    }

    /** A submission or a re-evaluation: the requests that reserve an evaluation place. */
    static boolean takesAPlace(HttpServletRequest request) {
        return TAKES_A_PLACE.matches(request);
    }
}
