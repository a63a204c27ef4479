package org.candor.evaluation.facts;

import org.candor.rules.policy.Policy;

/**
 * The thresholds of the policy tables, as a fact the rules read by name:
 * {@code $l : Limits()} then {@code $l.get("ADULT_AGE")}. A new threshold is a new row of a
 * thresholds table; no code changes.
 */
public final class Limits {
    private final Policy policy;

    public Limits(Policy policy) {
        this.policy = policy;
    }

    /**
     * The value of a threshold.
     *
     * @throws IllegalArgumentException when no thresholds table has a row of that name (the build
     *     refuses rules that name one literally, so this is only for a name put together at run time)
     */
    public double get(String name) {
        return policy.threshold(name);
    }

    /** A figure as people write it: 10 rather than 10.0. */
    public static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
