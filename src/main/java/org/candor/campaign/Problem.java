package org.candor.campaign;

/**
 * One thing wrong with a submission. {@code path} locates it: a JSON path such as
 * {@code $.posts[2].influencer} for JSON input, or a sheet and cell for workbooks.
 */
public record Problem(String path, String message) implements Comparable<Problem> {

    @Override
    public int compareTo(Problem other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
