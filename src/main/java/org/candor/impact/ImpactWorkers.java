package org.candor.impact;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.InvalidCampaignException;
import org.candor.evaluation.BoundsExceededException;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.impact.ImpactChange.FindingRef;
import org.candor.impact.ImpactPreview.Status;
import org.candor.impact.ImpactStore.Job;
import org.candor.intake.EvaluationPool;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.Submission;
import org.candor.intake.SubmissionStore;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.waiver.WaiverService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This instance's workers of impact previews ({@code candor.impact.workers} threads). Each claims
 * a job from the shared table, judges its campaigns on the preview's candidate rules (and, where
 * the stored evaluation was made under other rules, on the rules in force when the preview was
 * asked for), and stores the campaigns that change. Every judgement runs on the {@link
 * EvaluationPool} under the bounds of a submission's evaluation; a campaign that reaches one is
 * listed as stopped. A cancelled preview is noticed before each campaign.
 *
 * <p>The rule sets of a preview are built on each instance from the files stored with it, through
 * {@link RuleService#build} and so the rule guard, and kept built while previews use them.
 */
@Component
public class ImpactWorkers {
    private static final Logger log = LoggerFactory.getLogger(ImpactWorkers.class);

    /** How many built rule sets of previews are kept at most once no job uses them. */
    static final int KEPT = 4;

    private final ImpactStore store;
    private final SubmissionStore submissions;
    private final RuleService rules;
    private final WaiverService waivers;
    private final EvaluationPool pool;
    private final ImpactProperties properties;
    private final Evaluator evaluator;
    private final CampaignReader reader;
    private final Clock clock = Clock.systemUTC();
    /**
     * This instance in {@code claimed_by}: the process (pid@host) and a part of its own, so that
     * two instances in one process (as in the tests) are told apart too.
     */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "#"
            + UUID.randomUUID().toString().substring(0, 8);

    private final List<Thread> threads = new ArrayList<>();
    private final Object signal = new Object();
    /** Counts the wake-ups; a worker that saw it change while it looked for a job looks again at once. */
    private long wakeups;
    /** How many times a worker of this instance found no job and went idle. */
    private final AtomicLong idle = new AtomicLong();

    private final AtomicLong lastExpiry = new AtomicLong();
    private final LinkedHashMap<String, Built> built = new LinkedHashMap<>(8, 0.75f, true);
    private volatile boolean stopping;

    public ImpactWorkers(
            ImpactStore store,
            SubmissionStore submissions,
            RuleService rules,
            WaiverService waivers,
            EvaluationPool pool,
            ImpactProperties properties,
            Evaluator evaluator,
            CampaignReader reader) {
        this.store = store;
        this.submissions = submissions;
        this.rules = rules;
        this.waivers = waivers;
        this.pool = pool;
        this.properties = properties;
        this.evaluator = evaluator;
        this.reader = reader;
    }

    /** Starts the workers once the service is up. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!threads.isEmpty() || stopping) {
            return;
        }
        for (int i = 1; i <= properties.workers(); i++) {
            Thread t = new Thread(this::loop, "candor-impact-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Wakes this instance's idle workers: jobs were queued, by a preview asked for here or, as a
     * notification says, on another instance. A worker looking for a job meanwhile looks again.
     */
    void wake() {
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }

    /** This instance as it appears in the {@code claimed_by} of the jobs its workers claim, before the thread. */
    public String instance() {
        return instance;
    }

    /** How many times a worker of this instance found no job to claim and went idle. */
    public long idleCount() {
        return idle.get();
    }

    private void loop() {
        String worker = instance + "/" + Thread.currentThread().getName();
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                expireNow();
                long seen;
                synchronized (signal) {
                    seen = wakeups;
                }
                if (!runOnce(worker)) {
                    synchronized (signal) {
                        idle.incrementAndGet();
                        if (wakeups == seen) {
                            signal.wait(properties.poll().toMillis());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("impact worker {}: {}", worker, e.toString());
                sleepQuietly(properties.poll());
            }
        }
    }

    private void expireNow() {
        long now = clock.millis();
        long last = lastExpiry.get();
        if (now - last > 60_000 && lastExpiry.compareAndSet(last, now)) {
            int n = store.expire(clock.instant());
            if (n > 0) {
                log.info("{} impact preview(s) expired and deleted", n);
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Claims one job and works it through, as the worker named.
     *
     * @return whether there was a job to claim
     * @throws InterruptedException when the thread is interrupted; the job is given back
     */
    public boolean runOnce(String worker) throws InterruptedException {
        Instant now = clock.instant();
        Optional<Job> claimed = store.claim(worker, now, now.minus(properties.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        Job job = claimed.get();
        store.started(job.previewId());
        try {
            List<ImpactChange> found = judge(job);
            if (found != null) {
                store.complete(job, found, clock.instant());
            }
        } catch (InterruptedException e) {
            giveBack(job);
            throw e;
        } catch (RuntimeException e) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                // Stopped in the middle of an evaluation: not the job's fault.
                giveBack(job);
                throw new InterruptedException("stopping");
            }
            log.warn(
                    "impact preview {} job {} failed (try {} of {}): {}",
                    job.previewId(),
                    job.seq(),
                    job.attempts(),
                    properties.maxAttempts(),
                    e.toString());
            store.fail(job, describe(e), properties.maxAttempts(), clock.instant());
        }
        return true;
    }

    /**
     * Gives a job back with the thread's interrupt put aside for the storage call: the JDK closes
     * the embedded database's file channel when an interrupted thread reads or writes it.
     */
    private void giveBack(Job job) {
        boolean interrupted = Thread.interrupted();
        try {
            store.giveBack(job);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The campaigns of a job that the candidate rules judge differently; null when the preview
     * was cancelled or failed meanwhile.
     */
    private List<ImpactChange> judge(Job job) throws InterruptedException {
        ImpactPreview p = store.find(job.previewId(), Instant.EPOCH)
                .orElseThrow(() -> new IllegalStateException("the preview " + job.previewId() + " is gone"));
        Built base = null;
        Built candidate = hold(p.id(), ImpactStore.CANDIDATE, p.candidateHash());
        try {
            List<ImpactChange> found = new ArrayList<>();
            Instant beat = clock.instant();
            for (String id : job.evaluationIds()) {
                if (store.status(p.id()).orElse(Status.CANCELLED) != Status.RUNNING) {
                    return null;
                }
                if (Thread.currentThread().isInterrupted() || stopping) {
                    throw new InterruptedException("stopping");
                }
                Optional<StoredEvaluation> e = submissions.evaluation(id);
                Optional<Submission> s = e.flatMap(x -> submissions.submission(x.submissionId()));
                if (e.isEmpty() || s.isEmpty()) {
                    continue;
                }
                EvaluationResult stored = e.get().result();
                if (base == null && !stored.ruleSetHash().equals(p.baseHash())) {
                    base = hold(p.id(), ImpactStore.BASE, p.baseHash());
                }
                ImpactChange c = compare(e.get(), s.get(), p.baseHash(), base, candidate);
                if (c != null) {
                    found.add(c);
                }
                if (Duration.between(beat, clock.instant())
                                .compareTo(properties.lease().dividedBy(4))
                        > 0) {
                    beat = clock.instant();
                    store.heartbeat(job, beat);
                }
            }
            return found;
        } finally {
            release(candidate);
            if (base != null) {
                release(base);
            }
        }
    }

    /** How a campaign fares on the candidate rules, against the rules in force; null when nothing changes. */
    private ImpactChange compare(StoredEvaluation e, Submission s, String baseHash, Built base, Built candidate)
            throws InterruptedException {
        EvaluationResult stored = e.result();
        Campaign campaign;
        try {
            campaign = reader.read(s.payload().getBytes(StandardCharsets.UTF_8)).withSubmittedAt(s.asOf());
        } catch (InvalidCampaignException ex) {
            return stoppedChange(stored, e.id(), "the stored campaign no longer reads: " + ex.getMessage());
        }
        EvaluationResult before;
        EvaluationResult after;
        try {
            before = stored.ruleSetHash().equals(baseHash)
                    ? stored
                    : waivers.applyActive(s.id(), evaluate(campaign, base.ruleSet));
            after = waivers.applyActive(s.id(), evaluate(campaign, candidate.ruleSet));
        } catch (BoundsExceededException ex) {
            return stoppedChange(stored, e.id(), ex.getMessage());
        }
        Map<List<String>, Finding> was = byRuleAndSubject(before.findings());
        Map<List<String>, Finding> is = byRuleAndSubject(after.findings());
        List<FindingRef> appeared = new ArrayList<>();
        List<FindingRef> disappeared = new ArrayList<>();
        is.forEach((k, f) -> {
            if (!was.containsKey(k)) {
                appeared.add(ref(f));
            }
        });
        was.forEach((k, f) -> {
            if (!is.containsKey(k)) {
                disappeared.add(ref(f));
            }
        });
        if (before.verdict() == after.verdict() && appeared.isEmpty() && disappeared.isEmpty()) {
            return null;
        }
        return new ImpactChange(
                e.id(),
                stored.reference(),
                stored.agency(),
                stored.brand(),
                before.verdict(),
                after.verdict(),
                appeared,
                disappeared,
                null);
    }

    private static ImpactChange stoppedChange(EvaluationResult stored, String evaluationId, String why) {
        return new ImpactChange(
                evaluationId,
                stored.reference(),
                stored.agency(),
                stored.brand(),
                stored.verdict(),
                null,
                List.of(),
                List.of(),
                why);
    }

    private EvaluationResult evaluate(Campaign campaign, RuleSet ruleSet) throws InterruptedException {
        try (EvaluationPool.Place place = pool.reserveWaiting()) {
            return place.run(() -> evaluator.evaluate(campaign, ruleSet));
        }
    }

    private static Map<List<String>, Finding> byRuleAndSubject(List<Finding> findings) {
        Map<List<String>, Finding> map = new LinkedHashMap<>();
        for (Finding f : findings) {
            map.putIfAbsent(List.of(f.ruleId(), String.valueOf(f.subject())), f);
        }
        return map;
    }

    private static FindingRef ref(Finding f) {
        return new FindingRef(f.ruleId(), f.subject(), f.severity(), f.message());
    }

    // ---- the rule sets of previews, built on this instance ----

    private static final class Built {
        final RuleSet ruleSet;
        final RuleService.Lease inForce;
        int users;
        boolean evicted;

        Built(RuleSet ruleSet, RuleService.Lease inForce) {
            this.ruleSet = ruleSet;
            this.inForce = inForce;
        }
    }

    /**
     * The rule set of one side of a preview: the rules in force when they are that rule set,
     * otherwise built from the files stored with the preview (and kept built for its other jobs).
     */
    private Built hold(String previewId, String side, String hash) {
        RuleService.Lease lease = rules.lease();
        if (lease.ruleSet().hash().equals(hash)) {
            Built b = new Built(lease.ruleSet(), lease);
            b.users = 1;
            return b;
        }
        lease.close();
        synchronized (built) {
            Built b = built.get(hash);
            if (b != null) {
                b.users++;
                return b;
            }
        }
        // Built outside the lock: a build takes a second or so, and other workers go on meanwhile.
        RuleSet rs = rules.build(store.files(previewId, side));
        synchronized (built) {
            Built b = built.get(hash);
            if (b != null) {
                rules.discard(rs);
            } else {
                b = new Built(rs, null);
                built.put(hash, b);
            }
            b.users++;
            evict();
            return b;
        }
    }

    private void release(Built b) {
        if (b.inForce != null) {
            b.inForce.close();
            return;
        }
        synchronized (built) {
            b.users--;
            if (b.users == 0 && b.evicted) {
                rules.discard(b.ruleSet);
            }
        }
    }

    private void evict() {
        var it = built.values().iterator();
        while (built.size() > KEPT && it.hasNext()) {
            Built oldest = it.next();
            it.remove();
            oldest.evicted = true;
            if (oldest.users == 0) {
                rules.discard(oldest.ruleSet);
            }
        }
    }

    /**
     * Stops the workers: a job under way is given back, for this or another instance to do. A
     * worker sees the stop between two campaigns of its job and is interrupted only when it has
     * not ended in {@value #STOP_WAIT_SECONDS} s: it may be in the embedded database's file, and the
     * JDK closes a file channel whose thread is interrupted in it, under every connection.
     */
    /** How long a stop lets a worker end its job's campaign under way before interrupting it. */
    static final int STOP_WAIT_SECONDS = 10;

    @PreDestroy
    void stop() throws InterruptedException {
        List<Thread> running;
        synchronized (this) {
            stopping = true;
            running = List.copyOf(threads);
        }
        wake();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        for (Thread t : running) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
        }
        for (Thread t : running) {
            if (t.isAlive()) {
                t.interrupt();
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        synchronized (built) {
            built.values().forEach(b -> {
                b.evicted = true;
                if (b.users == 0) {
                    rules.discard(b.ruleSet);
                }
            });
            built.clear();
        }
    }
}
