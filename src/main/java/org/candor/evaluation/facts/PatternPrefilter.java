package org.candor.evaluation.facts;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every match of a regular expression must contain, read from the expression itself, so a
 * text that lacks it is not searched at all. A pattern such as {@code lost [0-9]+ ?kg} cannot
 * match a caption without a digit: searching one anyway tries the pattern at every position.
 *
 * <p>The analysis yields a list of <em>needs</em>: each is a set of characters of which the text
 * must contain at least one. A literal character, a character class or an escape such as
 * {@code \d} is a need; a sequence needs what each of its mandatory parts needs; an alternation
 * needs one of the characters its branches need; optional parts ({@code ?}, {@code *},
 * {@code {0,n}}), anchors, {@code .} and negated classes need nothing. Each need is exact: its
 * characters are the code points that the RE2/J matcher the pattern runs on accepts for that
 * piece under the pattern's flags (case-insensitive matching included, so {@code k} also needs
 * the Kelvin sign),
 * found by testing the case variants of the piece's characters against the piece compiled alone.
 *
 * <p>Syntax the analysis does not know (look-arounds, back-references, inline flags, nested or
 * intersected classes, {@code \p{..}}, quoting, …) leaves the pattern without a prefilter: it is
 * searched in every text, as before. The prefilter only ever skips searches that cannot match,
 * so the matches found are the same with or without it.
 */
final class PatternPrefilter {

    /** No prefilter: every text may match. */
    static final PatternPrefilter NONE = new PatternPrefilter(List.of(), List.of());

    /** Classes or escapes spanning more characters than this are not worth a need. */
    private static final int MAX_CLASS_SIZE = 512;

    /** The most strings a word need (or the exact strings of a piece) may list. */
    private static final int MAX_WORDS = 128;

    /** A piece whose characters take more than this many forms in folded text is not spelled out. */
    private static final int MAX_FORMS = 4;

    private final List<CharSet> needs;
    private final List<List<String>> words;
    private final List<WordNeed> wordNeeds;

    private PatternPrefilter(List<CharSet> needs, List<List<String>> words) {
        this.needs = List.copyOf(needs);
        this.words = List.copyOf(words);
        this.wordNeeds = this.words.stream().map(WordNeed::of).toList();
    }

    /**
     * A word need as it is checked: its single characters as a set (one look at the text's
     * characters), then its longer strings.
     */
    private record WordNeed(CharSet singles, String[] longer) {
        static WordNeed of(List<String> strings) {
            int[] singles = strings.stream()
                    .filter(WordNeed::single)
                    .mapToInt(w -> w.charAt(0))
                    .distinct()
                    .sorted()
                    .toArray();
            return new WordNeed(
                    new CharSet(singles),
                    strings.stream().filter(w -> !single(w)).toArray(String[]::new));
        }

        /** One character that is a code point of its own (the text's characters are code points). */
        private static boolean single(String w) {
            return w.length() == 1 && !Character.isSurrogate(w.charAt(0));
        }

        boolean heldBy(TextIndex text) {
            if (heldAsCharacter(text)) {
                return true;
            }
            String folded = text.folded();
            for (String w : longer) {
                if (folded.contains(w)) {
                    return true;
                }
            }
            return false;
        }

        boolean heldAsCharacter(TextIndex text) {
            return singles.size() > 0 && singles.intersects(text.chars());
        }
    }

    /** The prefilter of a pattern as compiled with {@code flags}; {@link #NONE} for syntax it does not read. */
    static PatternPrefilter of(String regex, int flags) {
        if ((flags & ~Pattern.CASE_INSENSITIVE) != 0) {
            return NONE;
        }
        try {
            Parser p = new Parser(regex, flags);
            Piece piece = p.alternation();
            if (p.pos != regex.length()) {
                return NONE;
            }
            List<List<String>> words = new ArrayList<>();
            for (Set<String> w : piece.withExact()) {
                // A need holding the empty string needs nothing; one of single characters only is
                // told by the character needs. Single characters beside longer strings stay: an
                // amount is a currency sign or "thousand".
                if (w.stream().noneMatch(String::isEmpty)
                        && w.stream().anyMatch(x -> x.length() >= 2)
                        && !words.contains(List.copyOf(w))) {
                    words.add(List.copyOf(w));
                }
            }
            return piece.needs().isEmpty() && words.isEmpty()
                    ? NONE
                    : new PatternPrefilter(dedupe(piece.needs()), words);
        } catch (Unsupported e) {
            return NONE;
        }
    }

