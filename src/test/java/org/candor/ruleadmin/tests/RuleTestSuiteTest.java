package org.candor.ruleadmin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.rules.RulesProperties;
import org.candor.rules.change.Fixtures;
import org.candor.system.EvaluationProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite keeps a run's results by rule set and case files: the same rules run against the same
 * cases again give the kept results at once, and anything that could change them (another rule
 * set, an edited case file, a case stopped at the bounds) makes a run.
 */
class RuleTestSuiteTest {

    @TempDir
    Path root;

    private Path rules;
    private RuleService service;

    @BeforeEach
    void aCopyOfTheDefaultPackWithTheCasesOfTwoRules() throws IOException {
        rules = Fixtures.copyOfRules(root.resolve("rules"));
        try (Stream<Path> cases = Files.list(rules.resolve("tests"))) {
            for (Path f : cases.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("AUD-001.json") && !name.equals("DISC-001.json")) {
                    Files.delete(f);
                }
            }
        }
        service = new RuleService(new RulesProperties(rules));
        service.current();
    }

    private RuleTestSuite suite(EvaluationProperties evaluation) {
        return new RuleTestSuite(service, evaluation);
    }

    /** The default pack with the fake-follower thresholds lowered so far that the AUD-001 cases fail. */
    private RuleSet lowerThresholds() {
        Map<String, byte[]> files = new TreeMap<>(service.files());
        String table = new String(files.get("thresholds.table.csv"), StandardCharsets.UTF_8);
        String lowered = table.replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"2\"")
                .replace("\"FAKE_FOLLOWERS_FAIL_PCT\",\"30\"", "\"FAKE_FOLLOWERS_FAIL_PCT\",\"3\"");
        assertThat(lowered).isNotEqualTo(table);
        files.put("thresholds.table.csv", lowered.getBytes(StandardCharsets.UTF_8));
        return service.build(files);
    }

    @Test
    void theSameRulesAgainstTheSameCasesGiveTheKeptResults() {
        RuleTestSuite suite = suite(EvaluationProperties.defaults());
        RuleTestReport first = suite.run(service.current());
        assertThat(first.results()).hasSizeGreaterThan(2);
        assertThat(first.allPassed()).as(first.summaryLine()).isTrue();

        assertThat(suite.run(service.current())).isSameAs(first);
    }

    @Test
    void aChangeTestedThenComparedRunsOnceAndTheRulesInForceOnce() {
        RuleTestSuite suite = suite(EvaluationProperties.defaults());
        RuleSet proposed = lowerThresholds();
        RuleTestReport tested = suite.run(proposed);
        assertThat(tested.failed()).as(tested.summaryLine()).isPositive();

        RuleTestComparison saved = suite.compare(proposed);
        assertThat(saved.report()).as("the change's results from its test").isSameAs(tested);
        assertThat(saved.newFailures()).hasSize(tested.failed());
        assertThat(saved.alreadyFailing()).isEmpty();

        // The rules in force were run once for the comparison: an undo finds their results.
        RuleTestReport inForce = suite.run(service.current());
        assertThat(inForce.allPassed()).isTrue();
        assertThat(suite.compare(service.current()).report()).isSameAs(inForce);
    }

    @Test
    void anEditedCaseFileIsRunAgain() throws IOException {
        RuleTestSuite suite = suite(EvaluationProperties.defaults());
        RuleTestReport before = suite.run(service.current());
        Path aud = rules.resolve("tests/AUD-001.json");
        String text = Files.readString(aud);
        String wrong = text.replaceFirst("\"expect\": \\[\"AUD-001\"\\]", "\"expect\": [\"AUD-002\"]");
        assertThat(wrong).isNotEqualTo(text);
        Files.writeString(aud, wrong);

        RuleTestReport after = suite.run(service.current());
        assertThat(after).isNotSameAs(before);
        assertThat(after.failed()).as(after.summaryLine()).isEqualTo(1);
        assertThat(after.failures().get(0).file()).isEqualTo("AUD-001.json");

        Files.writeString(aud, text);
        assertThat(suite.run(service.current()))
                .as("the case files as they were: the results kept of them")
                .isSameAs(before);
    }

    @Test
    void anotherRuleSetIsRunAgain() {
        RuleTestSuite suite = suite(EvaluationProperties.defaults());
        RuleTestReport inForce = suite.run(service.current());
        RuleTestReport lowered = suite.run(lowerThresholds());
        assertThat(lowered).isNotSameAs(inForce);
        assertThat(lowered.failed()).isPositive();
    }

    @Test
    void aRunWithACaseStoppedAtTheBoundsIsNotKept() {
        // One firing at most: every case that fires a rule is stopped at the bounds.
        RuleTestSuite suite = suite(new EvaluationProperties(1, null, null, null, null, null));
        RuleTestReport first = suite.run(service.current());
        assertThat(first.results()).anyMatch(RuleTestRunner::stoppedAtBounds);

        RuleTestReport second = suite.run(service.current());
        assertThat(second).isNotSameAs(first);
        assertThat(second.results()).anyMatch(RuleTestRunner::stoppedAtBounds);
    }

    @Test
    void onlyTheLastRunsAreKept() {
        RuleTestSuite suite = new RuleTestSuite(service, EvaluationProperties.defaults(), 1);
        RuleTestReport inForce = suite.run(service.current());
        suite.run(lowerThresholds());
        assertThat(suite.run(service.current())).isNotSameAs(inForce);
    }
}
