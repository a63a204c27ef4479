package org.candor.rules.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleTestFailures;
import org.candor.rules.change.RuleHistory.Action;
import org.candor.rules.change.RuleHistory.ChangeRecord;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the rule history must do on every database it runs on: keep each rule set in force with
 * its files, record every change with who made it (the file watcher too), list them newest
 * first, and build an earlier rule set again from its snapshot. The service runs on a small
 * pack in a temporary folder, with the file watcher on.
 */
@ServiceTest
@DirtiesContext
abstract class RuleHistoryContract {

    /** Each value given to a threshold is new, so each change makes a rule set never seen before. */
    private static final AtomicInteger NEXT = new AtomicInteger(901);

    @Autowired
    RuleService rules;

    @Autowired
    RuleHistory history;

    @Autowired
    RuleChanges changes;

    @Autowired
    RuleSnapshots snapshots;

    @Autowired
    RulesWatcher watcher;

    /** Points the service at a small pack copied into {@code root}, watched with a short debounce. */
    static void rulesIn(DynamicPropertyRegistry registry, Supplier<Path> root) {
        registry.add("candor.rules-dir", () -> {
            Path dir = root.get().resolve("rules");
            if (!Files.isDirectory(dir)) {
                Fixtures.smallPack(dir);
            }
            return dir.toString();
        });
        registry.add("candor.rules-watch.enabled", () -> "true");
        registry.add("candor.rules-watch.debounce", () -> "150ms");
    }

    private Path thresholds() {
        return rules.rulesDir().resolve("thresholds.table.csv");
    }

    /** Commits a change of the live-stream threshold through {@link RuleChanges}, as the API does. */
    private ChangeRecord commitNewThreshold(String who, RuleTestFailures failures) throws Exception {
        String table = Files.readString(thresholds());
        byte[] changed = Fixtures.withThreshold(table, "LIVE_DISCLOSURE_REPEAT_SECONDS", "" + NEXT.getAndIncrement())
                .getBytes(StandardCharsets.UTF_8);
        RuleChanges.Proposal p = changes.propose(RuleChanges.Edit.put("thresholds.table.csv", changed));
        RuleChanges.Outcome o = changes.commit(p, Action.PUT, who, failures);
        assertThat(o.reload().applied()).isTrue();
        return o.change().orElseThrow();
    }

    private List<ChangeRecord> everything() {
        return history.history(0, 200).items();
    }

