package org.candor.rules.policy;

import java.util.List;

/** The policy tables hold values the checks cannot use; each problem names its row. */
public class PolicyException extends RuntimeException {
    private final transient List<PolicyProblem> details;

    public PolicyException(List<PolicyProblem> details) {
        super(String.join("; ", details.stream().map(PolicyProblem::toString).toList()));
        this.details = List.copyOf(details);
    }

    /** Each problem as text, its row first. */
    public List<String> problems() {
        return details.stream().map(PolicyProblem::toString).toList();
    }

    /** Each problem with the file and row it comes from. */
    public List<PolicyProblem> details() {
        return details;
    }
}
