package org.candor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetLoaderTest {

    private final RuleSetLoader loader = new RuleSetLoader();

    @Test
    void aSyntaxErrorIsReportedWithFileAndLineAndNothingIsBuilt(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "broken-syntax.drl");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .extracting(e -> ((RuleBuildException) e).problems(), list(BuildProblem.class))
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("broken-syntax.drl");
                    assertThat(p.line()).isBetween(15, 18);
                    assertThat(p.message()).isNotBlank();
                });
    }

    @Test
    void anUnknownFactTypeIsABuildError(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "unknown-fact.drl");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("unknown-fact.drl")
                .hasMessageContaining("NoSuchFact");
    }

    @Test
    void aRuleWithoutItsMetadataFailsTheBuildNamingWhatIsMissing(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "missing-metadata.drl");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("missing-metadata.drl")
                .hasMessageContaining("TEST-002 without a source")
                .hasMessageContaining("lacks metadata @source");
    }

    @Test
    void anUnknownSeverityIsRefused(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "bad-severity.drl");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("@severity(\"CRITICAL\")")
                .hasMessageContaining("[FAIL, WARN, INFO]");
    }

    @Test
    void rulesSharingAnIdMustShareTheirMetadata(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "shared-id-conflict.drl");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("carries id TEST-005 but its metadata differs");
    }

    @Test
    void aPolicyRowWithAnUnknownThresholdNamesTheTableRow(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "bad-threshold-row.drl.csv");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("bad-threshold-row.drl.csv")
                .hasMessageContaining("'NOT_A_THRESHOLD' is not a threshold");
    }

    @Test
    void aPolicyRowWithAnUnknownMeaningIsRefused(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "bad-meaning-row.drl.csv");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("'SORT_OF_CLEAR' is not a meaning");
    }

    @Test
    void aMissingThresholdIsRefused(@TempDir Path dir) throws Exception {
        TestPacks.copyOfDefault(dir);
        Path thresholds = dir.resolve("thresholds.drl.csv");
        String without = Files.readString(thresholds)
                .lines()
                .filter(l -> !l.startsWith("\"ADULT_AGE\""))
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(thresholds, without);
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("threshold ADULT_AGE is not set");
    }

    @Test
    void anEmptyOrMissingFolderIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("no rule files found");
        assertThatThrownBy(() -> loader.load(dir.resolve("nope")))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void theHashNamesTheContentNotTheTime(@TempDir Path dir) throws Exception {
        Map<String, byte[]> a = new LinkedHashMap<>();
        a.put("b.drl", "x".getBytes(StandardCharsets.UTF_8));
        a.put("a.drl", "y".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("a.drl", "y".getBytes(StandardCharsets.UTF_8));
        b.put("b.drl", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(RuleSetLoader.hash(a)).isEqualTo(RuleSetLoader.hash(b)).hasSize(64);
        b.put("b.drl", "x ".getBytes(StandardCharsets.UTF_8));
        assertThat(RuleSetLoader.hash(a)).isNotEqualTo(RuleSetLoader.hash(b));
        // A file moved to another name is another rule set.
        Map<String, byte[]> c = new LinkedHashMap<>();
        c.put("c.drl", "x".getBytes(StandardCharsets.UTF_8));
        c.put("a.drl", "y".getBytes(StandardCharsets.UTF_8));
        assertThat(RuleSetLoader.hash(a)).isNotEqualTo(RuleSetLoader.hash(c));
    }

    @Test
    void theTestsFolderAndOtherFilesAreNotRules(@TempDir Path dir) throws Exception {
        TestPacks.copyOfDefault(dir);
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/ignored.drl"), "not a rule");
        Files.writeString(dir.resolve("notes.txt"), "not a rule either");
        Files.writeString(dir.resolve(".hidden.drl"), "editor swap file");
        RuleSet rs = loader.load(dir);
        assertThat(rs.files()).doesNotContain("tests/ignored.drl", "notes.txt", ".hidden.drl");
        assertThat(rs.hash()).isEqualTo(TestPacks.defaultPack().hash());
        RuleSetLoader.dispose(rs);
    }
}
