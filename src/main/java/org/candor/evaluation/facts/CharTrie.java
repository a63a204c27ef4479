package org.candor.evaluation.facts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Strings stored by their characters, each end holding the numbers its owner gave it: the text is
 * walked once from a place and every stored string that starts there is met on the way. ASCII
 * characters go through an array, others through a map.
 */
final class CharTrie {

    /** One node: the numbers of the strings that end here, and what follows. */
    static final class Node {
        private static final int[] NONE = new int[0];

        private Node[] ascii;
        private Map<Character, Node> other;
        private int[] ends = NONE;

        /** The node after {@code c}, or null when no stored string goes on that way. */
        Node child(char c) {
            if (c < 0x80) {
                return ascii == null ? null : ascii[c];
            }
            return other == null ? null : other.get(c);
        }

        /** The numbers of the strings that end here, in the order they were added. */
        int[] ends() {
            return ends;
        }

        private Node add(char c) {
            Node n = child(c);
            if (n == null) {
                n = new Node();
                if (c < 0x80) {
                    if (ascii == null) {
                        ascii = new Node[0x80];
                    }
                    ascii[c] = n;
                } else {
                    if (other == null) {
                        other = new HashMap<>();
                    }
                    other.put(c, n);
                }
            }
            return n;
        }
    }

    private final Node root = new Node();

    Node root() {
        return root;
    }

    /** Stores {@code key}, its end holding {@code numbers} after those it held. */
    void add(String key, int... numbers) {
        Node n = root;
        for (int i = 0; i < key.length(); i++) {
            n = n.add(key.charAt(i));
        }
        int from = n.ends.length;
        n.ends = Arrays.copyOf(n.ends, from + numbers.length);
        System.arraycopy(numbers, 0, n.ends, from, numbers.length);
    }
}
