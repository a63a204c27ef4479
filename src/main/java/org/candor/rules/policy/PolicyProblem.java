package org.candor.rules.policy;

/**
 * A policy table value the checks cannot use, with the row it comes from ({@link RowOrigin#NONE}
 * for a problem of the tables as a whole).
 */
public record PolicyProblem(RowOrigin origin, String message) {

    @Override
    public String toString() {
        return origin == RowOrigin.NONE ? message : origin + ": " + message;
    }
}