    @Test
    void theRulesAtStartupAreKeptWithTheirFilesAndRecorded() {
        List<ChangeRecord> all = everything();
        ChangeRecord startup = all.get(all.size() - 1);
        assertThat(startup.action()).isEqualTo(Action.STARTUP);
        assertThat(startup.who()).isEqualTo("startup");
        assertThat(startup.hashBefore()).as("the first start of a new database").isNull();
        assertThat(startup.files())
                .containsExactlyInAnyOrder(
                        "caption-folds.table.csv", "claims.drl", "one-term.table.csv", "thresholds.table.csv");
        Map<String, byte[]> kept = history.files(startup.hashAfter()).orElseThrow();
        assertThat(kept.keySet())
                .containsExactlyElementsOf(startup.files().stream().sorted().toList());
        assertThat(kept.get("claims.drl"))
                .isEqualTo(Fixtures.read(Fixtures.RULES.resolve("claims.drl")).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void startingAgainWithTheSameRulesRecordsNothing() {
        RuleSet current = rules.current();
        long before = history.history(0, 1).total();
        changes.recordStartup();
        assertThat(history.history(0, 1).total()).isEqualTo(before);
        assertThat(history.hasSnapshot(current.hash())).isTrue();
    }

    @Test
    void anEditPickedUpByTheFileWatcherIsRecordedAsAFileChange() throws Exception {
        String before = rules.current().hash();
        String table = Files.readString(thresholds());
        String value = "" + NEXT.getAndIncrement();
        Files.writeString(thresholds(), Fixtures.withThreshold(table, "LIVE_DISCLOSURE_REPEAT_SECONDS", value));
        // The rule set is swapped before the change is recorded: wait for both.
        long deadline = System.nanoTime() + 15_000_000_000L;
        while ((rules.current().hash().equals(before)
                        || !history.history(0, 1)
                                .items()
                                .get(0)
                                .hashAfter()
                                .equals(rules.current().hash()))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String after = rules.current().hash();
        assertThat(after).as("the watcher reloaded the edit").isNotEqualTo(before);

        ChangeRecord c = history.history(0, 1).items().get(0);
        assertThat(c.action()).isEqualTo(Action.FILE_CHANGE);
        assertThat(c.who()).isEqualTo("file change");
        assertThat(c.hashBefore()).isEqualTo(before);
        assertThat(c.hashAfter()).isEqualTo(after);
        assertThat(c.files()).containsExactly("thresholds.table.csv");
        assertThat(c.forced()).isFalse();
        assertThat(c.outcome()).isEqualTo(RuleHistory.Outcome.APPLIED);
        assertThat(c.failures()).as("the rule tests ran and passed").isEmpty();
        assertThat(c.diff().catalog().isEmpty()).isTrue();
        assertThat(c.diff().files().get(0).cells())
                .map(Object::toString)
                .singleElement()
                .asString()
                .startsWith("thresholds.table.csv!B9: '")
                .endsWith("' → '" + value + "'");
        assertThat(history.hasSnapshot(before)).isTrue();
        assertThat(history.hasSnapshot(after)).isTrue();
    }

    /**
     * A stop (the service shutting down) drops a reload still waiting out its debounce: it would
     * otherwise run while the service closes, its database among the rest.
     */
    @Test
    void anEditStillWaitingOutTheDebounceWhenTheWatcherStopsIsNotReloaded() throws Exception {
        String before = rules.current().hash();
        long recorded = history.history(0, 1).total();
        String table = Files.readString(thresholds());
        try {
            Files.writeString(
                    thresholds(),
                    Fixtures.withThreshold(table, "LIVE_DISCLOSURE_REPEAT_SECONDS", "" + NEXT.getAndIncrement()));
            Thread.sleep(50); // the watcher sees the edit; its reload waits 150 ms
            watcher.stop();
            assertThat(watcher.isRunning()).isFalse();
            Thread.sleep(600);
            assertThat(rules.current().hash())
                    .as("rules in force after the stop")
                    .isEqualTo(before);
            assertThat(history.history(0, 1).total()).as("changes recorded").isEqualTo(recorded);
        } finally {
            Files.writeString(thresholds(), table);
            watcher.start();
        }
        assertThat(watcher.isRunning()).as("started again").isTrue();
    }

    @Test
    void anEditPickedUpByTheFileWatcherWhoseRuleTestsFailStaysOutOfForceAndIsRecordedAsRefused() throws Exception {
        String before = rules.current().hash();
        String table = Files.readString(thresholds());
        try {
            Files.writeString(thresholds(), Fixtures.withThreshold(table, "AUDIENCE_OVERCLAIM_PCT", "1000"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((rules.lastTestFailures().isEmpty()
                            || history.history(0, 1).items().get(0).outcome() != RuleHistory.Outcome.REFUSED)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(rules.lastTestFailures())
                    .as("the watcher ran the rule tests")
                    .isNotEmpty();
            assertThat(rules.current().hash())
                    .as("a failing edit is not put in force")
                    .isEqualTo(before);

            ChangeRecord c = history.history(0, 1).items().get(0);
            assertThat(c.action()).isEqualTo(Action.FILE_CHANGE);
            assertThat(c.who()).isEqualTo("file change");
            assertThat(c.outcome()).isEqualTo(RuleHistory.Outcome.REFUSED);
            assertThat(c.forced()).isFalse();
            assertThat(c.hashBefore()).isEqualTo(before);
            assertThat(c.hashAfter()).isNotEqualTo(before);
            assertThat(c.files()).containsExactly("thresholds.table.csv");
            assertThat(c.failures()).anySatisfy(f -> assertThat(f).contains("CLAIM-001.json", "missing CLAIM-001"));
            assertThat(history.lastHash()).as("the last rule set put in force").contains(before);
        } finally {
            Files.writeString(thresholds(), table);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!rules.lastTestFailures().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rules.lastTestFailures())
                .as("the folder is back as in force")
                .isEmpty();
        assertThat(rules.current().hash()).isEqualTo(before);
    }

    @Test
    void anEditPickedUpByTheFileWatcherWhileACaseFailsAlreadyGoesInForceRecordingThatCase() throws Exception {
        Path extra = rules.rulesDir().resolve("tests/extra/DISC-001.json");
        Files.createDirectories(extra.getParent());
        Files.copy(Path.of("src/test/resources/cli/wrong-expectation.json"), extra);
        String table = Files.readString(thresholds());
        try {
            String before = rules.current().hash();
            String value = "" + NEXT.getAndIncrement();
            Files.writeString(thresholds(), Fixtures.withThreshold(table, "LIVE_DISCLOSURE_REPEAT_SECONDS", value));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((rules.current().hash().equals(before)
                            || !history.history(0, 1)
                                    .items()
                                    .get(0)
                                    .hashAfter()
                                    .equals(rules.current().hash()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(rules.current().hash())
                    .as("a case failing with the rules in force too keeps nothing out")
                    .isNotEqualTo(before);
            ChangeRecord c = history.history(0, 1).items().get(0);
            assertThat(c.action()).isEqualTo(Action.FILE_CHANGE);
            assertThat(c.outcome()).isEqualTo(RuleHistory.Outcome.APPLIED);
            assertThat(c.forced()).isFalse();
            assertThat(c.failures()).isEmpty();
            assertThat(c.alreadyFailing()).isNotEmpty().allSatisfy(f -> assertThat(f)
                    .startsWith("extra/DISC-001.json — "));
        } finally {
            Files.delete(extra);
            Files.delete(extra.getParent());
        }
    }

    @Test
    void aCommittedChangeIsRecordedWithWhoMadeItAndWhetherItWasForced() throws Exception {
        String before = rules.current().hash();
        ChangeRecord c = commitNewThreshold(
                "officer", RuleTestFailures.allNew(List.of("DISC-008.json — a case: missing DISC-008")));
        assertThat(c.action()).isEqualTo(Action.PUT);
        assertThat(c.who()).isEqualTo("officer");
        assertThat(c.forced()).isTrue();
        assertThat(c.failures()).containsExactly("DISC-008.json — a case: missing DISC-008");
        assertThat(c.alreadyFailing()).isEmpty();
        assertThat(c.hashBefore()).isEqualTo(before);
        assertThat(c.hashAfter()).isEqualTo(rules.current().hash());

        ChangeRecord read = history.history(0, 1).items().get(0);
        assertThat(read).isEqualTo(c);

        ChangeRecord plain = commitNewThreshold("officer", RuleTestFailures.NONE);
        assertThat(plain.forced()).isFalse();
        assertThat(plain.failures()).isEmpty();

        ChangeRecord past = commitNewThreshold(
                "officer", new RuleTestFailures(List.of(), List.of("AUD-002.json — a case: missing AUD-002")));
        assertThat(past.forced())
                .as("cases failing before the change do not make it forced")
                .isFalse();
        assertThat(past.failures()).isEmpty();
        assertThat(past.alreadyFailing()).containsExactly("AUD-002.json — a case: missing AUD-002");
        assertThat(history.find(past.id())).contains(past);
    }

    @Test
    void theHistoryIsPagedNewestFirst() throws Exception {
        commitNewThreshold("a", RuleTestFailures.NONE);
        commitNewThreshold("b", RuleTestFailures.NONE);
        RuleHistory.HistoryPage first = history.history(0, 1);
        RuleHistory.HistoryPage second = history.history(1, 1);
        assertThat(first.items().get(0).who()).isEqualTo("b");
        assertThat(second.items().get(0).who()).isEqualTo("a");
        assertThat(first.items().get(0).id())
                .isGreaterThan(second.items().get(0).id());
        assertThat(first.items().get(0).at())
                .isAfterOrEqualTo(second.items().get(0).at());
        assertThat(first.total()).isEqualTo(everything().size()).isGreaterThanOrEqualTo(3);
        assertThat(history.history((int) first.total(), 1).items()).isEmpty();
    }

    @Test
    void anEarlierRuleSetIsBuiltAgainFromItsSnapshotAndFewAreKeptBuilt() throws Exception {
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            earlier.add(rules.current().hash());
            commitNewThreshold("officer", RuleTestFailures.NONE);
        }
        String current = rules.current().hash();
        try (RuleSnapshots.Lease now = snapshots.lease(current)) {
            assertThat(now.ruleSet()).isSameAs(rules.current());
        }
        for (String hash : earlier) {
            try (RuleSnapshots.Lease lease = snapshots.lease(hash)) {
                assertThat(lease.ruleSet().hash()).isEqualTo(hash);
                assertThat(lease.ruleSet().catalog()).isEqualTo(rules.current().catalog());
            }
        }
        assertThat(snapshots.kept()).containsExactlyElementsOf(earlier.subList(1, 4));
        assertThatThrownBy(() -> snapshots.lease("0".repeat(64)))
                .isInstanceOf(RuleSnapshots.UnavailableException.class)
                .hasMessageContaining("never recorded");
    }
}
