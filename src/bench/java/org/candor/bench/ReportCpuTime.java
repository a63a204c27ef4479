package org.candor.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.candor.campaign.Campaign;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.report.ExcelReportWriter;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;

/**
 * CPU time of one typical report copy, for A/B comparisons on a busy machine: the workbooks of the
 * 10-post campaigns that {@code bench/load.sh} sends (the load generator's corpus), judged by the
 * default pack, written one after another into the reports folder's way of writing ({@link
 * ExcelReportWriter#writeTo}, a temporary folder) on this thread. Prints, per pass, the thread's
 * CPU time and the wall time per workbook in milliseconds, then the median and best pass. Run it
 * under JFR ({@code bench/jfr-summary.py}) to see where the time goes.
 *
 * <p>Usage: {@code ReportCpuTime [warm passes] [passes] [workbooks per pass] [disk|memory]}
 * ({@code memory}: into a stream that drops the bytes, as a download's buffer would without the copy).
 */
public final class ReportCpuTime {

    private ReportCpuTime() {}

    /** The evaluations of the first {@code count} campaigns of the load generator's corpus. */
    public static List<EvaluationResult> typicalResults(int count) {
        RuleSet ruleSet = new RuleSetLoader().load(Packs.defaultPack());
        try {
            Evaluator evaluator = new Evaluator();
            List<EvaluationResult> results = new ArrayList<>(count);
            for (Campaign c : CorpusGenerator.campaigns(count, 10, CorpusGenerator.SEED)) {
                results.add(evaluator.evaluate(c, ruleSet));
            }
            return results;
        } finally {
            RuleSetLoader.dispose(ruleSet);
        }
    }

    public static void main(String[] args) throws IOException {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        boolean disk = args.length <= 3 || !args[3].equals("memory");
        List<EvaluationResult> results = typicalResults(count);
        System.out.printf(
                "%d workbooks, %.1f findings each on average%n",
                count,
                results.stream().mapToInt(r -> r.findings().size()).average().orElse(0));
        ExcelReportWriter writer = new ExcelReportWriter();
        Path dir = Files.createTempDirectory("candor-report-cpu");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        try {
            for (int r = -warm; r < runs; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                int i = 0;
                for (EvaluationResult result : results) {
                    String id = "00000000-0000-0000-0000-" + String.format("%012d", i++);
                    if (disk) {
                        writer.writeTo(dir, ExcelReportWriter.archiveNameFor(id, result), result, "northwind");
                    } else {
                        writer.write(result, "northwind", OutputStream.nullOutputStream());
                    }
                }
                double c = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / count;
                double w = (System.nanoTime() - w0) / 1e6 / count;
                System.out.printf(
                        "%s pass: CPU %.2f ms, wall %.2f ms per workbook%n", r < 0 ? "warm-up" : "measured", c, w);
                if (r >= 0) {
                    cpu[r] = c;
                    wall[r] = w;
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(
                "median of %d passes of %d (%s): CPU %.2f ms per workbook (best %.2f), wall %.2f ms%n",
                runs, count, disk ? "disk" : "memory", cpu[runs / 2], cpu[0], wall[runs / 2]);
    }
}
