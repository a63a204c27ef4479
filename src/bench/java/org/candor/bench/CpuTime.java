package org.candor.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.candor.campaign.Campaign;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;

/**
 * CPU time per post of the full pack, for A/B comparisons on a busy machine: JMH measures wall
 * time, which another process on the same cores inflates; the CPU time of the judging thread is
 * much less affected. Judges the corpus {@code warm} times, then {@code runs} times, and prints the
 * median and the best pass in microseconds of CPU per post, and the median of the bytes the judging
 * thread allocated per post (what the collector has to clear: the same from run to run).
 * Usage: {@code CpuTime [warm] [runs] [subset]}.
 */
public final class CpuTime {

    private CpuTime() {}

    public static void main(String[] args) {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean subset = args.length > 2 && args[2].equals("subset");
        RuleSet ruleSet = new RuleSetLoader().load(subset ? Packs.subsetPack() : Packs.defaultPack());
        List<Campaign> corpus = CorpusGenerator.standard();
        Evaluator evaluator = new Evaluator();
        PlainJavaBaseline baseline = subset ? new PlainJavaBaseline(ruleSet) : null;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String what : subset ? List.of("drools", "plain") : List.of("full")) {
            double[] cpu = new double[runs];
            double[] wall = new double[runs];
            double[] allocated = new double[runs];
            for (int r = -warm; r < runs; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long a0 = mx.getCurrentThreadAllocatedBytes();
                long w0 = System.nanoTime();
                int sink = 0;
                for (Campaign c : corpus) {
                    sink += what.equals("plain")
                            ? baseline.evaluate(c).size()
                            : evaluator.evaluate(c, ruleSet).findings().size();
                }
                if (r >= 0) {
                    cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1000.0 / EvaluationBenchmark.POSTS;
                    wall[r] = (System.nanoTime() - w0) / 1000.0 / EvaluationBenchmark.POSTS;
                    allocated[r] = (mx.getCurrentThreadAllocatedBytes() - a0) / 1024.0 / EvaluationBenchmark.POSTS;
                }
                if (sink < 0) {
                    throw new IllegalStateException();
                }
            }
            Arrays.sort(cpu);
            Arrays.sort(wall);
            Arrays.sort(allocated);
            System.out.printf(
                    "%s: CPU per post median %.1f us, best %.1f us (%.0f posts/s of CPU); wall median %.1f us;"
                            + " allocated per post %.1f KiB%n",
                    what, cpu[runs / 2], cpu[0], 1e6 / cpu[runs / 2], wall[runs / 2], allocated[runs / 2]);
        }
        RuleSetLoader.dispose(ruleSet);
    }
}
