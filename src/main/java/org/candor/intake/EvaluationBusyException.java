package org.candor.intake;

import java.time.Duration;

/**
 * Every evaluation thread is busy and the queue is full: nothing was stored; try again later. It is
 * an answer, not a fault: it carries no stack trace, which nobody reads and which an overloaded
 * service would otherwise fill for every refusal.
 */
public final class EvaluationBusyException extends RuntimeException {
    private final Duration retryAfter;

    EvaluationBusyException(Duration retryAfter) {
        super(
                "every evaluation thread and waiting place is taken; nothing was stored, try again in "
                        + Math.max(1, retryAfter.toSeconds()) + " s",
                null,
                false,
                false);
        this.retryAfter = retryAfter;
    }

    /** How long the client should wait before it tries again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
