package org.candor.ruleadmin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner on bad input: a broken file or case, an invalid campaign or a wrong expectation each
 * becomes a failed result that says what is wrong, and the run goes on to the next case and file.
 */
class RuleTestRunnerTest {

    private static RuleTestReport bad;

    private final RuleTestRunner runner = new RuleTestRunner();

    @BeforeAll
    static void runTheBadFolder() throws URISyntaxException {
        bad = new RuleTestRunner().run(fixture("bad"), DefaultPack.ruleSet());
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(
                RuleTestRunnerTest.class.getResource("/ruletests/" + name).toURI());
    }

    private static CaseResult result(String file, String name) {
        return bad.results().stream()
                .filter(r -> r.file().equals(file) && r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + file + " \u2014 " + name + " in "
                        + bad.results().stream().map(CaseResult::displayName).toList()));
    }

    @Test
    void runsEveryFileAndCaseDespiteTheBadOnes() {
        assertThat(bad.results())
                .extracting(CaseResult::displayName)
                .containsExactly(
                        "AUD-001.json \u2014 4% fake followers",
                        "AUD-001.json \u2014 typo in a field name",
                        "AUD-001.json \u2014 22% fake followers",
                        "AUD-002.json \u2014 (file)",
                        "CLAIM-011.json \u2014 campaign without a reference",
                        "CLAIM-011.json \u2014 no clause",
                        "DISC-010.json \u2014 wrong rule expected",
                        "DISC-010.json \u2014 wrong severity expected",
                        "DISC-010.json \u2014 wrong verdict expected",
                        "DISC-011.json \u2014 (file)",
                        "DISC-011.json \u2014 post in English with #ad");
        assertThat(bad.passed()).isEqualTo(4);
        assertThat(bad.failed()).isEqualTo(7);
        assertThat(bad.summaryLine()).isEqualTo("4 passed, 7 failed");
    }

    @Test
    void aCaseWithAnUnknownFieldFailsAndNamesTheField() {
        CaseResult r = result("AUD-001.json", "typo in a field name");
        assertThat(r.passed()).isFalse();
        assertThat(r.detail())
                .contains("unknown field 'expected'")
                .contains("case 2")
                .contains("expect");
        assertThat(r.actual()).isEmpty();
        assertThat(result("AUD-001.json", "4% fake followers").passed()).isTrue();
        assertThat(result("AUD-001.json", "22% fake followers").passed()).isTrue();
    }

    @Test
    void anUnknownFieldAtTheTopFailsTheFileButItsCasesStillRun() {
        CaseResult file = result("DISC-011.json", RuleTestRunner.WHOLE_FILE);
        assertThat(file.passed()).isFalse();
        assertThat(file.detail()).contains("unknown field 'rules'").contains("'rule' is missing");
        assertThat(result("DISC-011.json", "post in English with #ad").passed()).isTrue();
    }

    @Test
    void malformedJsonFailsTheFileWithWhereItBroke() {
        CaseResult r = result("AUD-002.json", RuleTestRunner.WHOLE_FILE);
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).startsWith("not valid JSON").contains("line 55");
    }

    @Test
    void anInvalidCampaignFailsItsCaseWithTheProblemsByPath() {
        CaseResult r = result("CLAIM-011.json", "campaign without a reference");
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).contains("not a valid submission").contains("$.reference");
        assertThat(r.expected()).isEmpty();
        assertThat(r.actual()).isEmpty();
        assertThat(result("CLAIM-011.json", "no clause").passed()).isTrue();
    }

    @Test
    void aWrongExpectationNamesTheMissingAndUnexpectedRulesWithTheirMessages() {
        CaseResult r = result("DISC-010.json", "wrong rule expected");
        assertThat(r.passed()).isFalse();
        assertThat(r.expected()).containsExactly("DISC-001");
        assertThat(r.actual()).containsExactly("DISC-010");
        assertThat(r.detail())
                .contains("missing DISC-001")
                .contains("unexpected DISC-010")
                .contains("post:p1")
                .contains("paid-partnership label is the only disclosure");
    }

    @Test
    void aWrongSeverityOrVerdictFailsTheCase() {
        CaseResult severity = result("DISC-010.json", "wrong severity expected");
        assertThat(severity.passed()).isFalse();
        assertThat(severity.detail()).contains("DISC-010 expected at FAIL but post:p1 got WARN");

        CaseResult verdict = result("DISC-010.json", "wrong verdict expected");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.detail()).contains("verdict expected FAIL but was PASS");
    }

    @Test
    void aCleanFolderPasses() throws URISyntaxException {
        RuleTestReport report = runner.run(fixture("good"), DefaultPack.ruleSet());
        assertThat(report.summaryLine()).isEqualTo("2 passed, 0 failed");
        assertThat(report.results()).allSatisfy(r -> assertThat(r.detail()).startsWith("ok"));
    }

    @Test
    void aMissingFolderIsAFailedResultNotAnException() {
        RuleTestReport report = runner.run(Path.of("no/such/folder"), DefaultPack.ruleSet());
        assertThat(report.summaryLine()).isEqualTo("0 passed, 1 failed");
        assertThat(report.results().get(0).detail()).contains("does not exist");
    }

    @Test
    void aMissingFileIsAFailedResultNotAnException() {
        List<CaseResult> results =
                runner.runFile(Path.of("no/such/DISC-001.json"), "DISC-001.json", DefaultPack.ruleSet());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.detail()).contains("cannot be read");
        });
    }

    @Test
    void readingForCoverageRejectsABrokenFileWithEveryProblem() throws URISyntaxException {
        assertThatThrownBy(() -> runner.read(fixture("bad").resolve("AUD-001.json")))
                .isInstanceOf(RuleTestFileException.class)
                .hasMessageContaining("unknown field 'expected'");
        assertThatThrownBy(() -> runner.read(fixture("bad").resolve("AUD-002.json")))
                .isInstanceOf(RuleTestFileException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void coverageHelpersTellFiringFromNonFiringRules() throws URISyntaxException {
        Path good = fixture("good").resolve("DISC-001.json");
        assertThat(runner.firingIds(good)).containsExactly("DISC-001");
        assertThat(runner.nonFiringIds(good)).containsExactly("DISC-001");

        // CLAIM-011 never fires in its file: there is no firing case to cover it
        RuleTestFile neverFiring = runner.read(fixture("bad").resolve("CLAIM-011.json"));
        assertThat(neverFiring.firingIds()).isEmpty();
        assertThat(neverFiring.nonFiringIds()).containsExactly("CLAIM-011");

        // every id some case expects is counted, not only the file's own rule
        RuleTestFile mixed = runner.read(fixture("bad").resolve("DISC-010.json"));
        assertThat(mixed.firingIds()).containsExactly("DISC-001", "DISC-010");
        assertThat(mixed.nonFiringIds()).containsExactly("DISC-001", "DISC-010");
    }
}
