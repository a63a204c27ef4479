package org.candor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RuleSetLoaderTest {

    private final RuleSetLoader loader = new RuleSetLoader();

    /**
     * What Drools warns of while a rule set is built anew (no cache), whatever levels the
     * configuration of a service sets for its loggers.
     */
    static List<String> droolsWarnings(Supplier<RuleSet> build) {
        Logger drools = (Logger) LoggerFactory.getLogger("org.drools");
        List<Logger> quiet = List.of(
                (Logger) LoggerFactory.getLogger("org.drools.compiler.kie.builder.impl.KieBuilderImpl"),
                (Logger) LoggerFactory.getLogger("org.drools.mvel.MVELConstraint"));
        List<Level> levels = quiet.stream().map(Logger::getLevel).toList();
        Level droolsLevel = drools.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        drools.addAppender(events);
        drools.setLevel(Level.WARN);
        quiet.forEach(l -> l.setLevel(Level.WARN));
        try {
            RuleSetLoader.dispose(build.get());
        } finally {
            drools.detachAppender(events);
            drools.setLevel(droolsLevel);
            for (int i = 0; i < quiet.size(); i++) {
                quiet.get(i).setLevel(levels.get(i));
            }
        }
        return events.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void theDefaultPackBuildsWithoutWarningsFromDrools() {
        RuleSetLoader fresh = new RuleSetLoader(RuleSetCache.folderOnly(null));
        assertThat(droolsWarnings(() -> fresh.load(TestPacks.DEFAULT))).isEmpty();
    }

    @Test
    void aConstraintOnAnotherPatternsFactIsWarnedOf(@TempDir Path dir) {
        // The warnings above are seen when there are some: a rule as DISC-013 was written before.
        TestPacks.tablesPlus(dir, "class-reactive.drl");
        RuleSetLoader fresh = new RuleSetLoader(RuleSetCache.folderOnly(null));
        assertThat(droolsWarnings(() -> fresh.load(dir)))
                .singleElement()
                .asString()
                .contains("$c is not relevant to this pattern, so it causes class reactivity");
    }

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
    void aNewThresholdIsANewRowAndNeedsNoCode(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "extra-threshold.table.csv");
        RuleSet built = loader.load(dir);
        try {
            assertThat(built.policy().threshold("EXTRA_LIMIT")).isEqualTo(5.0);
            assertThat(built.policy().thresholds().get("EXTRA_LIMIT").description())
                    .isEqualTo("a name the checks do not know yet");
            assertThatThrownBy(() -> built.policy().threshold("NO_SUCH_LIMIT"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no threshold named 'NO_SUCH_LIMIT'")
                    .hasMessageContaining("EXTRA_LIMIT");
        } finally {
            RuleSetLoader.dispose(built);
        }
    }

    @Test
    void aPolicyRowWithAnUnknownMeaningIsRefused(@TempDir Path dir) {
        TestPacks.tablesPlus(dir, "bad-meaning-row.table.csv");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("'SORT_OF_CLEAR' is not one of [CLEAR, VAGUE");
    }

    @Test
    void aMissingThresholdIsRefused(@TempDir Path dir) throws Exception {
        TestPacks.copyOfDefault(dir);
        Path thresholds = dir.resolve("thresholds.table.csv");
        String without = Files.readString(thresholds)
                .lines()
                .filter(l -> !l.startsWith("\"ADULT_AGE\""))
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(thresholds, without);
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(RuleBuildException.class)
                .extracting(e -> ((RuleBuildException) e).problems(), list(BuildProblem.class))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.file()).isEqualTo("audience.drl");
                    assertThat(p.line()).isPositive();
                    assertThat(p.message())
                            .startsWith("the rule reads the threshold 'ADULT_AGE', but no thresholds table has a row"
                                    + " named ADULT_AGE");
                });
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
