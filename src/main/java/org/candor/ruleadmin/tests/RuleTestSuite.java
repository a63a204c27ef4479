package org.candor.ruleadmin.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.candor.checking.CheckParts;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.system.EvaluationProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The officer's rule tests, {@code rules/tests/} of the rules folder, for the service: run against
 * a proposed rule set and compared with the same cases run against the rules in force, so that
 * what a change breaks is told apart from what was failing already. Each case keeps to the bounds
 * of a submission's evaluation; the cases run side by side ({@link RuleTestRunner}).
 *
 * <p>A run's results are kept, for the {@value #KEPT} rule sets run last, by the rule set's content
 * hash and the case files' digest: the same files judged by the same cases give the same results.
 * So an officer who tests a change and then saves it waits for one run, not two; the rules put in
 * force by a save are not run again as the next change's comparison; and undoing a change finds
 * the results of the rules it goes back to. A run in which a case was stopped at the bounds is not
 * kept: on a busy machine a case may reach the deadline that would not reach it on a quiet one.
 *
 * <p>How far the run going on is can be read at any time ({@link #status()}), for the pages.
 */
@Component
public class RuleTestSuite {
    private final RuleService rules;
    private final RuleTestRunner runner;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);

    /** How many runs' results are kept. */
    static final int KEPT = 8;

    /** The results of the last runs, by rule set and case files, least recently used first. */
    private final Map<Kept, RuleTestReport> kept;

    /** What a run's results hold for: a rule set's content and the case files as they were. */
    private record Kept(String ruleSetHash, String testsDigest) {}

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

    @Autowired
    RuleTestSuite(RuleService rules, EvaluationProperties evaluation) {
        this(rules, evaluation, KEPT);
    }

    /** A suite keeping the results of the last {@code runs} runs. */
    RuleTestSuite(RuleService rules, EvaluationProperties evaluation, int runs) {
        this.rules = rules;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Kept, RuleTestReport> eldest) {
                return size() > runs;
            }
        };
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

    /** Runs the cases against a rule set (or answers the results kept of the same run). */
    public RuleTestReport run(RuleSet ruleSet) {
        return results(ruleSet, digest(testsDir()), "the change");
    }

    /**
     * Runs the cases against a proposed rule set and against the rules in force, and tells new
     * failures from old ones; either run's results may be kept from before.
     */
    public RuleTestComparison compare(RuleSet proposed) {
        try (RuleService.Lease lease = rules.lease()) {
            RuleSet live = lease.ruleSet();
            String digest = digest(testsDir());
            RuleTestReport liveReport =
                    live.hash().equals(proposed.hash()) ? null : results(live, digest, "the rules in force");
            RuleTestReport proposedReport = results(proposed, digest, "the change");
            return RuleTestComparison.of(live.hash(), proposedReport, liveReport == null ? proposedReport : liveReport);
        }
    }

    /**
     * The results of the cases against a rule set: kept ones when the same rule set ran the same
     * case files before, else a run's (kept unless a case was stopped at the bounds).
     *
     * @param digest the case files' digest; null when they could not be read (then nothing is
     *     kept or looked up)
     */
    private RuleTestReport results(RuleSet ruleSet, String digest, String against) {
        Kept key = digest == null ? null : new Kept(ruleSet.hash(), digest);
        if (key != null) {
            synchronized (kept) {
                RuleTestReport before = kept.get(key);
                if (before != null) {
                    return before;
                }
            }
        }
        RuleTestReport report = run(ruleSet, against);
        if (key != null && report.results().stream().noneMatch(RuleTestRunner::stoppedAtBounds)) {
            synchronized (kept) {
                kept.put(key, report);
            }
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
