package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatternPrefilterTest {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;

    private static PatternPrefilter prefilter(String regex) {
        return PatternPrefilter.of(regex, FLAGS);
    }

    private static boolean mayMatch(String regex, String text) {
        return prefilter(regex).mayMatch(new TextIndex(text).chars());
    }

    private static boolean matches(String regex, String text) {
        return Pattern.compile(regex, FLAGS)
                .matcher(new TextIndex(text).folded())
                .find();
    }

    private static String needs(String regex) {
        return prefilter(regex).needs().stream()
                .map(n -> new String(n, 0, n.length))
                .toList()
                .toString();
    }

    /** The PERSONAL_RESULT rows of the default pack: regular expressions an officer edits. */
    private static List<String> defaultPackPatterns() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("rules/claim-phrases.table.csv"))) {
            for (String meaning : List.of("PERSONAL_RESULT", "MEDICINAL")) {
                String marker = "\",\"" + meaning + "\"";
                if (line.contains(marker)) {
                    out.add(line.substring(1, line.indexOf(marker)).replace("\"\"", "\""));
                }
            }
        }
        return out;
    }

    @Test
    void aSequenceNeedsEachOfItsMandatoryCharacters() {
        assertThat(needs("lo[0-9]")).isEqualTo("[Ll, Oo, 0123456789]");
        assertThat(needs("a?b*c{0,2}d+e{2}")).as("optional parts need nothing").isEqualTo("[Dd, Ee]");
        assertThat(needs("x\\.\\d")).isEqualTo("[Xx, ., 0123456789]");
    }

    @Test
    void caseInsensitiveNeedsHoldEveryCharacterTheMatcherTakes() {
        assertThat(needs("k")).isEqualTo("[Kk\u212A]");
        assertThat(needs("s")).isEqualTo("[Ss\u017F]");
        assertThat(needs("é")).isEqualTo("[Éé]");
        assertThat(mayMatch("kg", "10 \u212Ag")).isTrue();
        assertThat(matches("kg", "10 \u212Ag")).isTrue();
    }

    @Test
    void anAlternationNeedsOneOfTheCharactersOfEachBranch() {
        assertThat(needs("(kg|lbs)")).isEqualTo("[GLgl]");
        assertThat(needs("(^|[^a-z])x"))
                .as("an anchor or a negated class needs nothing")
                .isEqualTo("[Xx]");
        assertThat(needs("(|a)b")).as("an empty branch needs nothing").isEqualTo("[Bb]");
        assertThat(needs("[$€£] ?1")).isEqualTo("[$£€, 1]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a(?=b)",
                "(?i)ab",
                "(a)\\1",
                "[a-z&&[^q]]",
                "\\p{L}+",
                "\\Qa.b\\E",
                "(?<n>ab)",
                "[a[bc]]",
                "[a-c-e]",
                "\\x41",
                "(ab",
                ".*"
            })
    void syntaxItDoesNotReadLeavesThePatternSearchedEverywhere(String regex) {
        assertThat(prefilter(regex)).isSameAs(PatternPrefilter.NONE);
        assertThat(mayMatch(regex, "")).isTrue();
    }

    @Test
    void aPieceOutsideTheBasicPlaneNeedsNothing() {
        assertThat(needs("a😍")).isEqualTo("[Aa]");
    }

    /** What {@link PatternPrefilter.CaseVariants} relies on, checked on the JDK that runs it. */
    @Test
    void noCharacterOutsideTheBasicPlaneChangesCaseIntoIt() {
        for (int cp = Character.MAX_VALUE + 1; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.toUpperCase(cp) <= Character.MAX_VALUE
                    || Character.toLowerCase(cp) <= Character.MAX_VALUE
                    || Character.toTitleCase(cp) <= Character.MAX_VALUE) {
                throw new AssertionError("U+" + Integer.toHexString(cp) + " changes case into the basic plane");
            }
        }
    }

    @Test
    void otherFlagsLeaveThePatternSearchedEverywhere() {
        assertThat(PatternPrefilter.of("abc", Pattern.MULTILINE)).isSameAs(PatternPrefilter.NONE);
    }

    @Test
    void theDefaultPackPatternsEachNeedSomethingAndTheAmountsNeedADigit() throws IOException {
        List<String> patterns = defaultPackPatterns();
        List<Character> digits = List.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        String caption = "Lost weight, made money, dropped sizes 😍 #ad — gagné des euros";
        int needingADigit = 0;
        for (String p : patterns) {
            assertThat(prefilter(p)).as(p).isNotSameAs(PatternPrefilter.NONE);
            assertThat(prefilter(p).needs()).as(p).isNotEmpty();
            boolean digit = prefilter(p).needs().stream()
                    .anyMatch(n -> n.length == digits.size() && digits.stream().allMatch(d -> contains(n, d)));
            if (digit) {
                needingADigit++;
                assertThat(mayMatch(p, caption)).as(p).isFalse();
            }
        }
        assertThat(needingADigit).as("patterns for weights and sums").isGreaterThanOrEqualTo(7);
        String lost = patterns.stream()
                .filter(p -> p.contains("lost [0-9]"))
                .findFirst()
                .orElseThrow();
        assertThat(mayMatch(lost, "I lost 5 kg ✨")).isTrue();
        assertThat(matches(lost, "I lost 5 kg ✨")).isTrue();
    }

    private static boolean contains(int[] codePoints, char c) {
        for (int cp : codePoints) {
            if (cp == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * The prefilter may only skip texts the pattern cannot match: over many random texts, every
     * text with a match passes it, and texts without a needed character are skipped.
     */
    @Test
    void neverSkipsATextThePatternMatches() throws IOException {
        List<String> patterns = new ArrayList<>(defaultPackPatterns());
        patterns.addAll(List.of("kg", "s[0-9]", "(ab|c)d?", "é+", "\\$ ?\\d", "[^a-z]x", "(?:lo|ſt)"));
        String[] pieces = {
            "lost ",
            "LOST ",
            "kg",
            "\u212Ag",
            "\u017Ft",
            "k",
            "s",
            "5",
            "12.5",
            "$",
            "€",
            "£",
            "€ ",
            "earned ",
            "MADE ",
            "over ",
            "a ",
            "day",
            "week",
            "dropped ",
            "dress ",
            "size",
            "sizes",
            "perdu ",
            "gagné ",
            "GAGNÉ ",
            "euros",
            "ab",
            "cd",
            "x",
            "é",
            "É",
            "😍",
            "\n",
            " ",
            "pounds",
            "lbs",
            "stone",
            "per ",
            "month",
            ".",
            ","
        };
        List<Pattern> compiled =
                patterns.stream().map(p -> Pattern.compile(p, FLAGS)).toList();
        List<PatternPrefilter> prefilters =
                patterns.stream().map(PatternPrefilterTest::prefilter).toList();
        SplittableRandom random = new SplittableRandom(7);
        int matched = 0;
        int skipped = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            TextIndex text = new TextIndex(sb.toString());
            for (int p = 0; p < patterns.size(); p++) {
                boolean match = compiled.get(p).matcher(text.folded()).find();
                boolean may = prefilters.get(p).mayMatch(text.chars());
                if (match) {
                    matched++;
                    assertThat(may)
                            .as(
                                    "'%s' matches %s",
                                    patterns.get(p),
                                    Arrays.toString(sb.codePoints().toArray()))
                            .isTrue();
                } else if (!may) {
                    skipped++;
                }
            }
        }
        assertThat(matched).isGreaterThan(1000);
        assertThat(skipped).isGreaterThan(10_000);
    }

    private static boolean mayMatchWords(String regex, String text) {
        return prefilter(regex).mayMatch(new TextIndex(text));
    }

    @Test
    void aRunOfFixedPiecesIsNeededAsOneOfItsStrings() {
        // 's' also matches the long s (folding keeps it), so "cure\u017F" is a form too
        assertThat(prefilter("(^|[^a-z])cur(e|es|ed)( [a-z]+){0,2} (cancer|flu)")
                        .words())
                .contains(List.of("cure", "cures", "cure\u017F", "cured"), List.of(" cancer", " flu"));
        assertThat(mayMatchWords("cur(e|es) (cancer|flu)", "It cures FLU")).isTrue();
        assertThat(mayMatchWords("cur(e|es) (cancer|flu)", "It cures the cold")).isFalse();
        assertThat(prefilter("kilos?").words()).containsExactly(List.of("kilos", "kilo\u017F", "kilo"));
        assertThat(prefilter("(a|[^x])bc").words()).containsExactly(List.of("bc"));
        assertThat(prefilter("a[0-9]b").words())
                .as("a class of many characters is not spelled out")
                .isEmpty();
    }

    @Test
    void aWordNeedHoldsEveryFormACaseInsensitiveMatcherTakesInFoldedText() {
        // 's' also matches the long s, which folding keeps; the Kelvin sign folds to 'k'.
        assertThat(prefilter("sizes").words()).singleElement().asList().contains("sizes", "\u017Fizes", "size\u017F");
        assertThat(mayMatchWords("sizes", "two \u017Fizes")).isTrue();
        assertThat(matches("sizes", "two \u017Fizes")).isTrue();
        assertThat(mayMatchWords("kg down", "5 \u212Ag down")).isTrue();
        assertThat(matches("kg down", "5 \u212Ag down")).isTrue();
    }

    @Test
    void theMedicinalAndLifestylePatternsSkipACaptionWithoutTheirWords() throws IOException {
        String caption = "Loving this serum, it makes my skin glow every morning 😍 #ad @brand";
        List<String> searched = new ArrayList<>();
        for (String p : defaultPackPatterns()) {
            assertThat(matches(p, caption)).as(p).isFalse();
            if (mayMatchWords(p, caption)) {
                searched.add(p + " " + prefilter(p).words());
            }
        }
        assertThat(searched).as("default patterns still searched").isEmpty();
    }

    @Test
    void anAmountIsNeededAsACurrencySignOrAWordOfOne() throws IOException {
        assertThat(prefilter("([$€£] ?[0-9]+|[0-9]+ ?(€|euros?)|(one|two) thousand dollars) bonus")
                        .words())
                .as("single signs beside words, where the branches need one or the other")
                .anySatisfy(need -> assertThat(need).contains("$", "€", "£", "euro", "one", "two"));
        // The words of the earnings rows (made, night, weekend), a number, but no amount.
        String caption = "Made this with my sister last night, 100% natural; packed it for the weekend trip";
        List<String> searched = new ArrayList<>();
        for (String p : defaultPackPatterns()) {
            assertThat(matches(p, caption)).as(p).isFalse();
            if (mayMatchWords(p, caption)) {
                searched.add(p);
            }
        }
        assertThat(searched).as("default patterns still searched").isEmpty();
        String earnings = defaultPackPatterns().stream()
                .filter(p -> p.startsWith("([$€£]"))
                .findFirst()
                .orElseThrow();
        for (String text : List.of("Made £5k last weekend", "two thousand dollars this week", "a six-figure income")) {
            assertThat(matches(earnings, text)).as(text).isTrue();
            assertThat(mayMatchWords(earnings, text)).as(text).isTrue();
        }
    }

    /**
     * Word needs may only skip texts the pattern cannot match: random texts made of the default
     * patterns' own words (in any case, with the long s and the Kelvin sign), numbers and signs.
     */
    @Test
    void wordNeedsNeverSkipATextThePatternMatches() throws IOException {
        List<String> patterns = new ArrayList<>(defaultPackPatterns());
        patterns.addAll(List.of("cur(e|es) (cancer|flu)", "kilos?", "sizes", "(^|[^a-z])k[a-z]?g\\b"));
        List<String> pieces = new ArrayList<>();
        for (String p : patterns) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("[a-zß-ÿœ']{2,}").matcher(p);
            while (m.find()) {
                pieces.add(m.group());
            }
        }
        pieces.addAll(List.of("5", "12.5", "$", "€", "£", "1000", "kg", "\u212A", "\u017F", "s", "'", "’", "😍", "."));
        List<Pattern> compiled =
                patterns.stream().map(p -> Pattern.compile(p, FLAGS)).toList();
        List<PatternPrefilter> prefilters =
                patterns.stream().map(PatternPrefilterTest::prefilter).toList();
        // As the phrase matcher asks: every pattern's strings looked for in one walk of the text.
        WordSearch search = new WordSearch(
                prefilters.stream().flatMap(f -> f.wordStrings().stream()).toList());
        assertThat(search.size()).isGreaterThan(200);
        List<PatternPrefilter.Bound> bound =
                prefilters.stream().map(f -> f.bind(search)).toList();
        String[] gaps = {" ", " ", " ", "", "\n", ", ", " a ", " my "};
        SplittableRandom random = new SplittableRandom(11);
        int matched = 0;
        int skipped = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(10);
            for (int k = 0; k < n; k++) {
                String piece = pieces.get(random.nextInt(pieces.size()));
                int c = random.nextInt(4);
                sb.append(
                        c == 0
                                ? piece.toUpperCase(java.util.Locale.ROOT)
                                : c == 1 ? piece.replace('s', '\u017F') : piece);
                sb.append(gaps[random.nextInt(gaps.length)]);
            }
            TextIndex text = new TextIndex(sb.toString());
            for (int p = 0; p < patterns.size(); p++) {
                boolean match = compiled.get(p).matcher(text.folded()).find();
                boolean may = prefilters.get(p).mayMatch(text);
                assertThat(bound.get(p).mayMatch(text, search.in(text.folded())))
                        .as("'%s' in '%s', its words found by one search", patterns.get(p), sb)
                        .isEqualTo(may);
                if (match) {
                    matched++;
                    assertThat(may).as("'%s' matches '%s'", patterns.get(p), sb).isTrue();
                } else if (!may) {
                    skipped++;
                }
            }
        }
        assertThat(matched).isGreaterThan(1000);
        assertThat(skipped).isGreaterThan(100_000);
    }
}