    /** Builds the shared tables the analysis reads (case variants, the folded alphabet) now. */
    static void prepareTables() {
        CaseVariants.groups();
        FoldedAlphabet.holds(' ');
    }

    /** Whether a text with these characters may hold a match; false only when it cannot. */
    boolean mayMatch(TextIndex.Chars chars) {
        // By index: asked for every text and pattern, and an iterator each time adds up.
        for (int i = 0; i < needs.size(); i++) {
            if (!needs.get(i).intersects(chars)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a text may hold a match: it has a character of each need, and one of the strings of
     * each word need; false only when it cannot.
     */
    boolean mayMatch(TextIndex text) {
        if (!mayMatch(text.chars())) {
            return false;
        }
        for (WordNeed need : wordNeeds) {
            if (!need.heldBy(text)) {
                return false;
            }
        }
        return true;
    }

    /** The strings of the word needs that are looked for in the text (those longer than a character). */
    List<String> wordStrings() {
        return wordNeeds.stream().flatMap(w -> Arrays.stream(w.longer())).toList();
    }

    /**
     * This prefilter with its word needs' strings numbered as in {@code search}, which must look
     * for all of {@link #wordStrings()}: for a matcher that walks each text once for the strings of
     * all its patterns.
     */
    Bound bind(WordSearch search) {
        int[][] ids = new int[wordNeeds.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = search.ids(wordNeeds.get(i).longer());
        }
        return new Bound(ids);
    }

    /** A prefilter bound to a {@link WordSearch}: {@link #bind}. */
    final class Bound {
        private final int[][] ids;

        private Bound(int[][] ids) {
            this.ids = ids;
        }

        /** {@link PatternPrefilter#mayMatch(TextIndex)}, the word needs' strings told by {@code found}. */
        boolean mayMatch(TextIndex text, WordSearch.Found found) {
            if (!PatternPrefilter.this.mayMatch(text.chars())) {
                return false;
            }
            for (int i = 0; i < ids.length; i++) {
                if (!wordNeeds.get(i).heldAsCharacter(text) && !holdsAny(found, ids[i])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean holdsAny(WordSearch.Found found, int[] ids) {
            for (int id : ids) {
                if (found.has(id)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The word needs: each a list of strings of which the folded text must contain one. */
    List<List<String>> words() {
        return words;
    }

    /** The needs, each as the sorted code points it accepts (for tests and diagnostics). */
    List<int[]> needs() {
        return needs.stream().map(CharSet::codePoints).toList();
    }

    private static List<CharSet> dedupe(List<CharSet> needs) {
        List<CharSet> out = new ArrayList<>();
        for (CharSet n : needs) {
            if (out.stream().noneMatch(o -> Arrays.equals(o.codePoints(), n.codePoints()))) {
                out.add(n);
            }
        }
        return out;
    }

    /** A set of code points: ASCII as two bit masks, the rest as a sorted array. */
    static final class CharSet {
        private final long lo;
        private final long hi;
        private final int[] others;

        CharSet(int[] sortedCodePoints) {
            long l = 0;
            long h = 0;
            List<Integer> rest = new ArrayList<>();
            for (int cp : sortedCodePoints) {
                if (cp < 64) {
                    l |= 1L << cp;
                } else if (cp < 128) {
                    h |= 1L << (cp - 64);
                } else {
                    rest.add(cp);
                }
            }
            this.lo = l;
            this.hi = h;
            this.others = rest.stream().mapToInt(Integer::intValue).toArray();
        }

        boolean intersects(TextIndex.Chars chars) {
            if ((lo & chars.lo()) != 0 || (hi & chars.hi()) != 0) {
                return true;
            }
            return sharesOther(others, chars.others());
        }

        /**
         * Whether two sorted lists of code points share one: the shorter is looked up in the longer,
         * after a look at their ends (a text's few emoji and a need's case variants seldom overlap).
         */
        static boolean sharesOther(int[] a, int[] b) {
            if (a.length == 0 || b.length == 0 || a[a.length - 1] < b[0] || b[b.length - 1] < a[0]) {
                return false;
            }
            int[] few = a.length <= b.length ? a : b;
            int[] many = few == a ? b : a;
            for (int cp : few) {
                if (Arrays.binarySearch(many, cp) >= 0) {
                    return true;
                }
            }
            return false;
        }

        int size() {
            return Long.bitCount(lo) + Long.bitCount(hi) + others.length;
        }

        int[] codePoints() {
            int[] out = new int[size()];
            int n = 0;
            for (int cp = 0; cp < 128; cp++) {
                if (cp < 64 ? (lo & (1L << cp)) != 0 : (hi & (1L << (cp - 64))) != 0) {
                    out[n++] = cp;
                }
            }
            System.arraycopy(others, 0, out, n, others.length);
            return out;
        }

        static CharSet union(List<CharSet> sets) {
            int[] all = sets.stream()
                    .flatMapToInt(s -> Arrays.stream(s.codePoints()))
                    .distinct()
                    .sorted()
                    .toArray();
            return new CharSet(all);
        }
    }

    /**
     * What a piece of the pattern tells: the characters it needs, its word needs (sets of strings
     * of which the folded text must contain one), and, when it is short and fixed, every string it
     * can match in folded text ({@code exact}; null when not spelled out).
     */
    private record Piece(List<CharSet> needs, List<Set<String>> words, Set<String> exact) {
        /** A piece that needs nothing and is not spelled out ('.', a negated class). */
        static final Piece NOTHING = new Piece(List.of(), List.of(), null);

        /** A piece that matches the empty string only (anchors, word boundaries). */
        static final Piece EMPTY = new Piece(List.of(), List.of(), Set.of(""));

        /** The word needs, with the exact strings as one more. */
        List<Set<String>> withExact() {
            if (exact == null) {
                return words;
            }
            List<Set<String>> all = new ArrayList<>(words);
            all.add(exact);
            return all;
        }
    }

    /**
     * The characters folded text can hold ({@link TextIndex#fold} of any character, and the space
     * runs of white space fold to): a piece's other accepted characters never occur in it.
     */
    static final class FoldedAlphabet {
        private static volatile BitSet alphabet;

        private FoldedAlphabet() {}

        static boolean holds(int codePoint) {
            BitSet a = alphabet;
            if (a == null) {
                a = build();
                alphabet = a;
            }
            return codePoint > Character.MAX_VALUE || a.get(codePoint);
        }

        private static BitSet build() {
            BitSet a = new BitSet(Character.MAX_VALUE + 1);
            a.set(' ');
            for (int cp = 0; cp <= Character.MAX_VALUE; cp++) {
                TextIndex.fold(cp).chars().forEach(a::set);
            }
            for (int cp = Character.MAX_VALUE + 1; cp <= Character.MAX_CODE_POINT; cp++) {
                int lower = Character.toLowerCase(cp);
                if (lower <= Character.MAX_VALUE) {
                    a.set(lower);
                }
            }
            return a;
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reader of the pattern syntax it knows, returning needs. */
    private static final class Parser {
        private final String re;
        private final int flags;
        int pos;

        Parser(String re, int flags) {
            this.re = re;
            this.flags = flags;
        }

        private boolean more() {
            return pos < re.length();
        }

        private char peek() {
            return re.charAt(pos);
        }

        /**
         * branch ('|' branch)*: one of the characters each branch needs, one of the strings of a
         * word need of each branch, and every branch's exact strings when each has them.
         */
        Piece alternation() {
            List<Piece> branches = new ArrayList<>();
            branches.add(sequence());
            while (more() && peek() == '|') {
                pos++;
                branches.add(sequence());
            }
            if (branches.size() == 1) {
                return branches.get(0);
            }
            Set<String> exact = new LinkedHashSet<>();
            Set<String> words = new LinkedHashSet<>();
            for (Piece b : branches) {
                if (exact != null && b.exact() != null) {
                    exact.addAll(b.exact());
                } else {
                    exact = null;
                }
                Set<String> best = best(b.withExact());
                if (words != null && best != null) {
                    words.addAll(best);
                } else {
                    words = null;
                }
            }
            if (exact != null && exact.size() > MAX_WORDS) {
                exact = null;
            }
            List<Set<String>> wordNeeds = words == null || words.size() > MAX_WORDS ? List.of() : List.of(words);
            List<CharSet> picks = new ArrayList<>();
            for (Piece piece : branches) {
                List<CharSet> b = piece.needs();
                if (b.isEmpty()) {
                    return new Piece(List.of(), wordNeeds, exact);
                }
                CharSet best = b.get(0);
                for (CharSet c : b) {
                    if (c.size() < best.size()) {
                        best = c;
                    }
                }
                picks.add(best);
            }
            CharSet union = CharSet.union(picks);
            return new Piece(union.size() > MAX_CLASS_SIZE ? List.of() : List.of(union), wordNeeds, exact);
        }

        /**
         * The word need of a branch that tells most for least: among those whose strings are all
         * at least 3 characters, the fewest strings; otherwise the longest shortest string. Null
         * when none needs anything (the empty string: any text holds it).
         */
        private static Set<String> best(List<Set<String>> needs) {
            Set<String> best = null;
            int bestShortest = 0;
            for (Set<String> n : needs) {
                int shortest = n.stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
                if (shortest == 0) {
                    continue;
                }
                boolean better = best == null
                        || (shortest >= 3 && bestShortest >= 3
                                ? n.size() < best.size()
                                : shortest > bestShortest || (shortest == bestShortest && n.size() < best.size()));
                if (better) {
                    best = n;
                    bestShortest = shortest;
                }
            }
            return best;
        }

        /**
         * Pieces up to '|' or ')': what each mandatory piece needs; the exact strings of each run
         * of fixed pieces (spelled out together, while they stay few) as a word need.
         */
        private Piece sequence() {
            List<CharSet> needs = new ArrayList<>();
            List<Set<String>> words = new ArrayList<>();
            Set<String> run = Set.of("");
            boolean whole = true;
            while (more() && peek() != '|' && peek() != ')') {
                Piece atom = atom();
                int min = quantifierMin();
                int max = lastMax;
                if (min > 0) {
                    needs.addAll(atom.needs());
                    words.addAll(atom.words());
                }
                Set<String> forms = null;
                if (atom.exact() != null && min == 1 && max == 1) {
                    forms = atom.exact();
                } else if (atom.exact() != null && min == 0 && max == 1) {
                    forms = new LinkedHashSet<>(atom.exact());
                    forms.add("");
                }
                if (forms != null) {
                    Set<String> joined = product(run, forms);
                    if (joined == null) {
                        // Too many strings together: the run so far is a need of its own.
                        words.add(run);
                        whole = false;
                        joined = forms;
                    }
                    run = joined;
                } else {
                    if (min > 0 && atom.exact() != null) {
                        words.add(atom.exact());
                    }
                    words.add(run);
                    run = Set.of("");
                    whole = false;
                }
            }
            words.add(run);
            return new Piece(needs, words, whole ? run : null);
        }

        /** Every string of {@code a} followed by one of {@code b}; null when there would be too many. */
        private static Set<String> product(Set<String> a, Set<String> b) {
            if ((long) a.size() * b.size() > MAX_WORDS) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            for (String x : a) {
                for (String y : b) {
                    out.add(x + y);
                }
            }
            return out;
        }

        /** The most repeats the last quantifier read allows; -1 for no limit. */
        private int lastMax = 1;

        /** Reads a quantifier if there is one; its minimum count (1 without one). */
        private int quantifierMin() {
            lastMax = 1;
            if (!more()) {
                return 1;
            }
            int min;
            char c = peek();
            if (c == '?' || c == '*') {
                pos++;
                min = 0;
                lastMax = c == '?' ? 1 : -1;
            } else if (c == '+') {
                pos++;
                min = 1;
                lastMax = -1;
            } else if (c == '{') {
                int close = re.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = re.substring(pos + 1, close);
                if (!body.matches("\\d{1,6}(,\\d{0,6})?")) {
                    throw new Unsupported();
                }
                int comma = body.indexOf(',');
                min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                lastMax =
                        comma < 0 ? min : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
                pos = close + 1;
            } else {
                return 1;
            }
            // Lazy or possessive forms match the same texts.
            if (more() && (peek() == '?' || peek() == '+')) {
                pos++;
            }
            if (more() && "?*+{".indexOf(peek()) >= 0) {
                throw new Unsupported();
            }
            return min;
        }

        private Piece atom() {
            int start = pos;
            char c = peek();
            switch (c) {
                case '(' -> {
                    pos++;
                    if (more() && peek() == '?') {
                        if (!re.startsWith("?:", pos)) {
                            throw new Unsupported();
                        }
                        pos += 2;
                    }
                    Piece inner = alternation();
                    if (!more() || peek() != ')') {
                        throw new Unsupported();
                    }
                    pos++;
                    return inner;
                }
                case '[' -> {
                    return characterClass();
                }
                case '.' -> {
                    pos++;
                    return Piece.NOTHING;
                }
                case '^', '$' -> {
                    pos++;
                    return Piece.EMPTY;
                }
                case '\\' -> {
                    return escape();
                }
                case '*', '+', '?', '{', '}', ']', ')', '|' -> throw new Unsupported();
                default -> {
                    int cp = re.codePointAt(pos);
                    pos += Character.charCount(cp);
                    return need(re.substring(start, pos), new int[] {cp});
                }
            }
        }

        private Piece escape() {
            int start = pos;
            if (pos + 1 >= re.length()) {
                throw new Unsupported();
            }
            char e = re.charAt(pos + 1);
            pos += 2;
            String source = re.substring(start, pos);
            return switch (e) {
                case 'd' -> need(source, range('0', '9'));
                case 'w' -> need(source, concat(range('a', 'z'), range('A', 'Z'), range('0', '9'), new int[] {'_'}));
                case 's' -> need(source, new int[] {' ', '\t', '\n', 0x0B, '\f', '\r'});
                case 't' -> need(source, new int[] {'\t'});
                case 'n' -> need(source, new int[] {'\n'});
                case 'r' -> need(source, new int[] {'\r'});
                case 'f' -> need(source, new int[] {'\f'});
                case 'b', 'B' -> Piece.EMPTY;
                default -> {
                    if (Character.isLetterOrDigit(e) || e > 0x7F) {
                        throw new Unsupported();
                    }
                    yield need(source, new int[] {e});
                }
            };
        }

        /** [...] with single characters, ranges and simple escapes; a negated class needs nothing. */
        private Piece characterClass() {
            int start = pos;
            pos++;
            boolean negated = more() && peek() == '^';
            if (negated) {
                pos++;
            }
            List<Integer> base = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (!more()) {
                    throw new Unsupported();
                }
                char c = peek();
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                if (c == '[' || c == ']' || re.startsWith("&&", pos)) {
                    throw new Unsupported();
                }
                // A '-' that is not a range is read only where it is plainly literal: first or last.
                if (c == '-' && !first && !re.startsWith("-]", pos)) {
                    throw new Unsupported();
                }
                first = false;
                int from;
                if (c == '\\') {
                    int[] escaped = classEscape();
                    if (escaped.length != 1) {
                        for (int x : escaped) {
                            base.add(x);
                        }
                        continue;
                    }
                    from = escaped[0];
                } else {
                    from = re.codePointAt(pos);
                    pos += Character.charCount(from);
                }
                if (more() && peek() == '-' && pos + 1 < re.length() && re.charAt(pos + 1) != ']') {
                    pos++;
                    int to;
                    if (peek() == '\\') {
                        int[] escaped = classEscape();
                        if (escaped.length != 1) {
                            throw new Unsupported();
                        }
                        to = escaped[0];
                    } else if (peek() == '[') {
                        throw new Unsupported();
                    } else {
                        to = re.codePointAt(pos);
                        pos += Character.charCount(to);
                    }
                    if (to < from || to - from > MAX_CLASS_SIZE) {
                        throw new Unsupported();
                    }
                    for (int x = from; x <= to; x++) {
                        base.add(x);
                    }
                } else {
                    base.add(from);
                }
                if (base.size() > MAX_CLASS_SIZE) {
                    throw new Unsupported();
                }
            }
            if (negated || base.isEmpty()) {
                return Piece.NOTHING;
            }
            return need(
                    re.substring(start, pos),
                    base.stream().mapToInt(Integer::intValue).toArray());
        }

        private int[] classEscape() {
            if (pos + 1 >= re.length()) {
                throw new Unsupported();
            }
            char e = re.charAt(pos + 1);
            pos += 2;
            return switch (e) {
                case 'd' -> range('0', '9');
                case 'w' -> concat(range('a', 'z'), range('A', 'Z'), range('0', '9'), new int[] {'_'});
                case 's' -> new int[] {' ', '\t', '\n', 0x0B, '\f', '\r'};
                case 't' -> new int[] {'\t'};
                case 'n' -> new int[] {'\n'};
                case 'r' -> new int[] {'\r'};
                case 'f' -> new int[] {'\f'};
                default -> {
                    if (Character.isLetterOrDigit(e) || e > 0x7F) {
                        throw new Unsupported();
                    }
                    yield new int[] {e};
                }
            };
        }

        /**
         * The need of one piece of the pattern: the code points its own compiled form accepts,
         * among its characters and their case variants.
         */
        private Piece need(String source, int[] base) {
            if (Arrays.stream(base).anyMatch(cp -> cp > Character.MAX_VALUE)) {
                // Case variants are known for the Basic Multilingual Plane only: no need, to be safe.
                return Piece.NOTHING;
            }
            Pattern piece;
            try {
                piece = Pattern.compile(source, flags);
            } catch (PatternSyntaxException e) {
                throw new Unsupported();
            }
            int[] accepted = CaseVariants.of(base)
                    .filter(cp ->
                            piece.matcher(new String(Character.toChars(cp))).matches())
                    .sorted()
                    .toArray();
            if (accepted.length == 0) {
                throw new Unsupported();
            }
            // The forms the piece takes in folded text: the accepted characters a fold can give.
            Set<String> forms = new LinkedHashSet<>();
            for (int cp : accepted) {
                if (FoldedAlphabet.holds(cp)) {
                    forms.add(new String(Character.toChars(cp)));
                }
            }
            return new Piece(List.of(new CharSet(accepted)), List.of(), forms.size() > MAX_FORMS ? null : forms);
        }

        private static int[] range(char from, char to) {
            int[] out = new int[to - from + 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = from + i;
            }
            return out;
        }

        private static int[] concat(int[]... parts) {
            return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
        }
    }

    /**
     * The code points related by case mappings (upper, lower, title case, in any chain) to a set
     * of characters of the Basic Multilingual Plane: every character a case-insensitive matcher
     * could take for one of them. No character outside that plane changes case into it (a test
     * checks this on the running JDK), so the plane's own characters are the whole answer.
     */
    static final class CaseVariants {
        private static volatile Map<Integer, int[]> groups;

        private CaseVariants() {}

        static java.util.stream.IntStream of(int[] codePoints) {
            Map<Integer, int[]> g = groups();
            return Arrays.stream(codePoints)
                    .flatMap(cp -> {
                        int[] group = g.get(cp);
                        return group == null ? java.util.stream.IntStream.of(cp) : Arrays.stream(group);
                    })
                    .distinct();
        }

        /** Groups of code points joined by case mappings, for those that have any (a few thousand). */
        private static Map<Integer, int[]> groups() {
            Map<Integer, int[]> g = groups;
            if (g == null) {
                g = build();
                groups = g;
            }
            return g;
        }

        private static Map<Integer, int[]> build() {
            Map<Integer, Integer> parent = new HashMap<>();
            for (int cp = 0; cp <= Character.MAX_VALUE; cp++) {
                int u = Character.toUpperCase(cp);
                int l = Character.toLowerCase(cp);
                int t = Character.toTitleCase(cp);
                if (u != cp) {
                    join(parent, cp, u);
                }
                if (l != cp) {
                    join(parent, cp, l);
                }
                if (t != cp) {
                    join(parent, cp, t);
                }
            }
            Map<Integer, List<Integer>> members = new HashMap<>();
            for (Integer cp : parent.keySet()) {
                members.computeIfAbsent(root(parent, cp), k -> new ArrayList<>())
                        .add(cp);
            }
            Map<Integer, int[]> out = new HashMap<>();
            for (List<Integer> group : members.values()) {
                int[] sorted =
                        group.stream().mapToInt(Integer::intValue).sorted().toArray();
                for (int cp : sorted) {
                    out.put(cp, sorted);
                }
            }
            return Map.copyOf(out);
        }

        private static void join(Map<Integer, Integer> parent, int a, int b) {
            int ra = root(parent, a);
            int rb = root(parent, b);
            if (ra != rb) {
                parent.put(ra, rb);
            }
        }

        private static int root(Map<Integer, Integer> parent, int cp) {
            parent.putIfAbsent(cp, cp);
            int r = cp;
            while (parent.get(r) != r) {
                r = parent.get(r);
            }
            parent.put(cp, r);
            return r;
        }
    }
}
