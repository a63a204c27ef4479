package org.candor.bench;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.candor.campaign.Campaign;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (b) The Drools path against the plain-Java baseline on the same rules (DISC-001 to DISC-004,
 * CLAIM-001, CLAIM-006) and the same corpus, in posts per second. The ratio of the two scores is
 * the ratio of Drools time to plain-Java time. Before measuring, the setup checks that both give
 * the same findings for every campaign of the corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SubsetBenchmark {

    RuleSet subset;
    List<Campaign> corpus;
    Evaluator evaluator;
    PlainJavaBaseline baseline;

    @Setup
    public void setUp() {
        subset = new RuleSetLoader().load(Packs.subsetPack());
        List<String> ids = subset.catalog().stream().map(m -> m.id()).toList();
        if (!new HashSet<>(ids).equals(Packs.SUBSET)) {
            throw new IllegalStateException("subset pack has rules " + ids);
        }
        corpus = CorpusGenerator.standard();
        evaluator = new Evaluator();
        baseline = new PlainJavaBaseline(subset);
        int findings = 0;
        for (Campaign c : corpus) {
            List<Finding> drools = evaluator.evaluate(c, subset).findings();
            List<Finding> plain = baseline.evaluate(c);
            if (!drools.equals(plain)) {
                throw new IllegalStateException(
                        "baseline differs from Drools on " + c.reference() + ":\n" + drools + "\n" + plain);
            }
            findings += drools.size();
        }
        System.out.println("subset: baseline and Drools agree on " + findings + " findings");
    }

    @TearDown
    public void tearDown() {
        RuleSetLoader.dispose(subset);
    }

    @Benchmark
    @OperationsPerInvocation(EvaluationBenchmark.POSTS_PER_CAMPAIGN)
    public Object drools(CorpusCursor cursor) {
        return evaluator.evaluate(cursor.next(corpus), subset);
    }

    @Benchmark
    @OperationsPerInvocation(EvaluationBenchmark.POSTS_PER_CAMPAIGN)
    public Object plainJava(CorpusCursor cursor) {
        return baseline.evaluate(cursor.next(corpus));
    }
}
