package org.candor.evaluation;

import java.time.Duration;

/**
 * How far one evaluation may go before it is stopped: a number of rule firings and a wall-clock
 * deadline. A rule that matches too many combinations of facts, or a pack that takes too long,
 * ends with a {@link BoundsExceededException} instead of holding a thread and a core.
 *
 * @param maxFirings the most rule firings one evaluation may make
 * @param deadline the longest one evaluation may take, from fact building to the last firing
 */
public record EvaluationBounds(int maxFirings, Duration deadline) {

    /** One million firings: far beyond what a campaign of the largest accepted size produces. */
    public static final int DEFAULT_MAX_FIRINGS = 1_000_000;

    /** Thirty seconds. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    public static final EvaluationBounds DEFAULT = new EvaluationBounds(DEFAULT_MAX_FIRINGS, DEFAULT_DEADLINE);

    public EvaluationBounds {
        if (maxFirings <= 0) {
            throw new IllegalArgumentException("the firing limit must be positive, got " + maxFirings);
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be a positive duration, got " + deadline);
        }
    }

    /** The deadline as people read it: "30 s", "1.5 s", "250 ms". */
    public String deadlineText() {
        long ms = deadline.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
