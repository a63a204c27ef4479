package org.candor.rules.guard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.candor.rules.BuildProblem;

/** The refused constructs of one check, each once, as build problems of their file and line. */
final class Refusals {
    private final String file;
    private final Set<BuildProblem> problems;

    Refusals(String file, Set<BuildProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    static Set<BuildProblem> collector() {
        return new LinkedHashSet<>();
    }

    void add(int line, String message) {
        add(line, 0, message);
    }

    void add(int line, int column, String message) {
        problems.add(new BuildProblem(file, Math.max(line, 0), Math.max(column, 0), message));
    }

    static List<BuildProblem> list(Set<BuildProblem> problems) {
        return new ArrayList<>(problems);
    }
}
