package org.candor.rules.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.candor.rules.RuleReloadTest;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.RuleTestFailures;
import org.candor.rules.change.RuleHistory.Action;
import org.candor.rules.change.RuleHistory.ChangeRecord;
import org.candor.rules.change.RuleHistory.NewChange;
import org.candor.rules.change.RuleHistory.Outcome;
import org.candor.support.H2;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who made a change is on record before its file is renamed into place. The service "dies" right
 * after the rename: the committing thread is stopped there for good, as a kill -9 would stop it,
 * and the next start (a new rules service on the same folder and database) must record the change
 * as that person's, not as a change found at startup. A change whose files never reached the
 * folder is recorded as abandoned.
 */
@ServiceTest
@DirtiesContext
class RuleChangeCrashTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        H2.register(registry);
        registry.add("candor.rules-dir", () -> {
            Path dir = root.resolve("rules");
            if (!Files.isDirectory(dir)) {
                try {
                    RuleReloadTest.smallPack(root);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return dir.toString();
        });
        registry.add("candor.rules-watch.enabled", () -> "false");
    }

    @Autowired
    RuleService rules;

    @Autowired
    RuleChanges changes;

    @Autowired
    RuleHistory history;

    /** Holds the committing thread after the rename until the test ends. */
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void letGo() {
        changes.afterRename(null);
        release.countDown();
    }

    private byte[] thresholdsWith(String value) throws Exception {
        String table = Files.readString(rules.rulesDir().resolve("thresholds.table.csv"));
        String changed = table.replaceAll(
                "\"LIVE_DISCLOSURE_REPEAT_SECONDS\",\"\\d+\"", "\"LIVE_DISCLOSURE_REPEAT_SECONDS\",\"" + value + "\"");
        assertThat(changed).isNotEqualTo(table);
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    /** The next start of the service: a new rules service on the folder as it is, the same history. */
    private RuleService restart() {
        RuleService restarted = RuleReloadTest.serviceOn(rules.rulesDir());
        new RuleChanges(restarted, history).recordStartup();
        return restarted;
    }

    @Test
    void aChangeCutOffRightAfterTheRenameIsRecordedAsItsAuthorsAtTheNextStart() throws Exception {
        byte[] changed = thresholdsWith("1201");
        CountDownLatch renamed = new CountDownLatch(1);
        changes.afterRename(() -> {
            renamed.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread officer = new Thread(() -> {
            try {
                RuleChanges.Proposal p = changes.propose(RuleChanges.Edit.put("thresholds.table.csv", changed));
                changes.commit(p, Action.PUT, "officer-ann", RuleTestFailures.NONE);
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        officer.setDaemon(true);
        officer.start();
        assertThat(renamed.await(60, TimeUnit.SECONDS))
                .as("the file was renamed into place")
                .isTrue();

        // The process dies here: the new file is in place; the change is written down as pending.
        assertThat(Files.readAllBytes(rules.rulesDir().resolve("thresholds.table.csv")))
                .isEqualTo(changed);
        List<ChangeRecord> pending = history.pending();
        assertThat(pending).singleElement().satisfies(c -> {
            assertThat(c.who()).isEqualTo("officer-ann");
            assertThat(c.action()).isEqualTo(Action.PUT);
            assertThat(c.outcome()).isEqualTo(Outcome.PENDING);
            assertThat(c.files()).containsExactly("thresholds.table.csv");
        });
        long recorded = history.history(0, 1).total();

        RuleService restarted = restart();
        try {
            ChangeRecord latest = history.history(0, 1).items().get(0);
            assertThat(latest.id()).isEqualTo(pending.get(0).id());
            assertThat(latest.who()).as("who made the change is not lost").isEqualTo("officer-ann");
            assertThat(latest.action()).isEqualTo(Action.PUT);
            assertThat(latest.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(latest.hashAfter()).isEqualTo(restarted.current().hash());
            assertThat(history.history(0, 1).total())
                    .as("no startup change recorded")
                    .isEqualTo(recorded);
            assertThat(history.pending()).isEmpty();
            assertThat(history.lastHash()).contains(restarted.current().hash());
        } finally {
            RuleSetLoader.dispose(restarted.current());
        }
        assertThat(failed.get()).isNull();
    }

    @Test
    void aChangeCutOffBeforeItsFileWasInPlaceIsAbandonedAtTheNextStart() throws Exception {
        String inForce = rules.current().hash();
        String lastRecorded = history.lastHash().orElseThrow();
        // Written down as pending, and the service died before the file was renamed into place.
        try (RuleChanges.Proposal p =
                changes.propose(RuleChanges.Edit.put("thresholds.table.csv", thresholdsWith("1202")))) {
            history.snapshot(p.ruleSet());
            history.record(new NewChange(
                    Action.PUT,
                    "officer-bob",
                    inForce,
                    p.ruleSet().hash(),
                    p.diff(),
                    false,
                    List.of(),
                    Outcome.PENDING));
        }
        long recorded = history.history(0, 1).total();

        RuleService restarted = restart();
        try {
            ChangeRecord latest = history.history(0, 1).items().get(0);
            assertThat(latest.who()).isEqualTo("officer-bob");
            assertThat(latest.outcome()).isEqualTo(Outcome.ABANDONED);
            assertThat(history.history(0, 1).total()).isEqualTo(recorded);
            assertThat(history.pending()).isEmpty();
            assertThat(history.lastHash())
                    .as("an abandoned change put nothing in force")
                    .contains(lastRecorded);
        } finally {
            RuleSetLoader.dispose(restarted.current());
        }
    }
}
