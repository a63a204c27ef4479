package org.candor.evaluation.facts;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A caption made ready for phrase search: composed (NFC), lower case, curly apostrophes made
 * straight, and each run of white space (line breaks included) folded to one space. Positions
 * found in the folded text map back to the original, counted in characters as a reader sees them
 * (code points, so an emoji counts once), with the line they sit on.
 *
 * <p>Nothing else is folded: a zero-width character inside a word, or a letter from another
 * alphabet that looks Latin, leaves the word unmatched, as it would leave it unread.
 */
public final class TextIndex {

    private final String original;
    private final String folded;
    /** For each char of {@code folded}, the code point index in the original (0-based). */
    private final int[] toOriginal;
    /** For each code point of the original, its line (0-based). */
    private final int[] lineOf;

    private final int codePoints;
    /**
     * For each code point of the original, its char index there, and the original's length last;
     * null when the original has no surrogate pair (the two indexes are then the same).
     */
    private final int[] charIndex;
    /** Start and end (folded indexes) of each link in the text: words inside a URL are not read. */
    private final int[] urls;

    /** {@code Character.isWhitespace(c) || Character.isSpaceChar(c)} for ASCII, looked up. */
    private static final boolean[] ASCII_SPACE = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_SPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("(https?://|www\\.)[^\\s]+");

    public TextIndex(String text) {
        this.original = text == null
                ? ""
                : Normalizer.isNormalized(text, Normalizer.Form.NFC)
                        ? text
                        : Normalizer.normalize(text, Normalizer.Form.NFC);
        this.codePoints = original.codePointCount(0, original.length());
        this.lineOf = new int[codePoints + 1];
        this.charIndex = codePoints == original.length() ? null : new int[codePoints + 1];
        StringBuilder sb = new StringBuilder(original.length());
        int[] map = new int[original.length() * 3 + 1];
        int n = 0;
        int cpIndex = 0;
        int line = 0;
        boolean lastSpace = true;
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            lineOf[cpIndex] = line;
            if (charIndex != null) {
                charIndex[cpIndex] = i;
            }
            if (cp == '\n') {
                line++;
            }
            if (cp < 0x80 ? ASCII_SPACE[cp] : Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!lastSpace) {
                    sb.append(' ');
                    map = ensure(map, n + 1);
                    map[n++] = cpIndex;
                    lastSpace = true;
                }
            } else if (cp < 0x80) {
                // ASCII folds to one char: the common case, without a string per character.
                sb.append((char) (cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
                map = ensure(map, n + 1);
                map[n++] = cpIndex;
                lastSpace = false;
            } else {
                String piece = fold(cp);
                for (int k = 0; k < piece.length(); k++) {
                    sb.append(piece.charAt(k));
                    map = ensure(map, n + 1);
                    map[n++] = cpIndex;
                }
                lastSpace = false;
            }
            i += Character.charCount(cp);
            cpIndex++;
        }
        lineOf[codePoints] = line;
        if (charIndex != null) {
            charIndex[codePoints] = original.length();
        }
        this.folded = sb.toString();
        this.toOriginal = java.util.Arrays.copyOf(map, n + 1);
        this.toOriginal[n] = codePoints;
        int[] found = new int[0];
        // A link starts "http" or "www.": without either, there is none to look for.
        java.util.regex.Matcher m = folded.contains("http") || folded.contains("www.") ? URL.matcher(folded) : null;
        while (m != null && m.find()) {
            found = java.util.Arrays.copyOf(found, found.length + 2);
            found[found.length - 2] = m.start();
            found[found.length - 1] = m.end();
        }
        this.urls = found;
    }

    /** The folded text's chars, copied once for every phrase list that walks them. */
    private char[] foldedChars;

    /**
     * The chars of {@link #folded()}, made when first asked and shared by every phrase search of
     * this text; callers read them and never write.
     */
    char[] foldedChars() {
        char[] c = foldedChars;
        if (c == null) {
            c = folded.toCharArray();
            foldedChars = c;
        }
        return c;
    }

    /** The characters of the folded text, read once when a pattern first asks. */
    private Chars chars;

    /**
     * Which characters the folded text holds: ASCII as two bit masks, the rest as sorted code
     * points. Patterns use it to skip texts they cannot match ({@link PatternPrefilter}).
     */
    record Chars(long lo, long hi, int[] others) {}

    Chars chars() {
        Chars c = chars;
        if (c == null) {
            long lo = 0;
            long hi = 0;
            int[] others = new int[0];
            int n = 0;
            for (int i = 0; i < folded.length(); ) {
                int cp = folded.codePointAt(i);
                if (cp < 64) {
                    lo |= 1L << cp;
                    i++;
                } else if (cp < 128) {
                    hi |= 1L << (cp - 64);
                    i++;
                } else {
                    if (n == others.length) {
                        others = java.util.Arrays.copyOf(others, Math.max(8, n * 2));
                    }
                    others[n++] = cp;
                    i += Character.charCount(cp);
                }
            }
            java.util.Arrays.sort(others, 0, n);
            int distinct = 0;
            for (int k = 0; k < n; k++) {
                if (distinct == 0 || others[distinct - 1] != others[k]) {
                    others[distinct++] = others[k];
                }
            }
            c = new Chars(lo, hi, java.util.Arrays.copyOf(others, distinct));
            chars = c;
        }
        return c;
    }

    /** Whether a folded index falls inside a link. */
    public boolean inUrl(int foldedIndex) {
        for (int i = 0; i < urls.length; i += 2) {
            if (foldedIndex >= urls[i] && foldedIndex < urls[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static int[] ensure(int[] a, int size) {
        return size <= a.length ? a : java.util.Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    /** The fold applied to text and to phrases alike. */
    public static String fold(int codePoint) {
        if (codePoint == '\u2019' || codePoint == '\u2018' || codePoint == '\u02BC') {
            return "'";
        }
        return new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
    }

    /** Folds a phrase from a term table the way captions are folded. */
    public static String foldPhrase(String phrase) {
        return new TextIndex(phrase).folded().strip();
    }

    public String original() {
        return original;
    }

    public String folded() {
        return folded;
    }

    public int length() {
        return codePoints;
    }

    /** Code point index in the original of a char index in the folded text. */
    public int originalIndex(int foldedIndex) {
        return toOriginal[Math.min(foldedIndex, toOriginal.length - 1)];
    }

    /** Line (0-based) of a code point index in the original. */
    public int lineAt(int originalIndex) {
        return lineOf[Math.max(0, Math.min(originalIndex, codePoints))];
    }

    /** Code point index of the start of line {@code n} (0-based), or the length when there are fewer lines. */
    public int startOfLine(int n) {
        for (int i = 0; i < codePoints; i++) {
            if (lineOf[i] >= n) {
                return i;
            }
        }
        return codePoints;
    }

    /** The original text between two code point indexes. */
    public String slice(int from, int to) {
        int f = Math.max(0, Math.min(from, codePoints));
        int t = Math.max(0, Math.min(to, codePoints));
        if (charIndex == null) {
            // No surrogate pairs: code point indexes are char indexes.
            return original.substring(f, t);
        }
        return original.substring(charIndex[f], charIndex[t]);
    }

    /** Up to {@code radius} characters either side of a range, for evidence; line breaks shown as ⏎. */
    public String excerpt(int from, int to, int radius) {
        int a = Math.max(0, from - radius);
        int b = Math.min(codePoints, to + radius);
        String s = slice(a, b).replace("\r\n", "\n").replace('\n', '⏎');
        return (a > 0 ? "…" : "") + s + (b < codePoints ? "…" : "");
    }
}
