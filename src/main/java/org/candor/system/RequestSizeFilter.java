package org.candor.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at {@code candor.max-request-size}: a declared length above it is refused
 * with 413 before anything is read, and a body without a declared length stops being read there.
 * It also bounds how request bodies hold worker threads ({@link EdgeProperties}): a body must
 * arrive within {@code candor.edge.body-read-timeout} of its first read (else 408), and at most
 * {@code candor.edge.max-body-reads} bodies are read at once (one more is 503 at once). A body is
 * counted from the moment the application reads it, that is after sign-in, so requests refused
 * before (401, 403) take no place; and Tomcat swallows nothing of their bodies ({@code
 * max-swallow-size}). While every place is taken, a request that carries a body and credentials is
 * refused here, before the sign-in: under overload a refusal then costs a refusal, not a trip
 * through the security filters and the controller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeFilter extends OncePerRequestFilter {
    private final long limit;
    private final ObjectMapper mapper;
    private final long deadlineNanos;
    private final Duration timeout;
    private final Semaphore reads;

    RequestSizeFilter(CandorProperties properties, EdgeProperties edge, ObjectMapper mapper) {
        this.limit = properties.maxRequestSize().toBytes();
        this.mapper = mapper;
        this.timeout = edge.bodyReadTimeout();
        this.deadlineNanos = edge.bodyReadTimeout().toNanos();
        this.reads = new Semaphore(edge.maxBodyReads());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            SecurityConfig.problem(
                    mapper,
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request is larger than the " + limit + " bytes this service accepts.",
                    request.getRequestURI());
            return;
        }
        if (reads.availablePermits() == 0
                && carriesBody(request)
                && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            // Every body place is taken: refused before the sign-in and before anything is read, so a
            // busy service spends on a refusal what a refusal costs. A request without credentials
            // goes on to its 401, which reads nothing either.
            busy(request, response);
            return;
        }
        Limited limited = new Limited(request);
        try {
            chain.doFilter(limited, response);
        } finally {
            limited.release();
        }
    }

    private static boolean carriesBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** 503 with Retry-After, as the API answers a {@link ServerBusyException}; the connection is closed. */
    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ServerBusyException.RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CONNECTION, "close");
        SecurityConfig.problem(
                mapper, response, new ServerBusyException().problem(URI.create(request.getRequestURI())));
    }

    private final class Limited extends HttpServletRequestWrapper {
        private ServletInputStream stream;
        private boolean permit;
        private long started;

        Limited(HttpServletRequest request) {
            super(request);
        }

        /** Takes a place among the bodies being read, or refuses the request: 503. */
        private void begin() {
            if (!reads.tryAcquire()) {
                throw new ServerBusyException();
            }
            permit = true;
            started = System.nanoTime();
        }

        void release() {
            if (permit) {
                permit = false;
                reads.release();
            }
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                if (carriesBody(this)) {
                    begin();
                }
                stream = new ServletInputStream() {
                    private long read;

                    private void count(long n) {
                        if (n > 0 && (read += n) > limit) {
                            throw new PayloadTooLargeException(limit);
                        }
                        if (permit && System.nanoTime() - started > deadlineNanos) {
                            throw new BodyTimeoutException(timeout);
                        }
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        count(n);
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
