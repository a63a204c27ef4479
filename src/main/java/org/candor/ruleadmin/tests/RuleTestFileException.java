package org.candor.ruleadmin.tests;

import java.util.List;

/** A rule test file that cannot be used as it stands, with every problem found in it. */
public class RuleTestFileException extends RuntimeException {

    private final transient List<String> problems;

    public RuleTestFileException(String file, List<String> problems) {
        super(file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
