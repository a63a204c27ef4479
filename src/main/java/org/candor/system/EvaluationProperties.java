package org.candor.system;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.candor.evaluation.EvaluationBounds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code candor.evaluation.*}: the bounds of every evaluation, and the pool that runs them.
 *
 * @param maxFirings the most rule matches and firings one evaluation may make before it is
 *     stopped (default 1,000,000)
 * @param deadline the longest one evaluation may take before it is stopped (default 30 s)
 * @param threads how many evaluations run at once (default: the number of processors)
 * @param queue how many more submissions may wait for a thread; beyond that the service answers
 *     503 with Retry-After (default 128: a burst waits a moment rather than being refused)
 * @param retryAfter what the 503 answer's Retry-After tells the client to wait (default 5 s)
 * @param recoveryAttempts how many times a submission left RECEIVED is tried at start before it is
 *     marked ERROR (default 3); an attempt that ends in a bound marks it ERROR at once
 */
@Validated
@ConfigurationProperties("candor.evaluation")
public record EvaluationProperties(
        @Positive Integer maxFirings,
        Duration deadline,
        @Positive Integer threads,
        @Positive Integer queue,
        Duration retryAfter,
        @Positive Integer recoveryAttempts) {

    public EvaluationProperties {
        maxFirings = maxFirings == null ? EvaluationBounds.DEFAULT_MAX_FIRINGS : maxFirings;
        deadline = deadline == null ? EvaluationBounds.DEFAULT_DEADLINE : deadline;
        threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        queue = queue == null ? 128 : queue;
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        recoveryAttempts = recoveryAttempts == null ? 3 : recoveryAttempts;
    }

    /** The defaults, as when nothing is configured. */
    public static EvaluationProperties defaults() {
        return new EvaluationProperties(null, null, null, null, null, null);
    }

    /** The bounds every evaluation keeps to. */
    public EvaluationBounds bounds() {
        return new EvaluationBounds(maxFirings, deadline);
    }
}
