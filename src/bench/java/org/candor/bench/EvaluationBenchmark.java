package org.candor.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.candor.campaign.Campaign;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (a) Evaluation throughput of the full default pack, in posts per second: one operation is one
 * post; an invocation judges one campaign of 10 posts, the next of the corpus (1,000 campaigns), so
 * an iteration walks the corpus round and round.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EvaluationBenchmark {

    static final int POSTS = 1000 * 10;
    static final int POSTS_PER_CAMPAIGN = 10;

    RuleSet ruleSet;
    List<Campaign> corpus;
    Evaluator evaluator;

    @Setup
    public void setUp() {
        ruleSet = new RuleSetLoader().load(Packs.defaultPack());
        corpus = CorpusGenerator.standard();
        evaluator = new Evaluator();
        int findings = 0;
        for (Campaign c : corpus) {
            findings += evaluator.evaluate(c, ruleSet).findings().size();
        }
        System.out.println("corpus: " + corpus.size() + " campaigns, " + POSTS + " posts, " + findings + " findings");
    }

    @TearDown
    public void tearDown() {
        RuleSetLoader.dispose(ruleSet);
    }

    @Benchmark
    @OperationsPerInvocation(POSTS_PER_CAMPAIGN)
    public EvaluationResult fullPack(CorpusCursor cursor) {
        return evaluator.evaluate(cursor.next(corpus), ruleSet);
    }

    /** Both cores: two threads share the rule set and the evaluator, as the service's request threads do. */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(POSTS_PER_CAMPAIGN)
    public EvaluationResult fullPack2Threads(CorpusCursor cursor) {
        return fullPack(cursor);
    }
}
