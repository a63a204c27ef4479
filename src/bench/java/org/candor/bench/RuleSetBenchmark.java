package org.candor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.RulesProperties;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * (d) Building the default pack from its folder, and reloading it in the running service
 * ({@link RuleService#reload}): read, build, swap, retire the old one. Each reload sees a changed
 * folder (a comment appended to one DRL), so it is applied, not skipped as unchanged.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RuleSetBenchmark {

    Path dir;
    RuleService service;
    int edits;

    @Setup
    public void setUp() throws IOException {
        dir = Packs.defaultPackCopy();
        service = new RuleService(new RulesProperties(dir));
    }

    @Setup(Level.Invocation)
    public void touch() throws IOException {
        Files.writeString(dir.resolve("claims.drl"), "\n// edit " + (++edits) + "\n", StandardOpenOption.APPEND);
    }

    @Benchmark
    public RuleSet build() {
        RuleSet rs = new RuleSetLoader().load(Packs.defaultPack());
        RuleSetLoader.dispose(rs);
        return rs;
    }

    @Benchmark
    public RuleService.ReloadResult reload() {
        RuleService.ReloadResult r = service.reload("bench");
        if (!r.applied()) {
            throw new IllegalStateException("reload not applied: " + r);
        }
        return r;
    }
}
