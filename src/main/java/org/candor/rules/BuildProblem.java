package org.candor.rules;

/**
 * A rule file that cannot be used: the file (relative to the rules folder), the line and column
 * where known (0 when not), and the message.
 */
public record BuildProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "rules" : file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(message).toString();
    }
}
