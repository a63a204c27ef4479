package org.candor.evaluation.facts;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which of many strings a text contains, found in one walk over the text. The word needs of a
 * matcher's patterns ({@link PatternPrefilter}) list some hundreds of strings; looked up one by
 * one, each a search of the whole caption, they cost more than the phrase search itself.
 */
final class WordSearch {
    private final Map<String, Integer> ids = new HashMap<>();
    private final CharTrie trie = new CharTrie();

    WordSearch(Collection<String> strings) {
        for (String s : strings) {
            if (!s.isEmpty() && !ids.containsKey(s)) {
                ids.put(s, ids.size());
                trie.add(s, ids.get(s));
            }
        }
    }

    /** How many distinct strings are looked for. */
    int size() {
        return ids.size();
    }

    /**
     * The numbers of these strings in this search, in their order.
     *
     * @throws IllegalArgumentException for a string the search does not look for
     */
    int[] ids(String... strings) {
        int[] out = new int[strings.length];
        for (int i = 0; i < strings.length; i++) {
            Integer id = ids.get(strings[i]);
            if (id == null) {
                throw new IllegalArgumentException("not a string of this search: '" + strings[i] + "'");
            }
            out[i] = id;
        }
        return out;
    }

    /** Which strings of this search {@code text} contains, found when first asked. */
    Found in(String text) {
        return new Found(text);
    }

    /** The strings of the search that one text contains; used by one thread. */
    final class Found {
        private final String text;
        private BitSet held;

        private Found(String text) {
            this.text = text;
        }

        /** Whether the text contains the string numbered {@code id} ({@link #ids}). */
        boolean has(int id) {
            if (held == null) {
                held = walk(text);
            }
            return held.get(id);
        }
    }

    /** Every string of this search that {@code text} contains, found wherever it starts. */
    private BitSet walk(String text) {
        BitSet found = new BitSet(ids.size());
        if (ids.isEmpty()) {
            return found;
        }
        CharTrie.Node root = trie.root();
        for (int at = 0; at < text.length(); at++) {
            CharTrie.Node n = root;
            for (int i = at; i < text.length(); i++) {
                n = n.child(text.charAt(i));
                if (n == null) {
                    break;
                }
                for (int id : n.ends()) {
                    found.set(id);
                }
            }
        }
        return found;
    }
}
