package org.candor.ruleadmin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.Evaluator;
import org.junit.jupiter.api.Test;

/**
 * Rule tests run side by side give exactly what a run one case at a time gives, in the same order,
 * and say how far they are as they go.
 */
class ParallelRuleTestsTest {

    private static RuleTestRunner runner(int parallelism) {
        return new RuleTestRunner(new CampaignReader(), new Evaluator(), parallelism);
    }

    @Test
    void theDefaultPackGivesTheSameResultsInTheSameOrderAsASerialRun() {
        RuleTestReport serial = runner(1).run(DefaultPack.TESTS, DefaultPack.ruleSet());
        RuleTestReport parallel = runner(4).run(DefaultPack.TESTS, DefaultPack.ruleSet());
        assertThat(serial.results()).hasSizeGreaterThan(100);
        assertThat(parallel.results()).isEqualTo(serial.results());
    }

    @Test
    void aFolderOfBrokenFilesAndFailingCasesGivesTheSameResultsAsASerialRun() throws Exception {
        Path bad = RuleTestRunnerTest.fixture("bad");
        RuleTestReport serial = runner(1).run(bad, DefaultPack.ruleSet());
        RuleTestReport parallel = runner(3).run(bad, DefaultPack.ruleSet());
        assertThat(serial.failed()).isPositive();
        assertThat(parallel.results()).isEqualTo(serial.results());
    }

    @Test
    void casesRunOnSeveralThreadsAndProgressCountsEveryCaseOnce() throws Exception {
        List<Integer> done = new CopyOnWriteArrayList<>();
        Set<Integer> totals = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        RuleTestReport report = runner(4).run(RuleTestRunnerTest.fixture("bad"), DefaultPack.ruleSet(), (n, total) -> {
            done.add(n);
            totals.add(total);
            threads.add(Thread.currentThread().getName());
        });
        int cases = report.results().size();
        assertThat(totals).containsExactly(cases);
        assertThat(done).hasSize(cases).containsExactlyInAnyOrderElementsOf(range(cases));
        assertThat(threads.stream().filter(t -> t.startsWith("candor-rule-test-")))
                .as("cases ran on the runner's own threads")
                .isNotEmpty();
    }

    @Test
    void aRunnerWithoutAThreadIsRefused() {
        assertThatThrownBy(() -> runner(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one case at a time");
    }

    @Test
    void aMissingFolderIsOneFailedResultWhateverTheParallelism() {
        RuleTestReport report = runner(4).run(Path.of("no/such/tests"), DefaultPack.ruleSet());
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.detail()).contains("does not exist");
        });
    }

    private static List<Integer> range(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }
}
