package org.candor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.candor.campaign.workbook.Print;

/** How values become cell text: the same everywhere in both reports. */
final class Cells {

    /** The most characters a cell can hold (Excel 2007 and later). */
    static final int MAX_TEXT = 32_767;

    /** Appended to text cut at {@link #MAX_TEXT}, so nobody mistakes it for the whole. */
    static final String TRUNCATED = " [... truncated]";

    /** Replaces characters an XML document cannot carry. */
    static final char REPLACEMENT = '\uFFFD';

    /**
     * An underscore that starts what spreadsheets read as an escaped character ({@code _x0041_} is
     * "A"); written as {@code _x005F_} (an escaped underscore), the text shows as submitted.
     */
    private static final Pattern ESCAPE_LIKE = Pattern.compile("_(?=x[0-9A-Fa-f]{4}_)");

    private Cells() {}

    /**
     * The text to store so that a cell shows the value: empty for null, characters XML cannot
     * carry replaced by U+FFFD, {@code _xHHHH_} sequences kept literal, and cut to what a cell can
     * hold.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int width = Character.charCount(cp);
            if (!isXmlChar(cp)) {
                if (sb == null) {
                    sb = new StringBuilder(value.length()).append(value, 0, i);
                }
                sb.append(REPLACEMENT);
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += width;
        }
        String clean = ESCAPE_LIKE.matcher(sb == null ? value : sb.toString()).replaceAll("_x005F_");
        if (clean.length() <= MAX_TEXT) {
            return clean;
        }
        int cut = MAX_TEXT - TRUNCATED.length();
        if (Character.isHighSurrogate(clean.charAt(cut - 1))) {
            cut--;
        }
        return clean.substring(0, cut) + TRUNCATED;
    }

    /** XML 1.0 characters; lone surrogates are not. */
    private static boolean isXmlChar(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * Whether a spreadsheet would take the text for a formula if someone edited the cell: it starts
     * with {@code = + - @}, their full-width forms, a tab or a carriage return.
     */
    static boolean looksLikeFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    /** A moment as ISO-8601 UTC text, to the second; empty for null. */
    static String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether a spreadsheet can hold the day as a date (1900-01-01 to 9999-12-31). */
    static boolean isSpreadsheetDate(LocalDate day) {
        return day.getYear() >= 1900 && day.getYear() <= 9999;
    }

    /** How many lines the text takes in a wrapped cell {@code width} characters wide ({@link Print#lines}). */
    static int lines(String text, int width) {
        return Print.lines(text, width);
    }

    /** The first twelve characters of a rule-set hash, as labels show it. */
    static String shortHash(String hash) {
        if (hash == null) {
            return "";
        }
        return hash.length() <= 12 ? hash : hash.substring(0, 12);
    }
}
