package org.candor.ruleadmin.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.candor.checking.CheckParts;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.system.EvaluationProperties;
import org.springframework.stereotype.Component;

/**
 * The officer's rule tests, {@code rules/tests/} of the rules folder, for the service: run against
 * a proposed rule set and compared with the same cases run against the rules in force, so that
 * what a change breaks is told apart from what was failing already. The results of the rules in
 * force are kept for as long as neither they nor the case files change. Each case keeps to the
 * bounds of a submission's evaluation; the cases run side by side ({@link RuleTestRunner}).
 *
 * <p>How far the run going on is can be read at any time ({@link #status()}), for the pages.
 */
@Component
public class RuleTestSuite {
    private final RuleService rules;
    private final RuleTestRunner runner;
    private final AtomicReference<Baseline> baseline = new AtomicReference<>();
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);

    /** The results of the rules in force, for the case files as they were. */
    private record Baseline(String ruleSetHash, String testsDigest, RuleTestReport report) {}

    /**
     * How far the rule tests are.
     *
     * @param running whether a run is going on
     * @param against what the cases are being run against: "the rules in force" or "the change"
     * @param done how many cases of this run have ended
     * @param total how many cases this run has
     */
    public record Status(boolean running, String against, int done, int total) {
        static final Status IDLE = new Status(false, "", 0, 0);
    }

    RuleTestSuite(RuleService rules, EvaluationProperties evaluation) {
        this.rules = rules;
        CheckParts parts = CheckParts.withoutPostLimit(evaluation.bounds());
        this.runner = new RuleTestRunner(parts.campaignReader(), parts.evaluator());
    }

    /** The run going on now, or {@link Status#running()} false. */
    public Status status() {
        return status.get();
    }

    /** The folder of the cases. */
    public Path testsDir() {
        return rules.rulesDir().resolve("tests");
    }

    /** Runs the cases against a rule set. */
    public RuleTestReport run(RuleSet ruleSet) {
        return run(ruleSet, "the change");
    }

    /**
     * Runs the cases against a proposed rule set and against the rules in force (those results
     * kept from before when nothing changed since), and tells new failures from old ones.
     */
    public RuleTestComparison compare(RuleSet proposed) {
        try (RuleService.Lease lease = rules.lease()) {
            RuleSet live = lease.ruleSet();
            String digest = digest(testsDir());
            RuleTestReport liveReport = live.hash().equals(proposed.hash()) ? null : baseline(live, digest);
            RuleTestReport proposedReport = run(proposed, "the change");
            return RuleTestComparison.of(live.hash(), proposedReport, liveReport == null ? proposedReport : liveReport);
        }
    }

    private RuleTestReport baseline(RuleSet live, String digest) {
        Baseline b = baseline.get();
        if (b != null && digest != null && b.ruleSetHash().equals(live.hash()) && digest.equals(b.testsDigest())) {
            return b.report();
        }
        RuleTestReport report = run(live, "the rules in force");
        if (digest != null) {
            baseline.set(new Baseline(live.hash(), digest, report));
        }
        return report;
    }

    private RuleTestReport run(RuleSet ruleSet, String against) {
        Status start = new Status(true, against, 0, 0);
        status.set(start);
        AtomicReference<Status> mine = new AtomicReference<>(start);
        try {
            return runner.run(testsDir(), ruleSet, (done, total) -> {
                Status next = new Status(true, against, done, total);
                // Only the latest run is shown; an older one running beside it leaves it be.
                if (status.compareAndSet(mine.get(), next)) {
                    mine.set(next);
                }
            });
        } finally {
            status.compareAndSet(mine.get(), Status.IDLE);
        }
    }

    /**
     * What the case files hold, as one SHA-256 over their paths and contents; null when the folder
     * cannot be read (then nothing is kept).
     */
    static String digest(Path tests) {
        if (!Files.isDirectory(tests)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(tests)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                sha.update(tests.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(f));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | UncheckedIOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
