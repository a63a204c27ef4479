package org.candor.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.candor.campaign.Campaign;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Tally;
import org.candor.evaluation.SubjectVerdict;
import org.candor.report.ExcelReportWriter;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) Writing the workbook of one result with 100,000 findings, in a JVM limited to 256 MB of
 * heap. Score: seconds per workbook (rows per second = 100,000 / score). The peak heap of each
 * iteration (sum of the heap pools' peaks since the iteration began: an upper bound) is printed
 * as "peak heap", and the largest is written to target's bench folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class ReportBenchmark {

    static final int FINDINGS = 100_000;

    EvaluationResult result;
    Path file;
    long maxPeak;

    @Setup
    public void setUp() throws IOException {
        RuleSet ruleSet = new RuleSetLoader().load(Packs.defaultPack());
        Evaluator evaluator = new Evaluator();
        List<Finding> findings = new ArrayList<>(FINDINGS);
        List<SubjectVerdict> posts = new ArrayList<>();
        List<SubjectVerdict> influencers = new ArrayList<>();
        EvaluationResult first = null;
        // Real findings from the corpus, copied (own strings, as a real result holds) until 100,000.
        int round = 0;
        while (findings.size() < FINDINGS) {
            for (Campaign c : CorpusGenerator.campaigns(200, 10, CorpusGenerator.SEED + round)) {
                EvaluationResult r = evaluator.evaluate(c, ruleSet);
                first = first == null ? r : first;
                String prefix = c.reference() + "/";
                for (Finding f : r.findings()) {
                    if (findings.size() == FINDINGS) {
                        break;
                    }
                    findings.add(new Finding(f.ruleId(), f.title(), f.category(), f.severity(),
                            f.subject().replace(":", ":" + prefix), new String(f.message()), new String(f.evidence()),
                            f.source(), f.remediation()));
                }
                if (posts.size() < 20_000) {
                    posts.addAll(r.posts());
                    influencers.addAll(r.influencers());
                }
            }
            round++;
        }
        Tally counts = Tally.count(findings);
        result = new EvaluationResult(first.reference(), first.agency(), first.brand(), first.productCategory(),
                first.jurisdictions(), first.asOf(), Instant.now(), ruleSet.hash(), counts.verdict(), counts,
                List.copyOf(findings), List.copyOf(posts), List.copyOf(influencers), first.checks(), List.of());
        RuleSetLoader.dispose(ruleSet);
        file = Files.createTempFile("candor-bench", ".xlsx");
        System.out.println("workbook: " + findings.size() + " findings, " + posts.size() + " posts, "
                + influencers.size() + " influencers");
    }

    @Setup(Level.Iteration)
    public void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    @TearDown(Level.Iteration)
    public void reportPeak() throws IOException {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        maxPeak = Math.max(maxPeak, peak);
        System.out.printf("peak heap %.1f MB (max -Xmx %d MB), workbook %.1f MB%n", peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576, Files.size(file) / 1048576.0);
    }

    @TearDown
    public void tearDown() throws IOException {
        Path out = Path.of(System.getProperty("candor.bench.out", "bench/results"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("report-peak-heap.txt"), String.format("%.1f MB%n", maxPeak / 1048576.0));
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Path write100kFindings() throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            new ExcelReportWriter().write(result, "bench", out);
        }
        return file;
    }

    /**
     * (e) One typical report copy: the workbook of one of the 10-post campaigns that {@code
     * bench/load.sh} sends (the load generator's corpus, 200 of them in turn), judged by the default
     * pack, written as the reports folder's copy is ({@link ExcelReportWriter#writeTo}, a temporary
     * folder). Score: milliseconds per workbook; with {@code -prof gc}, bytes allocated per
     * workbook. On a busy machine, {@link ReportCpuTime} measures the CPU time instead.
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    @Fork(1)
    public static class TypicalCopy {
        List<EvaluationResult> results;
        Path dir;
        int next;

        @Setup
        public void setUp() throws IOException {
            results = ReportCpuTime.typicalResults(200);
            dir = Files.createTempDirectory("candor-bench-copies");
        }

        @TearDown
        public void tearDown() throws IOException {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }

        @Benchmark
        public Path writeTypicalCopy() throws IOException {
            int i = next++ % results.size();
            EvaluationResult r = results.get(i);
            String id = "00000000-0000-0000-0000-" + String.format("%012d", i);
            return new ExcelReportWriter().writeTo(dir, ExcelReportWriter.archiveNameFor(id, r), r, "northwind");
        }
    }
}
