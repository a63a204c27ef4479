package org.candor.cli;

import java.time.Duration;
import org.candor.evaluation.EvaluationBounds;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --max-firings N} and {@code --deadline DURATION} options: each evaluation's bounds. */
final class BoundsOption {
    @Option(
            names = "--max-firings",
            paramLabel = "N",
            defaultValue = "" + EvaluationBounds.DEFAULT_MAX_FIRINGS,
            description = "The most rule firings one evaluation may make (default: ${DEFAULT-VALUE}).")
    int maxFirings;

    @Option(
            names = "--deadline",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "The longest one evaluation may take, e.g. 30s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    /** @throws IllegalArgumentException when a value is not positive */
    EvaluationBounds bounds() {
        return new EvaluationBounds(maxFirings, deadline);
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationStyle.detectAndParse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 500ms or 2m");
            }
        }
    }
}
