package org.candor.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON body as the text it must be: UTF-8, with or without a byte order mark. UTF-16 and UTF-32
 * (which JSON parsers would otherwise guess from the bytes, and which would be stored mis-decoded)
 * are refused with {@link EncodingRefusedException}; bytes that are not UTF-8 with {@link
 * MalformedSubmissionException}.
 */
final class Utf8Body {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Utf8Body() {}

    /** The body's text, without a UTF-8 byte order mark. */
    static String decode(byte[] body) {
        if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
            throw new EncodingRefusedException("the body is UTF-32 (by its byte order mark); send it as UTF-8");
        }
        if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE)) {
            throw new EncodingRefusedException("the body is UTF-16 (by its byte order mark); send it as UTF-8");
        }
        if (wideText(body)) {
            throw new EncodingRefusedException(
                    "the body is UTF-16 or UTF-32 (by its zero bytes); send the campaign as UTF-8");
        }
        int start = startsWith(body, 0xEF, 0xBB, 0xBF) ? UTF8_BOM.length : 0;
        // The JDK's own decoding, one copy on its ASCII and Latin-1 paths, puts U+FFFD where a
        // byte is not UTF-8: a text without one came from valid UTF-8. One with one (rare: it can
        // also be sent as such) is decoded again strictly, which finds the first bad byte if any.
        String text = new String(body, start, body.length - start, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            int bad = firstBad(body, start);
            if (bad >= 0) {
                throw new MalformedSubmissionException(
                        "the body is not valid UTF-8 (at byte " + bad + "); send the campaign as UTF-8 text");
            }
        }
        return text;
    }

    /**
     * Whether the body starts as UTF-16 or UTF-32 text without a byte order mark does: JSON begins
     * with an ASCII character, so a zero among its first two or four bytes means a wide encoding
     * (RFC 4627, section 3). A zero byte further on is left to the JSON parser, which refuses it.
     */
    private static boolean wideText(byte[] body) {
        int n = Math.min(body.length, 4);
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The body's bytes without a UTF-8 byte order mark: once {@link #decode} has accepted the body,
     * the very bytes of its text (valid UTF-8 encodes one way only), with no copy when it has no mark.
     */
    static byte[] withoutBom(byte[] body) {
        return startsWith(body, 0xEF, 0xBB, 0xBF) ? Arrays.copyOfRange(body, UTF8_BOM.length, body.length) : body;
    }

    /** Where the first byte that is not UTF-8 is, counted from 0 over the whole body; -1 for none. */
    private static int firstBad(byte[] body, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        return result.isError() ? in.position() : -1;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        byte[] p = new byte[prefix.length];
        for (int i = 0; i < prefix.length; i++) {
            p[i] = (byte) prefix[i];
        }
        return Arrays.equals(body, 0, prefix.length, p, 0, prefix.length);
    }
}
