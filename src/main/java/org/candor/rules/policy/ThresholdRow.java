package org.candor.rules.policy;

import java.util.Locale;

/** One row of the thresholds table. */
public final class ThresholdRow {
    private final PolicyBuilder builder;
    private final RowOrigin origin;
    private final Threshold name;

    ThresholdRow(PolicyBuilder builder, RowOrigin origin, String name) {
        this.builder = builder;
        this.origin = origin;
        Threshold t = null;
        try {
            t = Threshold.valueOf(PolicyBuilder.text(name).toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            builder.problem(
                    origin,
                    "'" + name + "' is not a threshold; use one of " + java.util.Arrays.toString(Threshold.values()));
        }
        this.name = t;
    }

    public void value(double value) {
        if (name == null) {
            return;
        }
        if (value < 0 || Double.isNaN(value)) {
            builder.problem(origin, name + " must not be negative");
        } else {
            builder.setThreshold(name, value, origin);
        }
    }
}
