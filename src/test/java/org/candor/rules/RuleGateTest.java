package org.candor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules service puts nothing from the folder in force that fails its gate, whoever reloads:
 * the refusal is told to the listeners once, the rules in force stay in force, and only a forced
 * reload puts the rule set in force past its failures.
 */
class RuleGateTest {

    /** What the listeners were told, one line each. */
    final List<String> told = new ArrayList<>();

    RuleService gatedService(Path dir) {
        RuleService service = RuleReloadTest.serviceOn(dir);
        service.current(); // the first build, as the folder is now
        // The gate fails every rule set whose DISC-004 hashtag limit is 9.
        service.gate(candidate ->
                new String(candidate.contents().get("thresholds.table.csv")).contains("\"BURIED_HASHTAG_RUN\",\"9\"")
                        ? RuleTestFailures.allNew(List.of("DISC-004.json — nine hashtags: missing DISC-004"))
                        : RuleTestFailures.NONE);
        service.addListener(new RuleService.Listener() {
            @Override
            public void ruleSetChanged(RuleSet before, RuleSet after, String who, RuleTestFailures failures) {
                told.add("changed by " + who + " past " + failures.newFailures()
                        + (failures.alreadyFailing().isEmpty() ? "" : " with " + failures.alreadyFailing()));
            }

            @Override
            public void ruleSetRefused(RuleSet inForce, RuleSet refused, String who, RuleTestFailures failures) {
                told.add("refused from " + who + " for " + failures.newFailures());
            }
        });
        return service;
    }

    @Test
    void aFolderChangeThatFailsTheGateStaysOutOfForceUntilForced(@TempDir Path root) throws Exception {
        Path dir = RuleReloadTest.smallPack(root);
        RuleService service = gatedService(dir);
        String before = service.current().hash();

        RuleReloadTest.goodEdit(dir, 6); // BURIED_HASHTAG_RUN 9
        RuleService.ReloadResult r = service.reload("file change");
        assertThat(r.applied()).isFalse();
        assertThat(r.refused()).isTrue();
        assertThat(r.errors()).isEmpty();
        assertThat(r.failures()).containsExactly("DISC-004.json — nine hashtags: missing DISC-004");
        assertThat(service.current().hash()).isEqualTo(before);
        assertThat(service.lastTestFailures()).containsExactly("DISC-004.json — nine hashtags: missing DISC-004");
        assertThat(told)
                .containsExactly("refused from file change for [DISC-004.json — nine hashtags: missing DISC-004]");

        // The watcher sees the same folder again: still refused, not told twice.
        RuleService.ReloadResult again = service.reload("file change");
        assertThat(again.refused()).isTrue();
        assertThat(told).hasSize(1);

        RuleService.ReloadResult forced = service.reload("officer", true);
        assertThat(forced.applied()).isTrue();
        assertThat(forced.failures()).containsExactly("DISC-004.json — nine hashtags: missing DISC-004");
        assertThat(service.current().hash()).isNotEqualTo(before);
        assertThat(service.lastTestFailures()).isEmpty();
        assertThat(told.get(1)).isEqualTo("changed by officer past [DISC-004.json — nine hashtags: missing DISC-004]");
    }

    @Test
    void aFolderChangeThatPassesTheGateGoesInForceAndARefusalIsForgottenWhenTheFolderIsPutBack(@TempDir Path root)
            throws Exception {
        Path dir = RuleReloadTest.smallPack(root);
        RuleService service = gatedService(dir);
        String original = Files.readString(dir.resolve("thresholds.table.csv"));
        String before = service.current().hash();

        RuleReloadTest.goodEdit(dir, 6);
        assertThat(service.reload("file change").refused()).isTrue();
        Files.writeString(dir.resolve("thresholds.table.csv"), original);
        RuleService.ReloadResult back = service.reload("file change");
        assertThat(back.applied()).isFalse();
        assertThat(back.refused()).isFalse();
        assertThat(service.lastTestFailures()).isEmpty();
        assertThat(service.current().hash()).isEqualTo(before);

        RuleReloadTest.goodEdit(dir, 1); // BURIED_HASHTAG_RUN 4
        RuleService.ReloadResult passed = service.reload("file change");
        assertThat(passed.applied()).isTrue();
        assertThat(passed.failures()).isEmpty();
        assertThat(told).last().isEqualTo("changed by file change past []");
    }

    @Test
    void casesFailingWithTheRulesInForceTooKeepNothingOutAndAreTold(@TempDir Path root) throws Exception {
        Path dir = RuleReloadTest.smallPack(root);
        RuleService service = gatedService(dir);
        String already = "AUD-002.json — old case: missing AUD-002";
        service.gate(candidate -> new RuleTestFailures(List.of(), List.of(already)));
        String before = service.current().hash();

        RuleReloadTest.goodEdit(dir, 6);
        RuleService.ReloadResult r = service.reload("file change");
        assertThat(r.applied()).isTrue();
        assertThat(r.refused()).isFalse();
        assertThat(r.failures()).isEmpty();
        assertThat(r.alreadyFailing()).containsExactly(already);
        assertThat(service.current().hash()).isNotEqualTo(before);
        assertThat(told).containsExactly("changed by file change past [] with [" + already + "]");

        // With a new failure beside it, the reload is refused, and both are kept apart.
        service.gate(candidate ->
                new RuleTestFailures(List.of("DISC-004.json — nine hashtags: missing DISC-004"), List.of(already)));
        RuleReloadTest.goodEdit(dir, 1);
        RuleService.ReloadResult refused = service.reload("file change");
        assertThat(refused.refused()).isTrue();
        assertThat(refused.failures()).containsExactly("DISC-004.json — nine hashtags: missing DISC-004");
        assertThat(refused.alreadyFailing()).containsExactly(already);
        assertThat(service.lastTestFailures()).containsExactly("DISC-004.json — nine hashtags: missing DISC-004");
        assertThat(service.lastAlreadyFailing()).containsExactly(already);
    }

    @Test
    void aFolderThatDoesNotBuildIsRefusedBeforeAnyGate(@TempDir Path root) throws Exception {
        Path dir = RuleReloadTest.smallPack(root);
        RuleService service = gatedService(dir);
        RuleReloadTest.brokenEdit(dir);
        RuleService.ReloadResult r = service.reload("file change");
        assertThat(r.errors()).isNotEmpty();
        assertThat(r.refused()).isFalse();
        assertThat(told).isEmpty();
    }
}
