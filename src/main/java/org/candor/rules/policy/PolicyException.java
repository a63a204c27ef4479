package org.candor.rules.policy;

import java.util.List;

/** The policy tables hold values the checks cannot use; each message names the row. */
public class PolicyException extends RuntimeException {
    private final transient List<String> problems;

    public PolicyException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
