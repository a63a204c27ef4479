package org.candor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads under load: never a half-loaded rule set, never a broken one, nothing leaked. How many
 * edits and reloads: {@code candor.reliability.reload.edits} and {@code candor.reliability.reload.count}
 * (short in {@code ./mvnw verify}, long under {@code -Preliability}; RELIABILITY.md).
 */
public class RuleReloadTest {

    /** Good and broken edits, alternately, reloaded while evaluations run: 10 by default, 50 under -Preliability. */
    static final int EDITS = Integer.getInteger("candor.reliability.reload.edits", 10);

    /** Reloads of the heap test: 40 by default, 200 under -Preliability; the heap is measured after the first 20. */
    static final int RELOADS = Math.max(Integer.getInteger("candor.reliability.reload.count", 40), 21);

    /** A service on the folder, its first build done: the tests edit the folder right after. */
    public static RuleService serviceOn(Path dir) {
        RuleService service = new RuleService(new RulesProperties(dir));
        service.current();
        return service;
    }

    /** A good edit: the DISC-004 hashtag limit changed to another valid value. */
    static void goodEdit(Path dir, int i) throws Exception {
        Path t = dir.resolve("thresholds.table.csv");
        String s = Files.readString(t)
                .replaceAll("\"BURIED_HASHTAG_RUN\",\"\\d+\"", "\"BURIED_HASHTAG_RUN\",\"" + (3 + i % 7) + "\"");
        Files.writeString(t, s);
        Files.deleteIfExists(dir.resolve("broken.drl"));
    }

    /** A broken edit: a rule file that does not compile. */
    static void brokenEdit(Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.drl"), """
                package candor.broken;
                import org.candor.evaluation.facts.*;
                rule "half edited"
                when
                    $p : PostFact( connected == )
                then
                end
                """);
    }

    /**
     * A small pack that builds in a fraction of the default pack's time: the thresholds and
     * folds tables, a one-term table and the claims rules (CLAIM-001 and CLAIM-006 fire on the
     * spec example). Reloads behave the same whatever the size of the pack.
     */
    public static Path smallPack(Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("rules"));
        for (String f : List.of("thresholds.table.csv", "caption-folds.table.csv", "claims.drl")) {
            Files.copy(TestPacks.DEFAULT.resolve(f), dir.resolve(f));
        }
        Files.copy(Path.of("src/test/resources/rulesets/one-term.table.csv"), dir.resolve("one-term.table.csv"));
        return dir;
    }

    @Test
    void evaluationsNeverFailWhileGoodAndBrokenEditsAreReloaded(@TempDir Path root) throws Exception {
        Path dir = smallPack(root);
        RuleService service = serviceOn(dir);
        Set<String> good = ConcurrentHashMap.newKeySet();
        good.add(service.current().hash());
        Campaign campaign = new CampaignReader().read(Path.of("src/test/resources/campaigns/spec-example.json"));
        Evaluator evaluator = new Evaluator();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger evaluations = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try (RuleService.Lease lease = service.lease()) {
                            EvaluationResult r = evaluator.evaluate(campaign, lease.ruleSet());
                            assertThat(r.ruleSetHash())
                                    .isEqualTo(lease.ruleSet().hash());
                            assertThat(r.findings()).isNotEmpty();
                            seen.add(r.ruleSetHash());
                        }
                        evaluations.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            });
            worker.start();
        }
        try {
            for (int i = 0; i < EDITS; i++) {
                String before = service.current().hash();
                if (i % 2 == 0) {
                    goodEdit(dir, i);
                    RuleService.ReloadResult r = service.reload("test");
                    assertThat(r.errors()).isEmpty();
                    good.add(service.current().hash());
                } else {
                    brokenEdit(dir);
                    RuleService.ReloadResult r = service.reload("test");
                    assertThat(r.applied()).isFalse();
                    assertThat(r.errors()).anySatisfy(p -> assertThat(p.file()).isEqualTo("broken.drl"));
                    assertThat(service.current().hash())
                            .as("a broken edit never becomes active")
                            .isEqualTo(before);
                    assertThat(service.lastErrors()).isNotEmpty();
                }
            }
        } finally {
            stop.set(true);
            done.await();
        }
        assertThat(failure.get()).as("no evaluation failed").isNull();
        assertThat(evaluations.get()).isGreaterThan(EDITS);
        assertThat(good).containsAll(seen);
        assertThat(seen.size()).as("evaluations saw several rule sets").isGreaterThan(1);
    }

    @Test
    void reloadingManyTimesKeepsTheHeapFlat(@TempDir Path root) throws Exception {
        Path dir = smallPack(root);
        RuleService service = serviceOn(dir);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = 0;
        for (int i = 1; i <= RELOADS; i++) {
            goodEdit(dir, i);
            service.reload("test");
            if (i == 20) {
                baseline = usedAfterGc(memory);
            }
        }
        long end = usedAfterGc(memory);
        long growth = end - baseline;
        // RELOADS - 20 rule sets built and swapped after the baseline (20 by default, 180 under
        // -Preliability): a leak of one rule set each (several MB) would show 60 MB or more in the
        // short run, hundreds in the long one; allow 32 MB for the JIT and caches.
        assertThat(growth)
                .as("heap growth after GC over %d reloads, bytes", RELOADS - 20)
                .isLessThan(32L * 1024 * 1024);
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
