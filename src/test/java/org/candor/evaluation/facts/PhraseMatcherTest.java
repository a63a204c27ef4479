package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.candor.rules.policy.Meaning;
import org.candor.rules.policy.Term;
import org.junit.jupiter.api.Test;

class PhraseMatcherTest {

    private static PhraseMatcher matcher(String... phrases) {
        List<Term> terms = java.util.Arrays.stream(phrases)
                .map(p -> new Term(p, Meaning.CLEAR, "en", null, "test"))
                .toList();
        return PhraseMatcher.of(terms, t -> List.of(t.phrase()));
    }

    private static List<String> found(PhraseMatcher m, String text) {
        return m.find(new TextIndex(text)).stream()
                .map(PhraseMatcher.Match::text)
                .toList();
    }

    @Test
    void matchesWholeWordsWhateverTheCase() {
        PhraseMatcher m = matcher("ad");
        assertThat(found(m, "#AD new serum")).containsExactly("#AD");
        assertThat(found(m, "Ad: new serum")).containsExactly("Ad");
        assertThat(found(m, "#adventure time, adorable")).isEmpty();
        assertThat(found(m, "great serum!#ad")).containsExactly("#ad");
        assertThat(found(m, "love it 😍#ad✨")).containsExactly("#ad");
    }

    @Test
    void severalWordsMatchAcrossLineBreaksAndGluedAsAHashtag() {
        PhraseMatcher m = matcher("paid partnership");
        assertThat(found(m, "Paid\n  partnership with Acme")).containsExactly("Paid\n  partnership");
        assertThat(found(m, "#PaidPartnership")).containsExactly("#PaidPartnership");
        assertThat(found(m, "paid-partnership")).hasSize(1);
    }

    @Test
    void zeroWidthCharactersAndLookAlikeLettersDoNotMakeADisclosure() {
        PhraseMatcher m = matcher("ad");
        assertThat(found(m, "#a\u200Bd new serum")).isEmpty();
        assertThat(found(m, "#a\u200Dd new serum")).isEmpty();
        assertThat(found(m, "#\u0430d new serum")).as("Cyrillic a").isEmpty();
        assertThat(found(m, "#\uFF41\uFF44 new serum")).as("full-width letters").isEmpty();
    }

    @Test
    void accentedFrenchWordsMatchComposedOrDecomposed() {
        PhraseMatcher m = matcher("publicité");
        assertThat(found(m, "PUBLICITÉ — nouvelle crème")).containsExactly("PUBLICITÉ");
        assertThat(found(m, "Publicite\u0301 ici")).hasSize(1);
        assertThat(found(m, "#publicités")).isEmpty();
    }

    @Test
    void positionsAreCountedInCharactersAReaderSeesWithLines() {
        TextIndex text = new TextIndex("😀😀 first line\nsecond #ad");
        PhraseMatcher.Match match = matcher("ad").find(text).get(0);
        assertThat(match.start())
                .as("the # at code point 21: each emoji counts once")
                .isEqualTo(21);
        assertThat(text.lineAt(match.start())).isEqualTo(1);
        assertThat(match.hashtag()).isTrue();
    }

    @Test
    void phrasesWithSymbolsMatchAsWritten() {
        PhraseMatcher m = matcher("#1", "100%");
        assertThat(found(m, "The #1 serum, 100% natural")).containsExactly("#1", "100%");
        assertThat(found(m, "#10 and 1000%")).isEmpty();
    }

    @Test
    void patternsMatchAsRegularExpressions() {
        Term t = new Term("(^|[^a-z])lost [0-9]+ ?(kg|lbs)", Meaning.PERSONAL_RESULT, "*", null, "test");
        PhraseMatcher m = PhraseMatcher.of(List.of(t), x -> List.of(x.phrase()));
        assertThat(m.find(new TextIndex("I LOST 10 kg in a month"))).hasSize(1);
        assertThat(m.find(new TextIndex("almost 10 kg"))).isEmpty();
    }
}
