package org.candor.campaign;

import java.util.List;

/** A submission rejected as a whole, with every problem found in it. */
public class InvalidCampaignException extends RuntimeException {

    private final transient List<Problem> problems;

    public InvalidCampaignException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "the campaign is invalid";
        }
        return problems.size() == 1
                ? "1 problem: " + problems.get(0)
                : problems.size() + " problems, first: " + problems.get(0);
    }
}
