package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordSearchTest {

    /** The strings of the search that the text holds, as the search tells them. */
    private static List<String> found(List<String> strings, String text) {
        WordSearch search = new WordSearch(strings);
        WordSearch.Found in = search.in(text);
        return strings.stream().filter(s -> in.has(search.ids(s)[0])).toList();
    }

    @Test
    void findsEveryStringWhereverItStartsInsideWordsAndAcrossSpaces() {
        List<String> strings = List.of("cure", "cures", " flu", "ure", "ab", "s f");
        assertThat(found(strings, "it cures flu")).containsExactly("cure", "cures", " flu", "ure", "s f");
        assertThat(found(strings, "secure")).containsExactly("cure", "ure");
        assertThat(found(strings, "")).isEmpty();
        assertThat(found(strings, "cur")).isEmpty();
    }

    @Test
    void findsOverlappingAndNestedStringsAndOnesBeyondAscii() {
        List<String> strings = List.of("aa", "aaa", "cure\u017F", "\u212Ag", "😍", "é");
        assertThat(found(strings, "aaa")).containsExactly("aa", "aaa");
        assertThat(found(strings, "it cure\u017F 5\u212Ag 😍")).containsExactly("cure\u017F", "\u212Ag", "😍");
        assertThat(found(strings, "café")).containsExactly("é");
        // half of a surrogate pair is not the emoji
        assertThat(found(strings, "\uD83D")).isEmpty();
    }

    @Test
    void numbersEachStringOnceAndRefusesOneItDoesNotLookFor() {
        WordSearch search = new WordSearch(List.of("cure", "flu", "cure", ""));
        assertThat(search.size()).isEqualTo(2);
        assertThat(search.ids("flu", "cure")).containsExactly(1, 0);
        assertThatThrownBy(() -> search.ids("cold"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cold");
        assertThat(new WordSearch(List.of()).in("text").has(0)).isFalse();
    }

    /** The search answers as String.contains does, for random texts made of its own strings. */
    @Test
    void answersAsContainsDoesOnRandomTexts() {
        String[] pieces = {"cur", "e", "es", " ", "flu", "ſ", "s", "\u212A", "g", "😍", "a", "b", "ab", "é", "\n"};
        SplittableRandom random = new SplittableRandom(5);
        int held = 0;
        int missed = 0;
        for (int round = 0; round < 200; round++) {
            List<String> strings = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(30); k++) {
                strings.add(text(random, pieces, 1 + random.nextInt(3)));
            }
            WordSearch search = new WordSearch(strings);
            for (int t = 0; t < 50; t++) {
                String text = text(random, pieces, random.nextInt(12));
                WordSearch.Found in = search.in(text);
                for (String s : strings) {
                    boolean has = in.has(search.ids(s)[0]);
                    assertThat(has).as("'%s' in '%s'", s, text).isEqualTo(text.contains(s));
                    held += has ? 1 : 0;
                    missed += has ? 0 : 1;
                }
            }
        }
        assertThat(held).as("strings found").isGreaterThan(5_000);
        assertThat(missed).as("strings not found").isGreaterThan(5_000);
    }

    private static String text(SplittableRandom random, String[] pieces, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }
}
