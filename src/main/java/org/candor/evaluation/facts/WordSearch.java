package org.candor.evaluation.facts;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

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

    /** The strings of this search that {@code text} contains, each found wherever it starts. */
    BitSet in(String text) {
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

    /**
     * {@code text.contains(s)} for the strings of this search, the text walked once, on the first
     * question; a string this search does not look for is looked up in the text itself.
     */
    Predicate<String> containedIn(String text) {
        return new Predicate<>() {
            private BitSet found;

            @Override
            public boolean test(String s) {
                Integer id = ids.get(s);
                if (id == null) {
                    return text.contains(s);
                }
                if (found == null) {
                    found = in(text);
                }
                return found.get(id);
            }
        };
    }
}
