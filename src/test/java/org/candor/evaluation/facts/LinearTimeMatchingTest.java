package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.rules.RuleSet;
import org.candor.rules.TestPacks;
import org.candor.rules.policy.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pattern rows of the default pack run in linear time: captions built to make a backtracking
 * engine try every split of a run of digits are searched like any other text, and random captions
 * up to the longest caption the format allows are searched by every default pattern. How long
 * they take is measured in BENCHMARKS.md ({@code PatternTimings}); the timeouts here only keep a
 * regression from hanging the build.
 */
class LinearTimeMatchingTest {

    /** The caption cap of the format for long formats (articles, long videos). */
    static final int LONGEST_CAPTION = 100_000;

    private static final RuleSet PACK = TestPacks.defaultPack();

    /**
     * A pattern row of the default pack, compiled once: alone in a matcher, and as
     * java.util.regex compiled it before the move to a linear-time engine.
     */
    private record PatternRow(Term term, PhraseMatcher matcher, java.util.regex.Pattern javaRegex) {}

    private static final List<PatternRow> ROWS = PACK.policy().terms().stream()
            .filter(t -> t.meaning().isPattern())
            .map(t -> new PatternRow(
                    t,
                    PhraseMatcher.of(List.of(t), x -> List.of(x.phrase())),
                    java.util.regex.Pattern.compile(
                            t.phrase(),
                            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)))
            .toList();

    /** The default pack's pattern rows, each alone in a matcher. */
    private static final List<PhraseMatcher> PATTERNS =
            ROWS.stream().map(PatternRow::matcher).toList();

    @Test
    void theDefaultPackHasPatternRows() {
        assertThat(PATTERNS).hasSizeGreaterThanOrEqualTo(7);
    }

    /**
     * "#ad kg down 111…": with java.util.regex, the pattern "[0-9]+ ?(kg|…) (down|…)" tried at
     * each digit read the whole run and gave it back digit by digit (16 s for 10,000 digits).
     */
    @ParameterizedTest
    @ValueSource(ints = {10_000, 20_000, LONGEST_CAPTION})
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLongRunOfDigitsAfterAUnitIsSearchedInOnePass(int n) {
        TextIndex caption = new TextIndex("#ad kg down " + "1".repeat(n));
        for (PhraseMatcher m : PATTERNS) {
            assertThat(m.find(caption)).isEmpty();
        }
        TextIndex matching = new TextIndex("#ad " + "1".repeat(n) + " kg down");
        assertThat(PATTERNS.stream().mapToInt(m -> m.find(matching).size()).sum())
                .as("a match at the end of the run is still found")
                .isPositive();
    }

    /** The same caption judged by the whole default pack, as a submission would be. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSubmissionWithTheBacktrackingCaptionIsJudged() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode)
                mapper.readTree(Files.readAllBytes(Path.of("src/test/resources/campaigns/spec-example.json")));
        String caption = "#ad kg down " + "1".repeat(LONGEST_CAPTION - 12);
        // the longest caption the format allows is an article's
        ((ObjectNode) json.withArray("posts").get(0)).put("format", "ARTICLE").put("text", caption);
        Campaign campaign = new CampaignReader().read(mapper.writeValueAsBytes(json));
        EvaluationResult r = new Evaluator().evaluate(campaign, PACK);
        assertThat(r.findings()).extracting(Finding::ruleId).isNotEmpty();
    }

    /**
     * Random captions of up to the longest caption, made of the pieces the patterns look for
     * (digits, units, currency signs, separators, verbs), searched by every default pattern.
     * The search returns, and every match is a piece of the caption.
     */
    @Property(tries = 12, seed = "20261203")
    void everyDefaultPatternSearchesRandomCaptionsUpToTheCap(@ForAll("captions") String caption) {
        TextIndex text = new TextIndex(caption);
        for (PhraseMatcher m : PATTERNS) {
            for (PhraseMatcher.Match match : m.find(text)) {
                assertThat(caption).contains(match.text());
            }
        }
    }

    /**
     * On short random captions, RE2/J finds what java.util.regex found: the move to a
     * linear-time engine does not change which captions have a personal result.
     */
    @Property(tries = 300, seed = "20261203")
    void shortCaptionsMatchAsTheyDidWithJavaRegex(@ForAll("shortCaptions") String caption) {
        TextIndex text = new TextIndex(caption);
        for (PatternRow row : ROWS) {
            boolean before = row.javaRegex().matcher(text.folded()).find();
            boolean after = !row.matcher().find(text).isEmpty();
            assertThat(after).as("%s in '%s'", row.term().phrase(), caption).isEqualTo(before);
        }
    }

    private static final String[] PIECES = {
        "1",
        "2",
        "7",
        "0",
        "12",
        "999",
        "1111111111",
        " ",
        "  ",
        "\n",
        ".",
        ",",
        "$",
        "€",
        "£",
        "k",
        "kg",
        "kilos",
        "lbs",
        "pounds",
        "stone",
        "lost ",
        "down",
        "gone",
        "earned ",
        "made ",
        "over ",
        "more than ",
        "a day",
        "per week",
        "in one month",
        "dropped ",
        "dress ",
        "size",
        "sizes",
        "perdu ",
        "pris ",
        "gagné ",
        "euros",
        "#ad ",
        "#",
        "😍",
        "é",
        "x",
        "-",
        "%"
    };

    @Provide
    Arbitrary<String> captions() {
        Arbitrary<String> piece = Arbitraries.of(PIECES);
        Arbitrary<String> run = Arbitraries.of("1", "9", " ", "k", "$")
                .flatMap(c -> Arbitraries.integers().between(1, LONGEST_CAPTION).map(c::repeat));
        return Arbitraries.oneOf(piece, piece, piece, run)
                .list()
                .ofMaxSize(20_000)
                .map(parts -> {
                    String s = String.join("", parts);
                    if (s.length() <= LONGEST_CAPTION) {
                        return s;
                    }
                    int end = Character.isHighSurrogate(s.charAt(LONGEST_CAPTION - 1))
                            ? LONGEST_CAPTION - 1
                            : LONGEST_CAPTION;
                    return s.substring(0, end);
                });
    }

    @Provide
    Arbitrary<String> shortCaptions() {
        return Arbitraries.of(PIECES).list().ofMaxSize(40).map(parts -> String.join("", parts));
    }
}
