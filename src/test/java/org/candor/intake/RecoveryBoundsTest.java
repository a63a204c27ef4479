package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.candor.CandorApplication;
import org.candor.evaluation.BoundsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Submissions left RECEIVED that cannot be judged do not hold the start, nor each other: one that
 * reaches a bound is marked ERROR at once, one that keeps failing after its attempts, one that has
 * used its attempts (as when it stopped the process each time) is not tried again.
 */
class RecoveryBoundsTest {

    private static ConfigurableApplicationContext start(Path dir) {
        return start(dir, "--candor.evaluation.max-firings=1000");
    }

    private static ConfigurableApplicationContext start(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("data/candor")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--candor.reports-dir=" + dir.resolve("reports"),
                "--candor.rules-dir=" + dir.resolve("rules"),
                "--candor.rules-watch.enabled=false",
                "--candor.evaluation.recovery-attempts=3"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CandorApplication.class)
                .profiles("demo")
                .run(args.toArray(String[]::new));
    }

    /** A submission as a crash leaves it: stored RECEIVED, never evaluated. */
    static Submission received(String payload) {
        Instant at = Instant.parse("2026-10-01T09:00:00Z");
        return new Submission(
                UUID.randomUUID().toString(),
                "ACME-SPRING-26",
                "Northwind Media",
                "Acme Skincare",
                "northwind",
                at,
                at,
                Submission.RECEIVED,
                "h",
                "application/json",
                payload);
    }

    @Test
    void poisonPillsEndAsErrorWithTheirReasonAndTheOthersAreJudged(@TempDir Path dir) throws Exception {
        BoundsFixtures.pack(dir.resolve("rules"), "cross-product.drl");
        Submission pill = received(new String(BoundsFixtures.campaignWithPosts(20), StandardCharsets.UTF_8));
        Submission unreadable = received("{ this is not a campaign");
        Submission exhausted = received(new String(BoundsFixtures.campaignWithPosts(2), StandardCharsets.UTF_8));
        Submission fine = received(new String(BoundsFixtures.campaignWithPosts(5), StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext first = start(dir)) {
            SubmissionStore store = first.getBean(SubmissionStore.class);
            // The start's own recovery runs on a single background thread: one more run queued
            // behind it returns once it is over, so none of the rows below is picked up here.
            first.getBean(Recovery.class).startRecovery().get(2, TimeUnit.MINUTES);
            // As if the process died while each was being evaluated; the third died three times.
            for (Submission s : new Submission[] {pill, unreadable, exhausted, fine}) {
                store.insert(s);
            }
            for (int i = 0; i < 3; i++) {
                store.startAttempt(exhausted.id());
            }
        }
        try (ConfigurableApplicationContext second = start(dir)) {
            SubmissionStore store = second.getBean(SubmissionStore.class);
            // The service is up; recovery works in the background until nothing is RECEIVED.
            await().atMost(Duration.ofMinutes(2)).until(() -> store.received().isEmpty());

            SubmissionStore.State p = store.state(pill.id()).orElseThrow();
            assertThat(p.status()).isEqualTo(Submission.ERROR);
            assertThat(p.error()).contains("1000 rule firings");
            assertThat(p.attempts()).as("a bound is not retried").isEqualTo(1);
            assertThat(store.countEvaluations(pill.id())).isZero();

            SubmissionStore.State u = store.state(unreadable.id()).orElseThrow();
            assertThat(u.status()).isEqualTo(Submission.ERROR);
            assertThat(u.attempts()).isEqualTo(3);
            assertThat(u.error()).contains("3 attempt(s)");

            SubmissionStore.State x = store.state(exhausted.id()).orElseThrow();
            assertThat(x.status()).isEqualTo(Submission.ERROR);
            assertThat(x.attempts()).as("not tried again").isEqualTo(3);
            assertThat(store.countEvaluations(exhausted.id())).isZero();

            assertThat(store.state(fine.id()).orElseThrow().status()).isEqualTo(Submission.EVALUATED);
            assertThat(store.countEvaluations(fine.id())).isEqualTo(1);
        }
        try (ConfigurableApplicationContext third = start(dir)) {
            SubmissionStore store = third.getBean(SubmissionStore.class);
            assertThat(third.getBean(Recovery.class).recover())
                    .as("nothing is left to recover")
                    .isZero();
            assertThat(store.state(pill.id()).orElseThrow().attempts()).isEqualTo(1);
        }
    }

    @Test
    void aGracefulStopInAnAttemptGivesTheAttemptBack(@TempDir Path dir) throws Exception {
        BoundsFixtures.pack(dir.resolve("rules"), "cross-product.drl");
        // 100 posts make 1,000,000 firings (seconds of CPU): an evaluation still running when the stop comes.
        Submission slow = received(new String(BoundsFixtures.campaignWithPosts(100), StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext first =
                start(dir, "--candor.evaluation.max-firings=100000000", "--candor.evaluation.deadline=600s")) {
            SubmissionStore store = first.getBean(SubmissionStore.class);
            Recovery recovery = first.getBean(Recovery.class);
            recovery.startRecovery().get(2, TimeUnit.MINUTES);
            store.insert(slow);
            recovery.startRecovery();
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> store.state(slow.id()).orElseThrow().attempts() == 1);
        }
        // A long deadline: on a busy machine the firing bound, not the clock, must be what stops it.
        try (ConfigurableApplicationContext second =
                start(dir, "--candor.evaluation.max-firings=1000", "--candor.evaluation.deadline=600s")) {
            SubmissionStore store = second.getBean(SubmissionStore.class);
            await().atMost(Duration.ofMinutes(5)).until(() -> store.received().isEmpty());
            SubmissionStore.State s = store.state(slow.id()).orElseThrow();
            // The stop gave its attempt back: this start's is the first that counts.
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(s.status()).isEqualTo(Submission.ERROR);
            assertThat(s.error()).contains("1000 rule firings");
        }
    }
}
