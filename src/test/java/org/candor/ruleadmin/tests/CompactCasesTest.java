package org.candor.ruleadmin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compact cases: a base campaign of {@code bases/} and a JSON Merge Patch of what the case
 * changes. The base folder holds no cases; a bad base or patch fails its case saying why; a failed
 * compact case shows the campaign it ran.
 */
class CompactCasesTest {

    private static Path folder;
    private static RuleTestReport report;

    @BeforeAll
    static void run() throws Exception {
        folder = RuleTestRunnerTest.fixture("compact");
        report = new RuleTestRunner().run(folder, DefaultPack.ruleSet());
    }

    private static CaseResult result(String name) {
        return report.results().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result " + name + " in " + report.results()));
    }

    @Test
    void theBasesFolderHoldsCampaignsNotCases() {
        assertThat(report.results()).extracting(CaseResult::file).containsOnly("DISC-001.json");
        assertThat(report.results()).hasSize(9);
    }

    @Test
    void aBaseWithoutAPatchRunsAsItIsAndAPassingCaseCarriesNoCampaign() {
        CaseResult r = result("the base as it is");
        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(r.campaign()).isNull();
    }

    @Test
    void aFailedCompactCaseShowsTheMergedCampaignItRan() {
        CaseResult r = result("a clean post wrongly expected to fire");
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).contains("missing DISC-001");
        JsonNode ran = r.campaign();
        assertThat(ran.path("reference").asText()).as("from the patch").isEqualTo("RT-COMPACT-2");
        assertThat(ran.path("brand").asText()).as("from the base").isEqualTo("Calm Tea Co");
        assertThat(ran.path("posts"))
                .singleElement()
                .satisfies(p -> assertThat(p.path("id").asText()).isEqualTo("tea2"));
    }

    @Test
    void aBadBaseOrPatchFailsItsCaseSayingWhy() {
        assertThat(result("no such base").detail()).contains("'base' 'bases/none.json' cannot be read");
        assertThat(result("a base outside the folder").detail()).contains("'..'");
        assertThat(result("a broken base").detail()).contains("'bases/broken.json' is not valid JSON");
        assertThat(result("both a campaign and a base").detail()).contains("either 'campaign' or 'base'");
        assertThat(result("a patch without a base").detail()).contains("'patch' needs a 'base'");
        assertThat(result("a patch that is not an object").detail()).contains("'patch' must be an object");
        CaseResult invalid = result("a patch removing what a campaign needs");
        assertThat(invalid.detail()).contains("not a valid submission").contains("reference");
        assertThat(invalid.campaign().has("reference")).isFalse();
        assertThat(report.results()).filteredOn(r -> !r.passed()).hasSize(8);
    }

    @Test
    void readingTheFileNamesEveryBadCase() {
        assertThatThrownBy(() -> new RuleTestRunner().read(folder.resolve("DISC-001.json")))
                .isInstanceOf(RuleTestFileException.class)
                .hasMessageContaining("no such base")
                .hasMessageContaining("a patch without a base");
    }

    @Test
    void theDefaultPackHasCompactCasesAndTheyAllPass() {
        RuleTestReport pack = new RuleTestRunner().run(DefaultPack.TESTS, DefaultPack.ruleSet());
        assertThat(pack.failed()).isZero();
        long compact = new RuleTestRunner()
                .read(DefaultPack.TESTS.resolve("DISC-001.json")).cases().stream()
                        .filter(RuleTestCase::compact)
                        .count();
        assertThat(compact).isPositive();
    }
}
