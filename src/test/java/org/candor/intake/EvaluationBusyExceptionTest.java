package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The busy answer's wait, one number for the header, the message and every place that answers. */
class EvaluationBusyExceptionTest {

    @ParameterizedTest(name = "{0} ms: {1} s")
    @CsvSource({"0, 1", "500, 1", "1000, 1", "1999, 1", "7000, 7", "90000, 90"})
    void waitsWholeSecondsAndAtLeastOne(long millis, long seconds) {
        EvaluationBusyException e = new EvaluationBusyException(Duration.ofMillis(millis));
        assertThat(e.retryAfterSeconds()).isEqualTo(seconds);
        assertThat(e.getMessage()).endsWith("try again in " + seconds + " s");
        assertThat(e.getStackTrace()).as("an answer, not a fault").isEmpty();
    }
}
