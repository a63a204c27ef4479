package org.candor.intake;

import java.time.Duration;

/**
 * Every evaluation thread is busy and the queue is full: nothing was stored; try again later. It is
 * an answer, not a fault: it carries no stack trace, which nobody reads and which an overloaded
 * service would otherwise fill for every refusal.
 */
public final class EvaluationBusyException extends RuntimeException {
    private final long retryAfterSeconds;

    EvaluationBusyException(Duration retryAfter) {
        this(Math.max(1, retryAfter.toSeconds()));
    }

    private EvaluationBusyException(long retryAfterSeconds) {
        super(
                "every evaluation thread and waiting place is taken; nothing was stored, try again in "
                        + retryAfterSeconds + " s",
                null,
                false,
                false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** How many seconds the client should wait before it tries again ({@code Retry-After}): at least one. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
