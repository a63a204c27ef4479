package org.candor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.candor.campaign.Campaign;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;

/**
 * What a rule change costs before it judges at full speed: building the default pack from files
 * no cache has seen (a comment added each round makes new content), then judging the first
 * {@code first} campaigns of the corpus with it (the engine compiles a constraint the first time
 * it is used). Wall and process CPU time of each, median over {@code rounds} after {@code warm}
 * rounds. Run it on the test class path (as the tests and the rule tests see the class path) or
 * on the jar's. Usage: {@code RuleBuildTime [warm] [rounds] [first]}.
 */
public final class RuleBuildTime {

    private RuleBuildTime() {}

    public static void main(String[] args) throws IOException {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int first = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Packs.defaultPackCopy();
        List<Campaign> corpus = CorpusGenerator.standard().subList(0, first);
        System.setProperty("candor.rules-cache.enabled", "false");
        RuleSetLoader loader = new RuleSetLoader();
        Evaluator evaluator = new Evaluator();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] figures = new double[4][rounds];
        for (int r = -warm; r < rounds; r++) {
            Files.writeString(dir.resolve("claims.drl"), "\n// round " + r + "\n", StandardOpenOption.APPEND);
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            RuleSet ruleSet = loader.load(dir);
            long c1 = os.getProcessCpuTime();
            long w1 = System.nanoTime();
            int sink = 0;
            for (Campaign c : corpus) {
                sink += evaluator.evaluate(c, ruleSet).findings().size();
            }
            long c2 = os.getProcessCpuTime();
            long w2 = System.nanoTime();
            RuleSetLoader.dispose(ruleSet);
            if (sink < 0) {
                throw new IllegalStateException();
            }
            if (r >= 0) {
                figures[0][r] = (w1 - w0) / 1e6;
                figures[1][r] = (c1 - c0) / 1e6;
                figures[2][r] = (w2 - w1) / 1e6;
                figures[3][r] = (c2 - c1) / 1e6;
            }
        }
        for (double[] f : figures) {
            Arrays.sort(f);
        }
        System.out.printf(
                "build: wall median %.0f ms (best %.0f), CPU median %.0f ms; first %d campaigns: wall median %.0f ms"
                        + " (best %.0f), CPU median %.0f ms%n",
                figures[0][rounds / 2], figures[0][0], figures[1][rounds / 2], first,
                figures[2][rounds / 2], figures[2][0], figures[3][rounds / 2]);
    }
}
