package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.candor.CandorApplication;
import org.candor.support.HeldWork;
import org.candor.system.DatabaseProbe;
import org.candor.system.EvaluationProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

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
                    context.getBean(EvaluationProperties.class));
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

    /**
     * A stop that comes while an attempt is under way lets it end: its evaluation is stored, and
     * the submission after it is not begun. The recovery's thread is not interrupted: it may be in
     * the embedded database's file, and the JDK closes a file channel whose thread is interrupted in
     * it, under every connection. A recovery of its own, held once its first attempt is counted.
     */
    @Test
    void aStopDuringAnAttemptLetsItEndAndItsEvaluationIsStored(@TempDir Path dir) throws Exception {
        String payload = Files.readString(Path.of("src/test/resources/campaigns/spec-example.json"));
        List<Submission> received = List.of(RecoveryBoundsTest.received(payload), RecoveryBoundsTest.received(payload));
        try (ConfigurableApplicationContext context = start(dir.resolve("data"), dir.resolve("reports"))) {
            context.getBean(Recovery.class).startRecovery().get(2, TimeUnit.MINUTES);
            SubmissionStore store = context.getBean(SubmissionStore.class);
            received.forEach(store::insert);
            HeldWork hold = new HeldWork();
            AtomicReference<String> held = new AtomicReference<>();
            SubmissionStore heldOnceCounted =
                    new SubmissionStore(
                            context.getBean(JdbcClient.class),
                            context.getBean(ObjectMapper.class),
                            context.getBean(DatabaseProbe.class)) {
                        @Override
                        public int startAttempt(String id) {
                            int attempts = super.startAttempt(id);
                            held.compareAndSet(null, id);
                            hold.here();
                            return attempts;
                        }
                    };
            Recovery recovery = new Recovery(
                    heldOnceCounted,
                    context.getBean(IntakeService.class),
                    context.getBean(EvaluationPool.class),
                    context.getBean(EvaluationProperties.class));
            Future<Integer> recovered = recovery.startRecovery();
            assertThat(hold.reached(Duration.ofMinutes(2)))
                    .as("an attempt under way")
                    .isTrue();

            // Held until the stop waits for the attempt to end (with its deadline), or returned.
            assertThat(hold.stopWhileHeld(recovery::stopRecovery))
                    .as("the stop returned")
                    .isTrue();
            assertThat(hold.interrupted())
                    .as("the recovery's thread interrupted by the stop")
                    .isFalse();
            assertThat(recovered.get(30, TimeUnit.SECONDS))
                    .as("submissions recovered")
                    .isEqualTo(1);
            String attempted = held.get();
            SubmissionStore.State done = store.state(attempted).orElseThrow();
            assertThat(done.status()).isEqualTo(Submission.EVALUATED);
            assertThat(done.attempts()).as("the attempt, counted once").isEqualTo(1);
            assertThat(store.countEvaluations(attempted)).isEqualTo(1);
            String next = received.stream()
                    .map(Submission::id)
                    .filter(id -> !id.equals(attempted))
                    .findFirst()
                    .orElseThrow();
            SubmissionStore.State notBegun = store.state(next).orElseThrow();
            assertThat(notBegun.status()).as("the submission after it").isEqualTo(Submission.RECEIVED);
            assertThat(notBegun.attempts()).isZero();
            assertThat(store.countEvaluations(next)).isZero();
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
