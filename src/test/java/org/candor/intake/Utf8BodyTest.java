package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A body's text is what a strict UTF-8 decoder makes of it, and a body a strict decoder refuses is
 * refused at the byte where that decoder stops: the decoding takes the JDK's fast, replacing path
 * and looks again only where the text holds U+FFFD. The reference here is the strict decoder.
 */
class Utf8BodyTest {

    private static final byte[] OPEN = "{\"caption\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "\"}".getBytes(StandardCharsets.UTF_8);

    /** What the strict decoder says of a body: its text, or where the first bad byte is. */
    private static String strict(byte[] body) {
        int start = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return "text: " + decoder.decode(ByteBuffer.wrap(body, start, body.length - start));
        } catch (CharacterCodingException e) {
            ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
            CoderResult result = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(in, CharBuffer.allocate(body.length), true);
            assertThat(result.isError()).isTrue();
            return "refused at byte " + in.position();
        }
    }

    /** What intake says of a body, in the same words. */
    private static String intake(byte[] body) {
        try {
            return "text: " + Utf8Body.decode(body);
        } catch (MalformedSubmissionException e) {
            String m = e.getMessage();
            assertThat(m).startsWith("the body is not valid UTF-8 (at byte ");
            return "refused at byte " + m.substring(m.indexOf("at byte ") + 8, m.indexOf(')'));
        }
    }

    /** The bytes inside a caption of a JSON body, as a submission would carry them. */
    private static byte[] inCaption(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(OPEN);
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        out.writeBytes(CLOSE);
        return out.toByteArray();
    }

    private static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static void sameAsStrict(byte[] body) {
        assertThat(intake(body))
                .as("body %s", java.util.HexFormat.of().formatHex(body))
                .isEqualTo(strict(body));
    }

    /** Every kind of sequence that is not UTF-8, each at the start of a caption, inside it, and last. */
    private static final List<byte[]> NOT_UTF8 = List.of(
            b(0x80), // a continuation byte alone
            b(0xBF),
            b(0xC0, 0x80), // overlong forms
            b(0xC1, 0xBF),
            b(0xE0, 0x80, 0x80),
            b(0xE0, 0x9F, 0xBF),
            b(0xF0, 0x80, 0x80, 0x80),
            b(0xF0, 0x8F, 0xBF, 0xBF),
            b(0xED, 0xA0, 0x80), // surrogates written as UTF-8
            b(0xED, 0xBF, 0xBF),
            b(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80),
            b(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
            b(0xF5, 0x80, 0x80, 0x80),
            b(0xF8, 0x88, 0x80, 0x80, 0x80),
            b(0xFE),
            b(0xFF),
            b(0xC3), // cut off
            b(0xE2, 0x82),
            b(0xF0, 0x9F, 0x98),
            b(0xC3, 0x28), // a lead byte without its continuation
            b(0xE2, 0x28, 0xA1),
            b(0xF0, 0x9F, 0x28, 0x80));

    @Test
    void everyKindOfBadSequenceIsRefusedAtTheByteAStrictDecoderStopsAt() {
        byte[] word = "caf\u00e9 \uD83D\uDE00 ".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : NOT_UTF8) {
            for (byte[] body : List.of(
                    inCaption(bad), inCaption(word, bad, word), inCaption(word, bad), concat(OPEN, word, bad))) {
                assertThat(intake(body)).startsWith("refused at byte ");
                sameAsStrict(body);
            }
        }
    }

    @Test
    void aReplacementCharacterSentAsSuchIsText() {
        byte[] replacement = "\uFFFD".getBytes(StandardCharsets.UTF_8);
        byte[] body = inCaption(replacement, "ok".getBytes(StandardCharsets.UTF_8), replacement);
        assertThat(intake(body)).isEqualTo("text: {\"caption\":\"\uFFFDok\uFFFD\"}");
        sameAsStrict(body);
        byte[] withMark = concat(b(0xEF, 0xBB, 0xBF), body);
        assertThat(intake(withMark)).isEqualTo("text: {\"caption\":\"\uFFFDok\uFFFD\"}");
    }

    @Test
    void aBadByteAfterAReplacementCharacterIsFoundWhereItIs() {
        byte[] replacement = "\uFFFD".getBytes(StandardCharsets.UTF_8);
        byte[] body = inCaption(replacement, b(0x41, 0xE2, 0x28, 0xA1));
        assertThat(intake(body)).isEqualTo("refused at byte " + (OPEN.length + 4));
        byte[] withMark = concat(b(0xEF, 0xBB, 0xBF), body);
        assertThat(intake(withMark)).isEqualTo("refused at byte " + (OPEN.length + 7));
        sameAsStrict(withMark);
    }

    @Test
    void everyTwoByteSequenceInACaptionGetsTheStrictAnswer() {
        for (int first = 0x20; first <= 0xFF; first++) {
            for (int second = 0; second <= 0xFF; second++) {
                if (first == '"' || first == '\\' || second == '"' || second == '\\' || second == 0) {
                    continue;
                }
                sameAsStrict(inCaption(b(first, second)));
            }
        }
    }

    @Test
    void mixedSequencesGetTheStrictAnswer() {
        Random random = new Random(20261205L);
        int refused = 0;
        int accepted = 0;
        // Runs of text that is UTF-8 (ASCII, Latin, CJK, emoji, U+FFFD) with a few stray bytes.
        String[] good = {"a", "\u00e9", "\u4e2d", "\uD83D\uDE00", "\uFFFD", "\u20AC", " #ad "};
        for (int round = 0; round < 20_000; round++) {
            List<byte[]> parts = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(8) == 0) {
                    int length = 1 + random.nextInt(4);
                    byte[] stray = new byte[length];
                    for (int k = 0; k < length; k++) {
                        stray[k] = (byte) (0x80 + random.nextInt(0x80));
                    }
                    parts.add(stray);
                } else {
                    parts.add(good[random.nextInt(good.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] body = inCaption(parts.toArray(byte[][]::new));
            sameAsStrict(body);
            if (intake(body).startsWith("refused")) {
                refused++;
            } else {
                accepted++;
            }
        }
        assertThat(refused).as("bodies refused").isGreaterThan(2_000);
        assertThat(accepted).as("bodies accepted").isGreaterThan(2_000);
    }

    @Test
    void wideTextIsStillRefusedAsAnEncodingNotAsBadBytes() {
        assertThatThrownBy(() -> Utf8Body.decode("{}".getBytes(StandardCharsets.UTF_16LE)))
                .isInstanceOf(EncodingRefusedException.class);
        assertThatThrownBy(() -> Utf8Body.decode(b(0xFF, 0xFE, 0x7B, 0x00)))
                .isInstanceOf(EncodingRefusedException.class);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
