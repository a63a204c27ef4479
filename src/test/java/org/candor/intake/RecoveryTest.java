package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.candor.CandorApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A submission stored but not yet evaluated when the process died is evaluated, once, when the
 * service next starts on the same database.
 */
class RecoveryTest {

    private static ConfigurableApplicationContext start(Path dataDir, Path reports) {
        // Command-line arguments: they win over application.properties, as for a real start.
        return new SpringApplicationBuilder(CandorApplication.class)
                .profiles("demo")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("candor")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "--candor.reports-dir=" + reports);
    }

    /**
     * A recovery that was stopped (the service shutting down) begins no submission: what is left
     * RECEIVED waits for the next start with its attempts as they were. The stop does not
     * interrupt the recovery's thread, which may be in the embedded database's file: the loop
     * itself looks at the stop.
     */
    @Test
    void aStoppedRecoveryBeginsNoSubmissionAndLeavesItsAttemptsAlone(@TempDir Path dir) throws Exception {
        Submission received = RecoveryBoundsTest.received(
                Files.readString(Path.of("src/test/resources/campaigns/spec-example.json")));
        String id = received.id();
        try (ConfigurableApplicationContext context = start(dir.resolve("data"), dir.resolve("reports"))) {
            context.getBean(Recovery.class).startRecovery().get(2, TimeUnit.MINUTES);
            SubmissionStore store = context.getBean(SubmissionStore.class);
            store.insert(received);
            Recovery stopped = new Recovery(
                    store,
                    context.getBean(IntakeService.class),
                    context.getBean(EvaluationPool.class),
                    context.getBean(org.candor.system.EvaluationProperties.class));
            stopped.stopRecovery();
            assertThat(stopped.recover())
                    .as("submissions recovered after the stop")
                    .isZero();
            assertThat(store.received()).extracting(Submission::id).containsExactly(id);
            assertThat(store.state(id).orElseThrow().attempts())
                    .as("attempts counted")
                    .isZero();
            assertThat(store.countEvaluations(id)).isZero();
        }
    }

    @Test
    void aSubmissionLeftReceivedIsEvaluatedExactlyOnceOnTheNextStart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Submission received = RecoveryBoundsTest.received(
                Files.readString(Path.of("src/test/resources/campaigns/spec-example.json")));
        String id = received.id();
        try (ConfigurableApplicationContext first = start(data, dir.resolve("reports"))) {
            SubmissionStore store = first.getBean(SubmissionStore.class);
            // The start's own recovery runs on one background thread: a second run queued behind it
            // returns once it is over, so the row below is left for the next start.
            first.getBean(Recovery.class).startRecovery().get(2, TimeUnit.MINUTES);
            // As if the process died between storing the submission and storing its evaluation.
            store.insert(received);
            assertThat(store.received()).extracting(Submission::id).containsExactly(id);
        }
        try (ConfigurableApplicationContext second = start(data, dir.resolve("reports"))) {
            SubmissionStore store = second.getBean(SubmissionStore.class);
            // Recovery runs in the background once the service is up.
            await().atMost(Duration.ofMinutes(2)).until(() -> store.received().isEmpty());
            assertThat(store.submission(id).orElseThrow().status()).isEqualTo(Submission.EVALUATED);
            assertThat(store.countEvaluations(id)).isEqualTo(1);
            assertThat(store.state(id).orElseThrow().attempts()).isEqualTo(1);
            List<EvaluationSummary> items = store.list(
                            new EvaluationQuery("Northwind Media", null, null, null, null), 0, 10)
                    .items();
            assertThat(items).singleElement().satisfies(e -> {
                assertThat(e.submissionId()).isEqualTo(id);
                assertThat(e.evaluatedBy()).isEqualTo("recovery");
                assertThat(e.fails()).isEqualTo(3);
            });
        }
        try (ConfigurableApplicationContext third = start(data, dir.resolve("reports"))) {
            assertThat(third.getBean(SubmissionStore.class).countEvaluations(id))
                    .as("a later start does not judge it again")
                    .isEqualTo(1);
        }
    }
}
