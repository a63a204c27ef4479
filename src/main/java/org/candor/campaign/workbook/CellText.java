package org.candor.campaign.workbook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as a workbook stores it. Spreadsheet XML cannot carry some characters (control characters,
 * lone surrogates), and Excel writes them as {@code _xHHHH_}; text that already looks like such an
 * escape has its underscore escaped ({@code _x005F_}). Reading undoes both, so every string comes
 * back as it was written.
 */
final class CellText {

    /** The most characters a cell can hold (Excel 2007 and later). */
    static final int MAX_LENGTH = 32_767;

    private static final Pattern ESCAPED = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private CellText() {}

    /** The text to store for {@code value}. */
    static String encode(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            String replacement = null;
            if (!isXmlChar(value, i) || ch == '\r') {
                // \r too: XML parsers turn a stored carriage return into a line feed.
                replacement = String.format("_x%04X_", (int) ch);
            } else if (ch == '_' && startsEscape(value, i)) {
                replacement = "_x005F_";
            } else if (Character.isHighSurrogate(ch)) {
                // A valid pair: copy both halves.
                if (sb != null) {
                    sb.append(ch).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (replacement != null) {
                if (sb == null) {
                    sb = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                sb.append(replacement);
            } else if (sb != null) {
                sb.append(ch);
            }
        }
        return sb == null ? value : sb.toString();
    }

    /** The text a stored string stands for. */
    static String decode(String stored) {
        if (stored.indexOf("_x") < 0) {
            return stored;
        }
        Matcher m = ESCAPED.matcher(stored);
        StringBuilder sb = new StringBuilder(stored.length());
        int last = 0;
        while (m.find()) {
            sb.append(stored, last, m.start());
            sb.append((char) Integer.parseInt(m.group(1), 16));
            last = m.end();
        }
        return sb.append(stored, last, stored.length()).toString();
    }

    /**
     * Whether a spreadsheet would take the text for a formula if someone edited the cell: it starts
     * with {@code = + - @}, their full-width forms, a tab or a carriage return.
     */
    static boolean looksLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    /** Text quoted in a message: short, and on one line. */
    static String quote(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return "'" + (oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine) + "'";
    }

    private static boolean startsEscape(String s, int i) {
        return ESCAPED.matcher(s).region(i, s.length()).lookingAt();
    }

    /** XML 1.0 characters; a surrogate only as half of a pair. */
    private static boolean isXmlChar(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false; // a low half with no high half before it (pairs are skipped whole)
        }
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xFFFD);
    }
}
