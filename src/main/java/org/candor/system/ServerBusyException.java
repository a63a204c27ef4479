package org.candor.system;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * As many request bodies as {@code candor.edge.max-body-reads} allows are being read already. It
 * is answered 503 with {@code Retry-After} and the connection closed, by the API's handler or, for
 * a request refused before its sign-in, by {@link RequestSizeFilter}: both with {@link #problem}.
 */
public class ServerBusyException extends RuntimeException {
    /** What the answer's {@code Retry-After} asks the client to wait, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public ServerBusyException() {
        super("The service is reading as many requests as it takes at once; try again shortly.");
    }

    /** The answer's body: 503, "Busy", this message, and the request's path when there is one. */
    public ProblemDetail problem(URI instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, getMessage());
        problem.setTitle("Busy");
        problem.setInstance(instance);
        return problem;
    }
}
