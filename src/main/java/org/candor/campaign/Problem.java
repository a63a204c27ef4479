package org.candor.campaign;

/**
 * One thing wrong with a submission. {@code path} locates it: a JSON path such as
 * {@code $.posts[2].influencer} for JSON input, or a sheet and cell for workbooks. Problems sort
 * by path, list indexes by number ({@code posts[2]} before {@code posts[10]}), then by message.
 */
public record Problem(String path, String message) implements Comparable<Problem> {

    @Override
    public int compareTo(Problem other) {
        int byPath = comparePaths(path, other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }

    /** Compares text, but runs of digits by their value. */
    static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                String na = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
