package org.candor.rules;

import java.util.List;

/** The rule files do not build; nothing of them was put in force. */
public class RuleBuildException extends RuntimeException {
    private final transient List<BuildProblem> problems;

    public RuleBuildException(List<BuildProblem> problems) {
        super(problems.size() + " rule build problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + String.join(
                        "\n  ", problems.stream().map(BuildProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<BuildProblem> problems() {
        return problems;
    }
}
