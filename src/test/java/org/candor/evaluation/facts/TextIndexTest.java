package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

    @Test
    void everyCodePointFoldsToItsRootLowerCaseWithApostrophesStraight() {
        int quick = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                continue;
            }
            String expected = cp == '\u2019' || cp == '\u2018' || cp == '\u02BC'
                    ? "'"
                    : new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
            assertThat(TextIndex.fold(cp)).as("U+%04X", cp).isEqualTo(expected);
            int folded = TextIndex.foldedCodePoint(cp);
            if (folded >= 0) {
                quick++;
                assertThat(new String(Character.toChars(folded)))
                        .as("U+%04X", cp)
                        .isEqualTo(expected);
            }
        }
        assertThat(quick).as("all but the two left to strings").isEqualTo(Character.MAX_CODE_POINT + 1 - 2048 - 2);
        assertThat(TextIndex.foldedCodePoint('\u0130')).isNegative();
        assertThat(TextIndex.fold('\u0130')).isEqualTo("i\u0307");
        assertThat(TextIndex.fold('\u03A3')).isEqualTo("σ");
    }

    /** The index as it was made before it kept its arrays short: each line's number per character. */
    record Reference(String folded, int[] toOriginal, int[] lineOf, int codePoints) {

        static Reference of(String text) {
            String original = Normalizer.normalize(text, Normalizer.Form.NFC);
            int codePoints = original.codePointCount(0, original.length());
            int[] lineOf = new int[codePoints + 1];
            StringBuilder sb = new StringBuilder();
            List<Integer> map = new ArrayList<>();
            int cpIndex = 0;
            int line = 0;
            boolean lastSpace = true;
            for (int i = 0; i < original.length(); ) {
                int cp = original.codePointAt(i);
                lineOf[cpIndex] = line;
                if (cp == '\n') {
                    line++;
                }
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                    if (!lastSpace) {
                        sb.append(' ');
                        map.add(cpIndex);
                        lastSpace = true;
                    }
                } else {
                    String piece = cp == '\u2019' || cp == '\u2018' || cp == '\u02BC'
                            ? "'"
                            : new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
                    for (int k = 0; k < piece.length(); k++) {
                        sb.append(piece.charAt(k));
                        map.add(cpIndex);
                    }
                    lastSpace = false;
                }
                i += Character.charCount(cp);
                cpIndex++;
            }
            lineOf[codePoints] = line;
            map.add(codePoints);
            return new Reference(
                    sb.toString(), map.stream().mapToInt(Integer::intValue).toArray(), lineOf, codePoints);
        }

        int startOfLine(int n) {
            for (int i = 0; i < codePoints; i++) {
                if (lineOf[i] >= n) {
                    return i;
                }
            }
            return codePoints;
        }
    }

    /** Pieces texts are made of here: the wide, the folded-longer, the spaces and the line breaks. */
    private static final String[] PIECES = {
        "a",
        "Z",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u00A0",
        "\u2003",
        "#ad",
        "Paid",
        "’",
        "\u02BC",
        "İ",
        "Σ",
        "ΣΑΣ",
        "ß",
        "É",
        "e\u0301",
        "Ǆ",
        "😀",
        "👍🏽",
        "𐐀",
        "𝒜",
        "日本",
        "Ж",
        "http://x.example/A B",
        "www.Ad.example",
        "\u200B",
        "\uDC00",
        "\uD83D",
        "\uD83D\uDE00\uDE00",
        "ﬁ",
        "K",
        "Ω"
    };

    @Test
    void anIndexAnswersAsTheReferenceDoesForTextsOfEveryKindOfCharacter() {
        Random random = new Random(20261205);
        List<String> texts = new ArrayList<>(List.of("", " ", "\n", "İ", "İa", "aİİb  ", "\n\nx\n", "ΣΣ\n"));
        for (int t = 0; t < 3000; t++) {
            StringBuilder sb = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int k = 0; k < pieces; k++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            Reference expected = Reference.of(text);
            TextIndex index = new TextIndex(text);
            String what = "text \"" + text.replace("\n", "\\n") + "\"";
            assertThat(index.folded()).as(what).isEqualTo(expected.folded());
            assertThat(Arrays.copyOf(index.foldedChars(), index.foldedLength()))
                    .as(what)
                    .isEqualTo(expected.folded().toCharArray());
            assertThat(index.length()).as(what).isEqualTo(expected.codePoints());
            for (int f = 0; f <= expected.folded().length() + 1; f++) {
                assertThat(index.originalIndex(f))
                        .as("%s, folded index %d", what, f)
                        .isEqualTo(expected.toOriginal()[Math.min(f, expected.toOriginal().length - 1)]);
            }
            for (int o = -1; o <= expected.codePoints() + 1; o++) {
                assertThat(index.lineAt(o))
                        .as("%s, line of %d", what, o)
                        .isEqualTo(expected.lineOf()[Math.max(0, Math.min(o, expected.codePoints()))]);
            }
            for (int line = -1; line <= expected.lineOf()[expected.codePoints()] + 2; line++) {
                assertThat(index.startOfLine(line))
                        .as("%s, start of line %d", what, line)
                        .isEqualTo(expected.startOfLine(line));
            }
            TextIndex.Chars chars = index.chars();
            int[] wide = expected.folded()
                    .codePoints()
                    .filter(cp -> cp >= 128)
                    .distinct()
                    .sorted()
                    .toArray();
            assertThat(chars.others()).as(what).isEqualTo(wide);
            long lo = 0;
            long hi = 0;
            for (char c : expected.folded().toCharArray()) {
                if (c < 64) {
                    lo |= 1L << c;
                } else if (c < 128) {
                    hi |= 1L << (c - 64);
                }
            }
            assertThat(chars.lo()).as(what).isEqualTo(lo);
            assertThat(chars.hi()).as(what).isEqualTo(hi);
        }
    }
}
