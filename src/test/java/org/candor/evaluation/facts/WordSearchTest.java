package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WordSearchTest {

    private static List<String> found(WordSearch search, List<String> strings, String text) {
        Predicate<String> in = search.containedIn(text);
        return strings.stream().filter(in).toList();
    }

    @Test
    void findsEveryStringWhereverItStartsInsideWordsAndAcrossSpaces() {
        List<String> strings = List.of("cure", "cures", " flu", "ure", "ab", "s f");
        WordSearch search = new WordSearch(strings);
        assertThat(found(search, strings, "it cures flu")).containsExactly("cure", "cures", " flu", "ure", "s f");
        assertThat(found(search, strings, "secure")).containsExactly("cure", "ure");
        assertThat(found(search, strings, "")).isEmpty();
        assertThat(found(search, strings, "cur")).isEmpty();
    }

    @Test
    void findsOverlappingAndNestedStringsAndOnesBeyondAscii() {
        List<String> strings = List.of("aa", "aaa", "cure\u017F", "\u212Ag", "😍", "é");
        WordSearch search = new WordSearch(strings);
        assertThat(found(search, strings, "aaa")).containsExactly("aa", "aaa");
        assertThat(found(search, strings, "it cure\u017F 5\u212Ag 😍")).containsExactly("cure\u017F", "\u212Ag", "😍");
        assertThat(found(search, strings, "café")).containsExactly("é");
        // half of a surrogate pair is not the emoji
        assertThat(found(search, strings, "\uD83D")).isEmpty();
    }

    @Test
    void aStringItDoesNotLookForIsLookedUpInTheTextAndDuplicatesCountOnce() {
        WordSearch search = new WordSearch(List.of("cure", "cure", ""));
        assertThat(search.size()).isEqualTo(1);
        Predicate<String> in = search.containedIn("a flu cure");
        assertThat(in.test("flu")).isTrue();
        assertThat(in.test("cold")).isFalse();
        assertThat(in.test("cure")).isTrue();
        assertThat(new WordSearch(List.of()).containedIn("text").test("tex")).isTrue();
    }

    /** The search answers as String.contains does, for random texts made of its own strings. */
    @Test
    void answersAsContainsDoesOnRandomTexts() {
        String[] pieces = {"cur", "e", "es", " ", "flu", "ſ", "s", "\u212A", "g", "😍", "a", "b", "ab", "é", "\n"};
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            List<String> strings = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(30); k++) {
                strings.add(text(random, pieces, 1 + random.nextInt(3)));
            }
            WordSearch search = new WordSearch(strings);
            for (int t = 0; t < 50; t++) {
                String text = text(random, pieces, random.nextInt(12));
                Predicate<String> in = search.containedIn(text);
                for (String s : strings) {
                    assertThat(in.test(s)).as("'%s' in '%s'", s, text).isEqualTo(text.contains(s));
                }
            }
        }
    }

    private static String text(SplittableRandom random, String[] pieces, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }
}
