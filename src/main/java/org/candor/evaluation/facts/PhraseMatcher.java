package org.candor.evaluation.facts;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.rules.policy.PhrasePatterns;
import org.candor.rules.policy.Term;

/**
 * Finds the phrases of the policy tables in a {@link TextIndex}. A phrase matches as whole words:
 * "#ad" and "ad:" match "ad", "#adventure" does not. A phrase of several words also matches
 * glued together, as hashtags write it: "paid partnership" matches "#PaidPartnership".
 * Rows with the same phrase are matched once and reported together.
 *
 * <p>Pattern rows run on RE2/J ({@link PhrasePatterns}), whose matching time grows linearly with
 * the text: no caption can make a pattern backtrack.
 */
public final class PhraseMatcher {

    /** A phrase and the table rows that give it meaning. */
    public record Phrase(
            String folded, List<Term> rows, List<String> variants, Pattern pattern, PatternPrefilter prefilter) {}

    /** One place a phrase was found, in code points of the original text. */
    public record Match(Phrase phrase, int start, int end, boolean hashtag, String text, int foldedStart) {}

    private final List<Phrase> phrases;
    /**
     * Every variant of every plain phrase, in one trie: a caption is read once, not once per
     * phrase. Each end holds pairs: the phrase's index, then the variant's.
     */
    private final CharTrie variants = new CharTrie();
    /** The strings the patterns' prefilters need, found in a caption in one walk. */
    private final WordSearch patternWords;
    /** Each phrase's prefilter bound to {@link #patternWords}; null for a plain phrase. */
    private final PatternPrefilter.Bound[] prefilters;

    private PhraseMatcher(List<Phrase> phrases) {
        this.phrases = phrases;
        List<String> words = new ArrayList<>();
        for (int pi = 0; pi < phrases.size(); pi++) {
            Phrase phrase = phrases.get(pi);
            for (int vi = 0; vi < phrase.variants().size(); vi++) {
                variants.add(phrase.variants().get(vi), pi, vi);
            }
            if (phrase.prefilter() != null) {
                words.addAll(phrase.prefilter().wordStrings());
            }
        }
        this.patternWords = new WordSearch(words);
        this.prefilters = new PatternPrefilter.Bound[phrases.size()];
        for (int pi = 0; pi < phrases.size(); pi++) {
            if (phrases.get(pi).prefilter() != null) {
                prefilters[pi] = phrases.get(pi).prefilter().bind(patternWords);
            }
        }
    }

    /** Compiles terms; the phrase of each is taken as written (placeholders already filled in). */
    public static PhraseMatcher of(List<Term> terms, java.util.function.Function<Term, List<String>> phrasesOf) {
        Map<String, List<Term>> byPhrase = new LinkedHashMap<>();
        Map<String, Boolean> isPattern = new LinkedHashMap<>();
        for (Term t : terms) {
            for (String p : phrasesOf.apply(t)) {
                String key = t.meaning().isPattern() ? "re:" + p : TextIndex.foldPhrase(p);
                if (key.isEmpty()) {
                    continue;
                }
                byPhrase.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
                isPattern.put(key, t.meaning().isPattern());
            }
        }
        List<Phrase> phrases = new ArrayList<>();
        for (Map.Entry<String, List<Term>> e : byPhrase.entrySet()) {
            String key = e.getKey();
            if (isPattern.get(key)) {
                Pattern pattern = PhrasePatterns.compile(key.substring(3));
                phrases.add(new Phrase(
                        key,
                        List.copyOf(e.getValue()),
                        List.of(),
                        pattern,
                        PatternPrefilter.of(key.substring(3), pattern.flags())));
            } else {
                phrases.add(new Phrase(key, List.copyOf(e.getValue()), variants(key), null, null));
            }
        }
        return new PhraseMatcher(phrases);
    }

    static List<String> variants(String folded) {
        if (!folded.contains(" ")) {
            return List.of(folded);
        }
        return List.of(folded, folded.replace(" ", ""), folded.replace(' ', '-'), folded.replace(' ', '_'));
    }

    /** A match with the order the phrase list gives it: phrase, then variant, then place. */
    private record Found(Match match, int phrase, int variant, int at) {}

    private static final Comparator<Found> ORDER = Comparator.<Found>comparingInt(
                    f -> f.match().start())
            .thenComparingInt(f -> -f.match().end())
            .thenComparingInt(Found::phrase)
            .thenComparingInt(Found::variant)
            .thenComparingInt(Found::at);

