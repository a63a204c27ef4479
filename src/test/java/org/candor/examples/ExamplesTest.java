package org.candor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Verdict;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example campaigns of the README and the quick start, judged by the default rule pack. The
 * table below is what each example shows; a changed rule that changes an outcome shows up here.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");

    /** What an example is meant to show: its verdict and the exact rule ids of its findings. */
    record Expected(Verdict verdict, Set<String> fails, Set<String> warns) {
        static Expected pass() {
            return new Expected(Verdict.PASS, Set.of(), Set.of());
        }

        static Expected fail(Set<String> fails, Set<String> warns) {
            return new Expected(Verdict.FAIL, fails, warns);
        }
    }

    private static final Map<String, Expected> EXPECTED = Map.of(
            // Instagram feed, reel and story, US and UK: '#ad' up front, in the reel and on every frame.
            "acme-night-serum-us-uk.json", Expected.pass(),
            // YouTube long video and LinkedIn, US: sponsored and affiliate ties disclosed, claims verified.
            "northpeak-budgeting-app-us.json", Expected.pass(),
            // Instagram reel and TikTok, France: 'Publicité' / 'Collaboration commerciale' on screen
            // for the whole video, 'Images retouchées' on the filtered one.
            "maison-lumiere-huile-fr.json", Expected.pass(),
            // Instagram carousel and Pinterest pin in German, EU: 'Werbung' in caption and on every frame.
            "kaffeewerk-handmuehle-eu.json", Expected.pass(),
            // Instagram feed and carousel, US: '#ad' below the caption fold; '#sp #collab' only.
            "wayfarer-packs-us.json", Expected.fail(Set.of("DISC-003", "DISC-002", "DISC-009"), Set.of()),
            // TikTok and Instagram story, UK and EU: a supplement that "prevents colds".
            "glowvita-zinc-gummies-uk-eu.json", Expected.fail(Set.of("CLAIM-007"), Set.of()),
            // Twitch live stream, France and EU: crypto offer with no authorisation shown;
            // 'Sponsorisé', an equivalent mention since the 2024 ordinance, shown on screen for
            // 30 s at a time, not for the whole stream.
            "brightcoin-live-fr-eu.json", Expected.fail(Set.of("AUD-004", "DISC-016"), Set.of()),
            // Instagram reel and YouTube Short, UK gin: 34% fake followers, an under-25 on screen.
            "ridgeway-gin-uk.json", Expected.fail(Set.of("AUD-001", "AUD-003"), Set.of()),
            // Blog article and podcast, US: unverified dietitian credential, "I lost 9 kg" with no
            // typical results; unverified download figures as the only audience claim.
            "greenbowl-meal-plan-us.json",
                    Expected.fail(Set.of("CLAIM-003", "CLAIM-008"), Set.of("CLAIM-002", "CLAIM-005")));

    private static RuleSet pack;

    @BeforeAll
    static void loadDefaultPack() {
        pack = new RuleSetLoader().load(Path.of("rules"));
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files
                    .filter(f -> f.toString().endsWith(".json"))
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static Campaign read(String example) throws IOException {
        return new CampaignReader().read(EXAMPLES.resolve(example));
    }

    private static Set<String> ruleIds(EvaluationResult result, Severity severity) {
        return result.findings().stream()
                .filter(f -> f.severity() == severity)
                .map(Finding::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void eachExampleShowsWhatItIsMeantTo(String example) throws IOException {
        Expected expected = EXPECTED.get(example);
        assertThat(expected)
                .as("%s has no entry in ExamplesTest.EXPECTED; add what it shows", example)
                .isNotNull();

        EvaluationResult result = new Evaluator().evaluate(read(example), pack);

        String findings = result.findings().stream()
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.subject() + ": " + f.message())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        assertThat(result.verdict())
                .as("verdict of %s; findings:%s", example, findings)
                .isEqualTo(expected.verdict());
        assertThat(ruleIds(result, Severity.FAIL))
                .as("FAIL rule ids of %s; findings:%s", example, findings)
                .containsExactlyInAnyOrderElementsOf(expected.fails());
        assertThat(ruleIds(result, Severity.WARN))
                .as("WARN rule ids of %s; findings:%s", example, findings)
                .containsExactlyInAnyOrderElementsOf(expected.warns());
    }

    @Test
    void everyExpectationHasItsExample() throws IOException {
        assertThat(examples().toList()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void theExamplesSpreadAcrossOutcomes() {
        assertThat(EXPECTED.values().stream().filter(e -> e.verdict() == Verdict.PASS))
                .hasSizeGreaterThanOrEqualTo(2);
        Set<Set<String>> failReasons = EXPECTED.values().stream()
                .filter(e -> e.verdict() == Verdict.FAIL)
                .map(Expected::fails)
                .collect(Collectors.toSet());
        assertThat(failReasons)
                .as("failing examples fail for different reasons")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void noVerdictDependsOnTodaysDate(String example) throws IOException {
        Campaign campaign = read(example);
        assertThat(campaign.submittedAt()).as("%s states submittedAt", example).isNotNull();
        Evaluator soon = new Evaluator(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        Evaluator years = new Evaluator(Clock.fixed(Instant.parse("2031-06-30T00:00:00Z"), ZoneOffset.UTC));
        assertThat(years.evaluate(campaign, pack).findings())
                .isEqualTo(soon.evaluate(campaign, pack).findings());
    }
}
