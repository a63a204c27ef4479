package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextIndexTest {

    /** The slice a reader would cut: code points {@code from} to {@code to}, whatever their width. */
    private static String byCodePoints(String text, int from, int to) {
        return text.codePoints()
                .skip(from)
                .limit(to - from)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    @Test
    void everySliceOfATextWithEmojiCountsEachEmojiOnce() {
        for (String text : new String[] {
            "😀😀 first line\nsecond #ad 👍🏽 done", "#ad 🎁", "𝒜𝒷𝒸 plain then 😀", "no pairs at all", ""
        }) {
            TextIndex index = new TextIndex(text);
            int n = text.codePointCount(0, text.length());
            assertThat(index.length()).isEqualTo(n);
            for (int from = 0; from <= n; from++) {
                for (int to = from; to <= n; to++) {
                    assertThat(index.slice(from, to))
                            .as("slice %d..%d of %s", from, to, text)
                            .isEqualTo(byCodePoints(text, from, to));
                }
            }
        }
    }

    @Test
    void slicesAreHeldToTheTextAndAReversedRangeIsRefused() {
        TextIndex index = new TextIndex("😀 ad 😀");
        assertThat(index.slice(-3, 2)).isEqualTo("😀 ");
        assertThat(index.slice(4, 99)).isEqualTo(" 😀");
        assertThat(index.slice(99, 120)).isEmpty();
        assertThatThrownBy(() -> index.slice(3, 1)).isInstanceOf(StringIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new TextIndex("plain").slice(3, 1))
                .isInstanceOf(StringIndexOutOfBoundsException.class);
    }

    @Test
    void anExcerptAroundAMatchKeepsWholeEmojiAndMarksLineBreaks() {
        TextIndex index = new TextIndex("😀😀 first\nsecond #ad 👍🏽");
        // "#ad" is at code points 16..19
        assertThat(index.excerpt(16, 19, 3)).isEqualTo("…nd #ad 👍🏽");
        assertThat(index.excerpt(16, 19, 2))
                .as("a skin tone is a code point of its own")
                .isEqualTo("…d #ad 👍…");
        assertThat(index.excerpt(0, 2, 4)).isEqualTo("😀😀 fir…");
        assertThat(index.excerpt(8, 9, 1)).isEqualTo("…t⏎s…");
    }
}