    /**
     * Every phrase found, by place (longest first where two start together), one per phrase and
     * place. Plain phrases are found in one pass over the text through the trie; patterns each
     * by their own search.
     */
    public List<Match> find(TextIndex index) {
        String text = index.folded();
        if (text.isEmpty()) {
            return new ArrayList<>();
        }
        List<Found> found = new ArrayList<>();
        WordSearch.Found words = patternWords.in(text);
        for (int pi = 0; pi < phrases.size(); pi++) {
            Phrase phrase = phrases.get(pi);
            if (phrase.pattern() != null && prefilters[pi].mayMatch(index, words)) {
                Matcher m = phrase.pattern().matcher(text);
                while (m.find()) {
                    if (m.end() > m.start() && !index.inUrl(m.start())) {
                        found.add(new Found(match(index, phrase, m.start(), m.end()), pi, 0, m.start()));
                    }
                }
            }
        }
        char[] chars = index.foldedChars();
        int length = index.foldedLength();
        for (int at = 0; at < length; at++) {
            // Inside a word no variant can start: one that starts with a word character fails the
            // whole-word test there, and the character at this place is a word character.
            if (at > 0
                    && !Character.isSurrogate(chars[at])
                    && isWordChar(chars[at])
                    && isWordChar(Character.codePointBefore(chars, at))) {
                continue;
            }
            CharTrie.Node n = variants.root();
            for (int i = at; i < length; i++) {
                n = n.child(chars[i]);
                if (n == null) {
                    break;
                }
                int end = i + 1;
                int[] ends = n.ends();
                for (int k = 0; k < ends.length; k += 2) {
                    Phrase phrase = phrases.get(ends[k]);
                    String variant = phrase.variants().get(ends[k + 1]);
                    if (wholeWord(text, variant, at, end) && !index.inUrl(at)) {
                        found.add(new Found(match(index, phrase, at, end), ends[k], ends[k + 1], at));
                    }
                }
            }
        }
        found.sort(ORDER);
        List<Match> matches = new ArrayList<>(found.size());
        for (Found f : found) {
            matches.add(f.match());
        }
        return dedupe(matches);
    }

    /**
     * Keeps one match per phrase and place (variants can find the same spot). The matches come
     * sorted by place, so only those starting at the same place are compared.
     */
    private static List<Match> dedupe(List<Match> matches) {
        List<Match> out = new ArrayList<>(matches.size());
        int sameStartFrom = 0;
        for (Match m : matches) {
            if (!out.isEmpty() && out.get(out.size() - 1).start() != m.start()) {
                sameStartFrom = out.size();
            }
            boolean seen = false;
            for (int i = sameStartFrom; i < out.size(); i++) {
                if (out.get(i).phrase() == m.phrase()) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                out.add(m);
            }
        }
        return out;
    }

    private static Match match(TextIndex index, Phrase phrase, int foldedStart, int foldedEnd) {
        String text = index.folded();
        if (phrase.pattern() != null) {
            // A pattern may take a boundary character either side; report the words only.
            while (foldedStart < foldedEnd - 1
                    && !isWordChar(text.codePointAt(foldedStart))
                    && "$€£".indexOf(text.charAt(foldedStart)) < 0) {
                foldedStart++;
            }
            while (foldedEnd > foldedStart + 1
                    && !isWordChar(text.codePointBefore(foldedEnd))
                    && "%€$£".indexOf(text.charAt(foldedEnd - 1)) < 0) {
                foldedEnd--;
            }
        }
        boolean hashtag = foldedStart > 0 && text.charAt(foldedStart - 1) == '#';
        int start = index.originalIndex(hashtag ? foldedStart - 1 : foldedStart);
        int end = index.originalIndex(foldedEnd - 1) + 1;
        return new Match(
                phrase,
                start,
                end,
                hashtag || phrase.folded().startsWith("#"),
                index.slice(start, end).strip(),
                hashtag ? foldedStart - 1 : foldedStart);
    }

    private static boolean wholeWord(String text, String phrase, int start, int end) {
        if (isWordChar(phrase.codePointAt(0)) && start > 0 && isWordChar(text.codePointBefore(start))) {
            return false;
        }
        return !(isWordChar(phrase.codePointBefore(phrase.length()))
                && end < text.length()
                && isWordChar(text.codePointAt(end)));
    }

    /** {@link #isWordChar} for ASCII, looked up. */
    private static final boolean[] ASCII_WORD = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return ASCII_WORD[cp];
        }
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
