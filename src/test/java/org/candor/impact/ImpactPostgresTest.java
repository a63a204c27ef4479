package org.candor.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.BoundsFixtures;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Verdict;
import org.candor.intake.EvaluationPool;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.Submission;
import org.candor.intake.SubmissionStore;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.rules.change.RuleChanges;
import org.candor.support.HeldWork;
import org.candor.support.Portfolio;
import org.candor.support.Postgres;
import org.candor.support.ServiceTest;
import org.candor.waiver.WaiverService;
import org.candor.waiver.WaiverStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Impact previews on PostgreSQL, worked by workers the test runs itself ({@code
 * candor.impact.workers=0}, so no background worker takes a job): two workers split the jobs
 * without claiming any twice, a job one worker holds is skipped by the other instead of waited
 * for ({@code FOR UPDATE SKIP LOCKED}), a stop lets the campaign under way end, and how many
 * campaigns a second one and two workers judge. The number of campaigns of the throughput run is
 * {@code candor.impact.bench.campaigns}: 50 in the default build, 10,000 under {@code -Pbench}
 * (BENCHMARKS.md).
 */
@Postgres
@ServiceTest
@TestPropertySource(
        properties = {
            "candor.impact.workers=0",
            "candor.impact.job-size=5",
            // Well above what the default pack makes of the campaigns here (BOUNDED_POSTS posts
            // included), well below what the cross-product candidate makes of that one.
            "candor.evaluation.max-firings=20000"
        })
class ImpactPostgresTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.Db.register(registry);
    }

    @Autowired
    ImpactService impact;

    @Autowired
    ImpactWorkers workers;

    @Autowired
    ImpactStore store;

    @Autowired
    SubmissionStore submissions;

    @Autowired
    RuleService rules;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EvaluationPool pool;

    @Autowired
    WaiverStore waiverStore;

    @Autowired
    Evaluator evaluator;

    @Autowired
    CampaignReader reader;

    /**
     * A thread per task: the workers here must run side by side, which the common pool does not
     * promise (on 2 cores it may have one thread, and Java 25's CompletableFuture uses it).
     */
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Posts of the campaign whose judgement on the cross-product candidate reaches the firing bound. */
    static final int BOUNDED_POSTS = 40;

    /** The candidate: more than 3% of suspected fake followers fails an influencer (not 30%). */
    static RuleChanges.Edit candidate() throws Exception {
        String now = Files.readString(Path.of("rules", "thresholds.table.csv"), StandardCharsets.UTF_8);
        String changed = now.replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"2\"")
                .replace("\"FAKE_FOLLOWERS_FAIL_PCT\",\"30\"", "\"FAKE_FOLLOWERS_FAIL_PCT\",\"3\"");
        assertThat(changed).isNotEqualTo(now);
        return RuleChanges.Edit.put("thresholds.table.csv", changed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores {@code n} campaigns of one brand, each with its evaluation on the rules in force, as
     * a submission would leave them; every other one has 4% suspected fake followers, which the
     * candidate fails.
     *
     * @return how many of them the candidate flips to FAIL
     */
    int seed(String brand, int n) throws Exception {
        List<Verdict> verdicts = Portfolio.store(
                submissions,
                rules,
                brand,
                n,
                List.of(new Portfolio.Kind(40000, 4), new Portfolio.Kind(40000, 1)),
                i -> "IMPACT-" + i);
        assertThat(verdicts).containsExactly(Verdict.PASS, Verdict.PASS);
        return (n + 1) / 2;
    }

    record JobRow(int seq, String status, int attempts, String claimedBy) {}

    List<JobRow> jobs(String previewId) {
        return jdbc.sql("SELECT seq, status, attempts, claimed_by FROM impact_job WHERE preview_id = :p ORDER BY seq")
                .param("p", previewId)
                .query((rs, n) -> new JobRow(
                        rs.getInt("seq"), rs.getString("status"), rs.getInt("attempts"), rs.getString("claimed_by")))
                .list();
    }

    @Test
    void aJobAnotherWorkerHoldsIsSkippedNotWaitedFor() throws Exception {
        String brand = "Skip " + UUID.randomUUID();
        seed(brand, 10);
        ImpactPreview p = impact.request(candidate(), null, brand, "officer");
        assertThat(jobs(p.id())).hasSize(2);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        // Worker A claims a job and keeps its transaction, and so the row lock, open.
        CompletableFuture<ImpactStore.Job> a = CompletableFuture.supplyAsync(
                () -> tx.execute(status -> {
                    ImpactStore.Job job = store.claim(
                                    "worker-A", Instant.now(), Instant.now().minusSeconds(300))
                            .orElseThrow();
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return job;
                }),
                threads);
        assertThat(held.await(2, TimeUnit.MINUTES)).isTrue();
        // Worker B claims meanwhile: it gets the other job, without waiting for A's lock.
        Optional<ImpactStore.Job> bJob;
        try {
            CompletableFuture<Optional<ImpactStore.Job>> b = CompletableFuture.supplyAsync(
                    () -> store.claim("worker-B", Instant.now(), Instant.now().minusSeconds(300)), threads);
            bJob = b.get(2, TimeUnit.MINUTES);
            assertThat(a).as("A still holds its claim open").isNotDone();
        } finally {
            release.countDown();
        }
        ImpactStore.Job aJob = a.get(2, TimeUnit.MINUTES);

        assertThat(bJob).isPresent();
        assertThat(bJob.get().seq()).isNotEqualTo(aJob.seq());
        assertThat(jobs(p.id())).extracting(JobRow::claimedBy).containsExactlyInAnyOrder("worker-A", "worker-B");
        assertThat(store.claim("worker-C", Instant.now(), Instant.now().minusSeconds(300)))
                .as("both jobs are taken")
                .isEmpty();
        // Neither worker goes on: no other test finds these jobs once their claims are old.
        impact.cancel(p.id());
    }

    @Test
    void twoWorkersSplitTheJobsAndNoJobIsDoneTwice() throws Exception {
        String brand = "Split " + UUID.randomUUID();
        int flips = seed(brand, 60);
        ImpactPreview p = impact.request(candidate(), null, brand, "officer");

        Map<String, Integer> jobsBy = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (String worker : List.of("worker-A", "worker-B")) {
            running.add(CompletableFuture.runAsync(
                    () -> {
                        try {
                            while (workers.runOnce(worker)) {
                                jobsBy.merge(worker, 1, Integer::sum);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    threads));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);

        List<JobRow> jobs = jobs(p.id());
        assertThat(jobs).hasSize(12);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo("DONE");
            assertThat(j.attempts()).as("job %s claimed once", j.seq()).isEqualTo(1);
        });
        assertThat(jobsBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
        Set<String> claimers = new HashSet<>();
        jobs.forEach(j -> claimers.add(j.claimedBy()));
        assertThat(claimers).containsExactlyInAnyOrder("worker-A", "worker-B");
        ImpactService.Report r = impact.report(p.id()).orElseThrow();
        assertThat(r.preview().status()).isEqualTo(ImpactPreview.Status.DONE);
        assertThat(r.preview().done()).isEqualTo(60);
        assertThat(r.changes()).hasSize(flips);
        assertThat(r.changes()).allSatisfy(c -> {
            assertThat(c.verdictBefore().name()).isEqualTo("PASS");
            assertThat(c.verdictAfter().name()).isEqualTo("FAIL");
        });
        assertThat(r.changes().stream().map(ImpactChange::evaluationId).distinct())
                .hasSize(flips);
    }

    /** Stores a campaign (JSON) under a brand and reference, with its evaluation on the given rules. */
    StoredEvaluation store(byte[] json, String brand, String reference, RuleSet ruleSet) throws Exception {
        ObjectNode c = (ObjectNode) mapper.readTree(json);
        c.put("brand", brand).put("reference", reference);
        String payload = mapper.writeValueAsString(c);
        Campaign campaign = new CampaignReader().read(payload.getBytes(StandardCharsets.UTF_8));
        // Under the bounds of the service: the stored side was judged as a submission is.
        EvaluationResult result = new Evaluator(pool.bounds()).evaluate(campaign, ruleSet);
        Instant at = Instant.parse("2026-10-01T09:00:00Z");
        Submission s = new Submission(
                UUID.randomUUID().toString(),
                reference,
                "Northwind Media",
                brand,
                "northwind",
                at,
                at,
                Submission.RECEIVED,
                "h-" + reference,
                "application/json",
                payload);
        submissions.insert(s);
        StoredEvaluation e =
                new StoredEvaluation(UUID.randomUUID().toString(), s.id(), "northwind", "northwind", result);
        submissions.insert(e, true);
        return e;
    }

    StoredEvaluation store(byte[] json, String brand, String reference) throws Exception {
        try (RuleService.Lease lease = rules.lease()) {
            return store(json, brand, reference, lease.ruleSet());
        }
    }

    /** The passing campaign with its audience changed, as JSON. */
    byte[] passing(int followers, int fakePct) throws Exception {
        ObjectNode c = (ObjectNode) mapper.readTree(new ClassPathResource("cli/passing.json").getContentAsByteArray());
        ((ObjectNode) c.path("influencers").get(0).path("audience"))
                .put("followers", followers)
                .put("suspectedFakeFollowersPct", fakePct);
        return mapper.writeValueAsBytes(c);
    }

    /** Works every claimable job through as one worker. */
    void drain(String worker) throws InterruptedException {
        while (workers.runOnce(worker)) {
            // the next job
        }
    }

    @Test
    void aCampaignWhoseJudgementReachesABoundIsListedAsStoppedAndThePreviewCompletes() throws Exception {
        String brand = "Bounds " + UUID.randomUUID();
        StoredEvaluation big = store(BoundsFixtures.campaignWithPosts(BOUNDED_POSTS), brand, "BOUNDS-BIG");
        StoredEvaluation small = store(passing(40000, 1), brand, "BOUNDS-SMALL");
        // The candidate adds a rule matching every triple of posts: 64,000 matches for 40 posts,
        // past the firing bound of this service; one for the one-post campaign.
        byte[] crossProduct = Files.readAllBytes(Path.of("src/test/resources/rulesets/bounds/cross-product.drl"));
        ImpactPreview p =
                impact.request(RuleChanges.Edit.put("cross-product.drl", crossProduct), null, brand, "officer");
        drain("bounds-worker");

        ImpactService.Report r = impact.report(p.id()).orElseThrow();
        assertThat(r.preview().status()).isEqualTo(ImpactPreview.Status.DONE);
        assertThat(r.preview().done()).isEqualTo(2);
        assertThat(r.flipsTo(Verdict.PASS) + r.flipsTo(Verdict.FAIL))
                .as("no flips")
                .isZero();
        assertThat(r.changes()).hasSize(2);
        ImpactChange stopped = r.changes().stream()
                .filter(c -> c.evaluationId().equals(big.id()))
                .findFirst()
                .orElseThrow();
        assertThat(stopped.stopped()).contains("firings");
        assertThat(stopped.verdictBefore()).isEqualTo(big.result().verdict());
        assertThat(stopped.verdictAfter()).isNull();
        assertThat(stopped.flipped()).isFalse();
        assertThat(stopped.appeared()).isEmpty();
        assertThat(stopped.disappeared()).isEmpty();
        ImpactChange judged = r.changes().stream()
                .filter(c -> c.evaluationId().equals(small.id()))
                .findFirst()
                .orElseThrow();
        assertThat(judged.stopped()).isNull();
        assertThat(judged.verdictAfter()).isEqualTo(Verdict.PASS);
        assertThat(judged.appeared())
                .extracting(ImpactChange.FindingRef::ruleId)
                .containsExactly("LOAD-001");
    }

    @Test
    void anEvaluationMadeOnOlderRulesIsComparedWithWhatTheRulesInForceSayOfIt() throws Exception {
        String brand = "Older " + UUID.randomUUID();
        // Older rules accepted an audience overstated by 1% at most: both campaigns (1.3% over)
        // failed then; the rules in force (10%) pass them.
        Map<String, byte[]> older = new java.util.TreeMap<>(rules.current().contents());
        String table = new String(older.get("thresholds.table.csv"), StandardCharsets.UTF_8);
        String strict = table.replace("\"AUDIENCE_OVERCLAIM_PCT\",\"10\"", "\"AUDIENCE_OVERCLAIM_PCT\",\"1\"");
        assertThat(strict).isNotEqualTo(table);
        older.put("thresholds.table.csv", strict.getBytes(StandardCharsets.UTF_8));
        RuleSet olderRules = rules.build(older);
        StoredEvaluation flips;
        StoredEvaluation same;
        try {
            assertThat(olderRules.hash()).isNotEqualTo(rules.current().hash());
            flips = store(passing(40000, 4), brand, "OLDER-FLIPS", olderRules);
            same = store(passing(40000, 1), brand, "OLDER-SAME", olderRules);
        } finally {
            rules.discard(olderRules);
        }
        assertThat(flips.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(same.result().verdict()).isEqualTo(Verdict.FAIL);

        ImpactPreview p = impact.request(candidate(), null, brand, "officer");
        drain("older-worker");

        ImpactService.Report r = impact.report(p.id()).orElseThrow();
        assertThat(r.preview().status()).isEqualTo(ImpactPreview.Status.DONE);
        assertThat(r.preview().baseHash()).isEqualTo(rules.current().hash());
        // Against the stored (older) evaluations, the first would stay FAIL and the second flip
        // to PASS; against the rules in force, the first flips to FAIL and the second is unchanged.
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.evaluationId()).isEqualTo(flips.id());
            assertThat(c.verdictBefore()).isEqualTo(Verdict.PASS);
            assertThat(c.verdictAfter()).isEqualTo(Verdict.FAIL);
            assertThat(c.disappeared()).as("no CLAIM-001 of the older rules").isEmpty();
            assertThat(c.appeared()).isNotEmpty();
        });
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenOverAndEachCampaignIsJudgedOnce() throws Exception {
        String brand = "Takeover " + UUID.randomUUID();
        int flips = seed(brand, 10);
        ImpactPreview p = impact.request(candidate(), null, brand, "officer");
        // A worker claimed the first job an hour ago and was never heard of again.
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        ImpactStore.Job dead = store.claim("dead-worker", anHourAgo, anHourAgo.minusSeconds(300))
                .orElseThrow();
        assertThat(dead.previewId()).isEqualTo(p.id());

        drain("live-worker");

        List<JobRow> jobs = jobs(p.id());
        assertThat(jobs).hasSize(2).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo("DONE");
            assertThat(j.claimedBy()).isEqualTo("live-worker");
        });
        assertThat(jobs.get(dead.seq()).attempts())
                .as("claimed by the dead worker, then taken over")
                .isEqualTo(2);
        ImpactService.Report r = impact.report(p.id()).orElseThrow();
        assertThat(r.preview().status()).isEqualTo(ImpactPreview.Status.DONE);
        assertThat(r.preview().done()).isEqualTo(10);
        assertThat(r.changes()).hasSize(flips);

        // The dead worker comes back and reports its job: nothing is stored or counted again.
        store.heartbeat(dead, Instant.now());
        assertThat(store.complete(dead, r.changes(), Instant.now())).isFalse();
        ImpactService.Report again = impact.report(p.id()).orElseThrow();
        assertThat(again.preview().done()).isEqualTo(10);
        assertThat(again.changes()).isEqualTo(r.changes());
        assertThat(again.changes().stream().map(ImpactChange::evaluationId).distinct())
                .hasSize(flips);
        assertThat(jobs(p.id())).extracting(JobRow::claimedBy).containsOnly("live-worker");
    }

    @Test
    void cancellingWhileAJobIsClaimedStopsTheRestAndKeepsWhatWasFound() throws Exception {
        String brand = "Cancel " + UUID.randomUUID();
        seed(brand, 15);
        ImpactPreview p = impact.request(candidate(), null, brand, "officer");
        assertThat(workers.runOnce("first-worker")).isTrue();
        ImpactStore.Job held = store.claim(
                        "holding-worker", Instant.now(), Instant.now().minusSeconds(300))
                .orElseThrow();
        assertThat(held.previewId()).isEqualTo(p.id());
        List<ImpactChange> foundBefore = impact.report(p.id()).orElseThrow().changes();
        assertThat(foundBefore).isNotEmpty();

        ImpactService.Report cancelled = impact.cancel(p.id()).orElseThrow();

        assertThat(cancelled.preview().status()).isEqualTo(ImpactPreview.Status.CANCELLED);
        assertThat(cancelled.preview().finishedAt()).isNotNull();
        assertThat(jobs(p.id())).extracting(JobRow::status).containsExactly("DONE", "CANCELLED", "CANCELLED");
        // The worker holding a job finishes it: its results are not stored, nor counted.
        List<ImpactChange> late = List.of(new ImpactChange(
                held.evaluationIds().get(0),
                "LATE",
                "Northwind Media",
                brand,
                Verdict.PASS,
                Verdict.FAIL,
                List.of(),
                List.of(),
                null));
        assertThat(store.complete(held, late, Instant.now())).isFalse();
        ImpactService.Report after = impact.report(p.id()).orElseThrow();
        assertThat(after.preview().status()).isEqualTo(ImpactPreview.Status.CANCELLED);
        assertThat(after.preview().done()).isEqualTo(5);
        assertThat(after.changes()).isEqualTo(foundBefore);
        assertThat(jobs(p.id())).extracting(JobRow::status).containsExactly("DONE", "CANCELLED", "CANCELLED");
    }

    /**
     * A stop that comes while a worker judges a campaign lets the campaign end, and a job whose
     * last campaign it was is stored done. The worker is not interrupted: it may be in the
     * embedded database's file, and the JDK closes a file channel whose thread is interrupted in
     * it, under every connection. A worker of its own, held in the look-up of the campaign's
     * waivers, after its evaluation on the candidate rules.
     */
    @Test
    void aStopWhileAWorkerJudgesACampaignLetsItEndUninterruptedAndTheJobIsStored() throws Exception {
        String brand = "Stop " + UUID.randomUUID();
        int flips = seed(brand, 1);
        ImpactPreview p = impact.request(candidate(), null, brand, "officer");
        HeldWork hold = new HeldWork();
        WaiverService heldInWaivers = new WaiverService(waiverStore, submissions) {
            @Override
            public EvaluationResult applyActive(String submissionId, EvaluationResult result) {
                if (brand.equals(result.brand())) {
                    hold.here();
                }
                return super.applyActive(submissionId, result);
            }
        };
        ImpactWorkers one = new ImpactWorkers(
                store,
                submissions,
                rules,
                heldInWaivers,
                pool,
                new ImpactProperties(1, 5, Duration.ofSeconds(1), false, null, null, null),
                evaluator,
                reader);
        one.start();
        assertThat(hold.reached(Duration.ofMinutes(2)))
                .as("the worker judges the campaign")
                .isTrue();

        // Held until the stop waits for the worker to end (a join with its deadline), or returned.
        assertThat(hold.stopWhileHeld(one::stop)).as("the stop returned").isTrue();
        assertThat(hold.interrupted()).as("the worker interrupted by the stop").isFalse();
        assertThat(jobs(p.id())).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo("DONE");
            assertThat(j.attempts()).isEqualTo(1);
            assertThat(j.claimedBy()).startsWith(one.instance() + "/");
        });
        ImpactService.Report r = impact.report(p.id()).orElseThrow();
        assertThat(r.preview().status()).isEqualTo(ImpactPreview.Status.DONE);
        assertThat(r.preview().done()).isEqualTo(1);
        assertThat(r.changes()).hasSize(flips).allSatisfy(c -> {
            assertThat(c.verdictBefore()).isEqualTo(Verdict.PASS);
            assertThat(c.verdictAfter()).isEqualTo(Verdict.FAIL);
        });
    }

    @Test
    void throughputWithOneAndTwoWorkers() throws Exception {
        int n = Integer.getInteger("candor.impact.bench.campaigns", 50);
        String brand = "Throughput " + UUID.randomUUID();
        int flips = seed(brand, n);
        // The candidate rule set is built once per instance and kept: a small preview first, so
        // that neither timed run includes the build.
        String warmUp = "Warm-up " + UUID.randomUUID();
        seed(warmUp, 2);
        impact.request(candidate(), null, warmUp, "officer");
        while (workers.runOnce("warm-up")) {
            // the next job
        }
        StringBuilder figures = new StringBuilder();
        // One worker, two, then both again: the first run also warms the engine up (BENCHMARKS.md).
        for (int count : new int[] {1, 2, 1, 2}) {
            ImpactPreview p = impact.request(candidate(), null, brand, "officer");
            long start = System.nanoTime();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                String worker = "bench-" + count + "-" + w;
                running.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                while (workers.runOnce(worker)) {
                                    // the next job
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        threads));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(2, TimeUnit.HOURS);
            double seconds = (System.nanoTime() - start) / 1e9;
            ImpactService.Report r = impact.report(p.id()).orElseThrow();
            assertThat(r.preview().status()).isEqualTo(ImpactPreview.Status.DONE);
            assertThat(r.preview().done()).isEqualTo(n);
            assertThat(r.changes()).hasSize(flips);
            figures.append(String.format(
                    java.util.Locale.ROOT,
                    "impact preview on PostgreSQL: %d campaigns, %d worker(s), %.1f s, %.1f campaigns/s%n",
                    n,
                    count,
                    seconds,
                    n / seconds));
        }
        System.out.print(figures);
        Path out = Path.of(System.getProperty("candor.test.out", "target"), "impact-throughput.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures, StandardCharsets.UTF_8);
    }
}
