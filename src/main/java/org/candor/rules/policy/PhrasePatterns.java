package org.candor.rules.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The regular expressions of the pattern rows of the term tables ({@link Meaning#isPattern()}).
 * They are compiled with RE2/J, an engine without backtracking: searching a text takes time
 * linear in its length, whatever the pattern and the text. A construct that needs backtracking
 * (back-references, look-ahead and look-behind, possessive quantifiers) cannot be written, and a
 * pattern that compiles to more than {@link #MAX_PROGRAM_SIZE} instructions is refused, since the
 * cost per character grows with the size of the program.
 */
public final class PhrasePatterns {

    /** Matching ignores case, as it does for plain phrases. */
    public static final int FLAGS = Pattern.CASE_INSENSITIVE;

    /** At most this many characters per pattern. */
    public static final int MAX_LENGTH = 4_000;

    /**
     * At most this many instructions in a compiled pattern (the default patterns have 27 to
     * about 800); {@code x{1000}} alone has over a thousand.
     */
    public static final int MAX_PROGRAM_SIZE = 4_000;

    /** Nested counted repeats ({@code (x{10}){10}}) may repeat a piece this many times at most. */
    public static final int MAX_REPEAT = 1_000;

    private PhrasePatterns() {}

    /**
     * How many times the most repeated piece of a pattern is written out once its counted
     * repeats ({@code {n}}, {@code {n,m}}) are expanded, nested ones multiplied: the engine
     * expands them when it compiles, so this is checked first. Escapes and classes are skipped;
     * anything the engine would refuse is refused by it afterwards.
     */
    static long repeatProduct(String regex) {
        java.util.ArrayDeque<Long> outer = new java.util.ArrayDeque<>();
        long inGroup = 1;
        long last = 1;
        long worst = 1;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                last = 1;
            } else if (c == '[') {
                i = endOfClass(regex, i);
                last = 1;
            } else if (c == '(') {
                outer.push(inGroup);
                inGroup = 1;
                i++;
            } else if (c == ')') {
                last = inGroup;
                inGroup = outer.isEmpty() ? inGroup : Math.max(outer.pop(), last);
                i++;
            } else if (c == '{' && countedRepeatEnd(regex, i) > 0) {
                int end = countedRepeatEnd(regex, i);
                long bound = 0;
                for (String n : regex.substring(i + 1, end).split(",")) {
                    if (!n.isEmpty()) {
                        bound = Math.max(bound, Long.parseLong(n.length() > 6 ? "999999" : n));
                    }
                }
                last = Math.min(Long.MAX_VALUE / 1_000_000, last * Math.max(1, bound));
                inGroup = Math.max(inGroup, last);
                worst = Math.max(worst, last);
                i = end + 1;
            } else {
                if (c != '*' && c != '+' && c != '?') {
                    last = 1;
                }
                i++;
            }
        }
        return worst;
    }

    /** The index of the '}' of a counted repeat starting at {@code from}, or -1 when it is not one. */
    private static int countedRepeatEnd(String regex, int from) {
        int i = from + 1;
        int digits = 0;
        boolean comma = false;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ',' && !comma && digits > 0) {
                comma = true;
            } else {
                return c == '}' && digits > 0 ? i : -1;
            }
            i++;
        }
        return -1;
    }

    /** The index just after the ']' closing a class that opens at {@code from}. */
    private static int endOfClass(String regex, int from) {
        int i = from + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            i += regex.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /**
     * Compiles a pattern row.
     *
     * @throws IllegalArgumentException with an officer-readable reason when the pattern is not
     *     valid, needs backtracking, or is too large
     */
    public static Pattern compile(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "the pattern has " + regex.length() + " characters; " + MAX_LENGTH + " at most");
        }
        long repeats = repeatProduct(regex);
        if (repeats > MAX_REPEAT) {
            throw new IllegalArgumentException("the pattern is too large: its counted repeats, nested, repeat a piece "
                    + repeats + " times (" + MAX_REPEAT + " at most)");
        }
        Pattern p;
        try {
            p = Pattern.compile(regex, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
        if (p.programSize() > MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException("the pattern is too large (" + p.programSize()
                    + " instructions once compiled, " + MAX_PROGRAM_SIZE
                    + " at most): use fewer or smaller repeats");
        }
        return p;
    }

    private static String reason(PatternSyntaxException e) {
        String what = e.getDescription();
        String lower = what == null ? "" : what.toLowerCase(java.util.Locale.ROOT);
        String hint = "";
        if (lower.contains("perl syntax")
                || lower.contains("escape sequence")
                || lower.contains("nested repetition")
                || lower.contains("named capture")) {
            hint = " (patterns run on a linear-time engine: back-references, look-ahead and"
                    + " look-behind, possessive quantifiers are not available)";
        }
        return "not a valid pattern: " + what
                + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " at '" + e.getPattern() + "'")
                + hint;
    }
}
