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
 *
 * <p>An index belongs to the evaluation that made it, on that one thread: what it makes when first
 * asked (the characters it holds, the char positions a slice needs) is kept without locking.
 */
public final class TextIndex {

    private final String original;
    private final String folded;
    /** The folded text's chars, {@code foldedLength} of them; the array may be longer. */
    private final char[] foldedChars;

    private final int foldedLength;
    /**
     * For each char of {@code folded}, the code point index in the original (0-based), and the
     * original's length in code points at {@code foldedLength}; the array may be longer.
     */
    private final int[] toOriginal;
    /** The code point index where each line after the first starts: after each line break. */
    private final int[] lineStarts;

    private final int codePoints;
    /**
     * For each code point of the original, its char index there, and the original's length last;
     * made when a slice first needs it, never when the original has no surrogate pair (the two
     * indexes are then the same).
     */
    private int[] charIndex;
    /** Start and end (folded indexes) of each link in the text: words inside a URL are not read. */
    private final int[] urls;

    /** {@code Character.isWhitespace(c) || Character.isSpaceChar(c)} for ASCII, looked up. */
    private static final boolean[] ASCII_SPACE = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_SPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }

    private static final int[] NONE = new int[0];

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("(https?://|www\\.)[^\\s]+");

    public TextIndex(String text) {
        this.original = text == null
                ? ""
                : Normalizer.isNormalized(text, Normalizer.Form.NFC)
                        ? text
                        : Normalizer.normalize(text, Normalizer.Form.NFC);
        int chars = original.length();
        this.codePoints = original.codePointCount(0, chars);
        // Folding keeps a text's length or shortens it (runs of spaces), except for the rare
        // characters whose lower case is longer: the arrays grow at those.
        char[] out = new char[chars];
        int[] map = new int[chars + 1];
        int[] starts = NONE;
        int lines = 0;
        int n = 0;
        int cpIndex = 0;
        boolean lastSpace = true;
        for (int i = 0; i < chars; ) {
            int cp = original.codePointAt(i);
            if (cp == '\n') {
                if (lines == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, Math.max(4, lines * 2));
                }
                starts[lines++] = cpIndex + 1;
            }
            if (cp < 0x80 ? ASCII_SPACE[cp] : Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!lastSpace) {
                    out[n] = ' ';
                    map[n++] = cpIndex;
                    lastSpace = true;
                }
            } else if (cp < 0x80) {
                // ASCII folds to one char: the common case.
                out[n] = (char) (cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
                map[n++] = cpIndex;
                lastSpace = false;
            } else {
                int lower = foldedCodePoint(cp);
                String piece = lower >= 0 ? null : fold(cp);
                int width = piece == null ? Character.charCount(lower) : piece.length();
                // Room for this fold and one char for each char still to read.
                int need = n + width + chars - i - Character.charCount(cp);
                if (need > out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(need, out.length + out.length / 2));
                    map = ensure(map, out.length + 1);
                }
                if (piece == null) {
                    Character.toChars(lower, out, n);
                    for (int k = 0; k < width; k++) {
                        map[n++] = cpIndex;
                    }
                } else {
                    for (int k = 0; k < width; k++) {
                        out[n] = piece.charAt(k);
                        map[n++] = cpIndex;
                    }
                }
                lastSpace = false;
            }
            i += Character.charCount(cp);
            cpIndex++;
        }
        this.folded = new String(out, 0, n);
        this.foldedChars = out;
        this.foldedLength = n;
        this.toOriginal = map;
        this.toOriginal[n] = codePoints;
        this.lineStarts = lines == starts.length ? starts : java.util.Arrays.copyOf(starts, lines);
        int[] found = NONE;
        // A link starts "http" or "www.": without either, there is none to look for.
        java.util.regex.Matcher m = folded.contains("http") || folded.contains("www.") ? URL.matcher(folded) : null;
        while (m != null && m.find()) {
            found = java.util.Arrays.copyOf(found, found.length + 2);
            found[found.length - 2] = m.start();
            found[found.length - 1] = m.end();
        }
        this.urls = found;
    }

    /**
     * The chars of {@link #folded()}, the first {@link #foldedLength()} of the array (it may be
     * longer), shared by every phrase search of this text; callers read them and never write.
     */
    char[] foldedChars() {
        return foldedChars;
    }

    /** How many of {@link #foldedChars()} are the folded text. */
    int foldedLength() {
        return foldedLength;
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
            char[] text = foldedChars;
            int length = foldedLength;
            long lo = 0;
            long hi = 0;
            // Chars past ASCII: at least one for each code point past it (a lone surrogate too).
            int wide = 0;
            for (int i = 0; i < length; i++) {
                char ch = text[i];
                if (ch < 64) {
                    lo |= 1L << ch;
                } else if (ch < 128) {
                    hi |= 1L << (ch - 64);
                } else {
                    wide++;
                }
            }
            int[] others = NONE;
            if (wide > 0) {
                others = new int[wide];
                int n = 0;
                for (int i = 0; i < length; ) {
                    int cp = Character.codePointAt(text, i, length);
                    if (cp >= 128) {
                        others[n++] = cp;
                    }
                    i += Character.charCount(cp);
                }
                java.util.Arrays.sort(others, 0, n);
                int distinct = 0;
                for (int k = 0; k < n; k++) {
                    if (distinct == 0 || others[distinct - 1] != others[k]) {
                        others[distinct++] = others[k];
                    }
                }
                if (distinct < others.length) {
                    others = java.util.Arrays.copyOf(others, distinct);
                }
            }
            c = new Chars(lo, hi, others);
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
        int folded = foldedCodePoint(codePoint);
        return folded >= 0
                ? new String(Character.toChars(folded))
                : new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
    }

    /**
     * {@link #fold(int)} of a code point when it is one code point, without making strings: curly
     * apostrophes made straight, the rest lower case as {@code String.toLowerCase(Locale.ROOT)}
     * makes it; -1 for the two it makes otherwise: capital I with dot above (two code points) and
     * capital sigma (which depends on its neighbours in a longer string).
     */
    static int foldedCodePoint(int codePoint) {
        if (codePoint == '\u2019' || codePoint == '\u2018' || codePoint == '\u02BC') {
            return '\'';
        }
        if (codePoint == '\u0130' || codePoint == '\u03A3') {
            return -1;
        }
        return Character.toLowerCase(codePoint);
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
        return toOriginal[Math.min(foldedIndex, foldedLength)];
    }

    /** Line (0-based) of a code point index in the original: a line break belongs to the line it ends. */
    public int lineAt(int originalIndex) {
        int at = Math.max(0, Math.min(originalIndex, codePoints));
        // The number of lines that start at or before it, after the first.
        int found = java.util.Arrays.binarySearch(lineStarts, at);
        if (found >= 0) {
            // Two line breaks in a row cannot start two lines at one place: the first index is it.
            return found + 1;
        }
        return -found - 1;
    }

    /** Code point index of the start of line {@code n} (0-based), or the length when there are fewer lines. */
    public int startOfLine(int n) {
        if (n <= 0 || codePoints == 0) {
            return 0;
        }
        return n <= lineStarts.length ? Math.min(lineStarts[n - 1], codePoints) : codePoints;
    }

    /** The original text between two code point indexes. */
    public String slice(int from, int to) {
        int f = Math.max(0, Math.min(from, codePoints));
        int t = Math.max(0, Math.min(to, codePoints));
        if (codePoints == original.length()) {
            // No surrogate pairs: code point indexes are char indexes.
            return original.substring(f, t);
        }
        int[] at = charIndex;
        if (at == null) {
            at = new int[codePoints + 1];
            int cp = 0;
            for (int i = 0; i < original.length(); i += Character.charCount(original.codePointAt(i))) {
                at[cp++] = i;
            }
            at[codePoints] = original.length();
            charIndex = at;
        }
        return original.substring(at[f], at[t]);
    }

    /** Up to {@code radius} characters either side of a range, for evidence; line breaks shown as ⏎. */
    public String excerpt(int from, int to, int radius) {
        int a = Math.max(0, from - radius);
        int b = Math.min(codePoints, to + radius);
        String s = slice(a, b).replace("\r\n", "\n").replace('\n', '⏎');
        return (a > 0 ? "…" : "") + s + (b < codePoints ? "…" : "");
    }
}
