package org.candor.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests with Debian's Chromium and chromedriver ({@link #CHROMIUM}, {@link
 * #CHROMEDRIVER}). With {@code CI=true} they always run, and fail when either is missing; on a
 * workstation without them they are skipped, saying why.
 */
public final class ChromiumCondition implements ExecutionCondition {
    public static final Path CHROMIUM = Path.of(System.getProperty("candor.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("candor.test.chromedriver", "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: browser tests always run");
        }
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium at " + CHROMIUM + ", chromedriver at " + CHROMEDRIVER);
        }
        return ConditionEvaluationResult.disabled("Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER
                + ") is not installed and CI is not set; install them with"
                + " 'apt-get install chromium chromium-driver' to run the browser tests");
    }
}
