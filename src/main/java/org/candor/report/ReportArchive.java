package org.candor.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.candor.evaluation.EvaluationResult;
import org.candor.intake.EvaluationArchive;
import org.candor.intake.EvaluationPool;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.SubmissionStore;
import org.candor.system.CandorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes each stored evaluation's workbook to {@code candor.reports-dir} as {@code
 * <agency>_<evaluation id>_<reference>.xlsx}, on a thread of its own, so the request that
 * submitted the campaign does not wait for it. The API and the pages build the workbook again
 * from the stored evaluation on every download; the copy on disk is for people who read the
 * folder, and none is lost:
 *
 * <ul>
 *   <li>a copy that finds the queue full ({@value #QUEUE} waiting) is skipped for the moment, and
 *       one that fails (full disk) is retried; once the queue has drained, the <em>catch-up</em>
 *       writes the copies of the stored evaluations that have none in the folder, from shortly
 *       before the first one missed (after a failure, not sooner than {@link #RETRY_AFTER_FAILURE});
 *   <li>on start the catch-up looks at every stored evaluation, so the copies a stop, a crash or a
 *       time with {@code candor.reports-copy=false} left unwritten are written then;
 *   <li>a copy whose file is already in the folder is not written again.
 * </ul>
 *
 * <p>The copies are background work and give way to the submissions. While submissions arrive
 * ({@link EvaluationPool#submissionsArriving()}) the writer takes at most {@code
 * candor.reports-copy.busy-share} of one core (default a tenth): after each copy it pauses for
 * the copy's processor time × (1/share − 1) ({@link CopyPacing}); the catch-up is paced the same
 * way. While every evaluation thread is taken ({@link EvaluationPool#saturated()}) it waits. Under
 * sustained load the copies therefore lag, the queue fills and further copies are skipped for the
 * moment (one warning per burst); once it is quiet the writer runs at full speed and the catch-up
 * writes them all. Outcomes are counted as {@code
 * candor.reports.archived{outcome}}: {@code written}, {@code caught_up} (written by the catch-up),
 * {@code skipped} (for the moment), {@code failed}. On shutdown the queue is written out first.
 * {@code candor.reports-copy=false} turns the copies off, for a service whose users only download.
 */
@Component
public class ReportArchive implements EvaluationArchive, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ReportArchive.class);

    /** Workbooks waiting at most; beyond that a copy is left to the catch-up rather than memory spent. */
    static final int QUEUE = 1_000;

    /** How long the writer waits before it looks again whether the evaluation threads are free. */
    static final Duration YIELD_PAUSE = Duration.ofMillis(10);

    /** The catch-up of copies that failed waits at least this long before it tries them again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    /**
     * The catch-up looks at evaluations from this long before the first copy missed: an evaluation
     * is dated when it was judged, a little before it was stored and its copy asked for.
     */
    static final Duration MISSED_MARGIN = Duration.ofMinutes(1);

    /** Stands for "every stored evaluation" where the catch-up keeps the moment it starts from. */
    private static final Instant EVERY = Instant.EPOCH;

    private static final Duration DRAIN = Duration.ofSeconds(30);

    /** What the catch-up needs of the stored evaluations. */
    interface Stored {
        /** The ids of the evaluations made at or after the moment (all for null), oldest first. */
        List<String> evaluationIds(Instant since);

        Optional<StoredEvaluation> evaluation(String id);
    }

    /** Whether a skipped copy was logged since the queue last drained: one warning per burst. */
    private final AtomicBoolean skipWarned = new AtomicBoolean();

    private final Path dir;
    private final boolean enabled;
    private final ExcelReportWriter reports;
    private final Stored stored;
    private final BooleanSupplier busy;
    private final CopyPacing pacing;
    final ThreadPoolExecutor writer;
    private final Counter written;
    private final Counter caughtUp;
    private final Counter failed;
    private final Counter skipped;

    /** The earliest moment from which stored evaluations may lack a copy; null when none is known. */
    private final AtomicReference<Instant> missedSince = new AtomicReference<>();

    private volatile boolean stopping;

    // the catch-up's state, touched by the writer thread only
    private final Deque<String> backlog = new ArrayDeque<>();
    private long notBefore = System.nanoTime();
    private boolean failedInCatchUp;

    @Autowired
    public ReportArchive(
            CandorProperties properties,
            MeterRegistry meters,
            ExcelReportWriter reports,
            SubmissionStore store,
            EvaluationPool pool,
            ReportsCopyProperties copies,
            @Value("${candor.reports-copy:true}") boolean enabled) {
        this(
                properties,
                meters,
                reports,
                storedIn(store),
                pool::saturated,
                new CopyPacing(copies.busyShare(), pool::submissionsArriving),
                QUEUE,
                enabled);
    }

    /**
     * @param busy whether every evaluation thread is taken: the writer waits
     * @param pacing the writer's share of a core while submissions arrive ({@link CopyPacing#off()}:
     *     it waits only while {@code busy})
     */
    ReportArchive(
            CandorProperties properties,
            MeterRegistry meters,
            ExcelReportWriter reports,
            Stored stored,
            BooleanSupplier busy,
            CopyPacing pacing,
            int queue,
            boolean enabled) {
        this.enabled = enabled;
        this.dir = properties.reportsDir();
        this.reports = reports;
        this.stored = stored;
        this.busy = busy;
        this.pacing = pacing;
        if (!enabled) {
            log.info("no copies of reports in {} (candor.reports-copy=false); reports are built on download", dir);
        }
        this.writer =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "candor-report-archive");
                    t.setDaemon(true);
                    return t;
                }) {
                    @Override
                    protected void afterExecute(Runnable r, Throwable t) {
                        if (getQueue().isEmpty()) {
                            drained();
                        }
                    }
                };
        this.written = outcome(meters, "written");
        this.caughtUp = outcome(meters, "caught_up");
        this.failed = outcome(meters, "failed");
        this.skipped = outcome(meters, "skipped");
    }

    private static Stored storedIn(SubmissionStore store) {
        return new Stored() {
            @Override
            public List<String> evaluationIds(Instant since) {
                return store.evaluationIds(since);
            }

            @Override
            public Optional<StoredEvaluation> evaluation(String id) {
                return store.evaluation(id);
            }
        };
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("candor.reports.archived")
                .description("Evaluation workbooks copied to the reports folder, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** On start, the copies of every stored evaluation that has none are written, in the background. */
    @EventListener(ApplicationReadyEvent.class)
    public void catchUp() {
        if (!enabled) {
            return;
        }
        missedSince.set(EVERY);
        try {
            writer.execute(() -> {});
        } catch (RejectedExecutionException e) {
            // the queue is full: the catch-up starts when it has drained
        }
    }

    /**
     * Queues the workbook of an evaluation, to be written as {@link
     * ExcelReportWriter#archiveNameFor}; returns at once.
     */
    @Override
    public void archive(String evaluationId, EvaluationResult result, String submittedBy) {
        if (!enabled) {
            return;
        }
        if (writer.getQueue().remainingCapacity() == 0) {
            // the usual case under sustained load: skipped without the executor's exception,
            // whose message and stack cost each request more than the rest of this method
            skip(result);
            return;
        }
        try {
            writer.execute(() -> {
                waitWhileBusy(false);
                long start = pacing.start();
                write(evaluationId, result, submittedBy, written);
                pace(start);
            });
        } catch (RejectedExecutionException e) {
            skip(result); // filled since the look above
        }
    }

    /** A copy left for the catch-up, because the queue is full. */
    private void skip(EvaluationResult result) {
        skipped.increment();
        missed(Instant.now());
        // one warning per burst (until the queue has drained), not one per request: the counter
        // has the exact number
        if (skipWarned.compareAndSet(false, true)) {
            log.warn(
                    "report for {} not copied to {} yet: {} workbooks are already waiting; the copies"
                            + " skipped are written once the queue has drained"
                            + " (candor.reports.archived{outcome=skipped} counts them)",
                    result.reference(),
                    dir,
                    writer.getQueue().size());
        }
    }

    private void missed(Instant at) {
        Instant since = at.minus(MISSED_MARGIN);
        missedSince.accumulateAndGet(since, (a, b) -> a == null || b.isBefore(a) ? b : a);
    }

    /** Writes a copy unless its file is there; true when the copy is on disk. */
    private boolean write(String evaluationId, EvaluationResult result, String submittedBy, Counter outcome) {
        try {
            String name = ExcelReportWriter.archiveNameFor(evaluationId, result);
            if (Files.exists(dir.resolve(name))) {
                return true;
            }
            reports.writeTo(dir, name, result, submittedBy);
            outcome.increment();
            return true;
        } catch (IOException | RuntimeException e) {
            failed.increment();
            log.warn("report for {} not written to {}: {}", result.reference(), dir, e.toString());
            missed(result.evaluatedAt() == null ? Instant.now() : result.evaluatedAt());
            return false;
        }
    }

    /**
     * Pauses after a copy begun at {@code start} while submissions arrive, so that the copies take
     * at most their share of a core; not when stopping.
     *
     * @return false when interrupted
     */
    private boolean pace(long start) {
        try {
            pacing.after(start, () -> stopping);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits while every evaluation thread is taken: the copies give way to the submissions.
     *
     * @param forFreshCopies also stop waiting when a fresh copy is queued (the catch-up gives way)
     * @return false when it stopped waiting for a fresh copy or for shutdown
     */
    private boolean waitWhileBusy(boolean forFreshCopies) {
        while (busy.getAsBoolean() && !stopping) {
            if (forFreshCopies && !writer.getQueue().isEmpty()) {
                return false;
            }
            try {
                Thread.sleep(YIELD_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }

    /**
     * The queue has drained: the catch-up writes missing copies, one at a time, until a fresh copy
     * is queued (then it goes on when the queue has drained again) or none is missing.
     */
    private void drained() {
        skipWarned.set(false);
        try {
            while (!stopping && writer.getQueue().isEmpty()) {
                if (backlog.isEmpty() && !startCatchUp()) {
                    return;
                }
                if (!waitWhileBusy(true) || !writer.getQueue().isEmpty()) {
                    return;
                }
                String id = backlog.poll();
                long start = pacing.start();
                Optional<StoredEvaluation> e = stored.evaluation(id);
                if (e.isPresent() && !write(id, e.get().result(), e.get().submittedBy(), caughtUp)) {
                    failedInCatchUp = true;
                }
                if (backlog.isEmpty() && failedInCatchUp) {
                    notBefore = System.nanoTime() + RETRY_AFTER_FAILURE.toNanos();
                    failedInCatchUp = false;
                }
                if (!pace(start)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the store could not be read (database away): try again later, missing nothing
            backlog.clear();
            missed(Instant.now());
            notBefore = System.nanoTime() + RETRY_AFTER_FAILURE.toNanos();
            log.warn("copies missing from {} not written yet: {}", dir, e.toString());
        }
    }

    /** Fills the backlog with the evaluations that have no copy; false when there are none to write now. */
    private boolean startCatchUp() {
        if (System.nanoTime() - notBefore < 0) {
            return false;
        }
        Instant since = missedSince.getAndSet(null);
        if (since == null) {
            return false;
        }
        try {
            Set<String> present = idsInFolder();
            for (String id : stored.evaluationIds(since == EVERY ? null : since)) {
                if (!present.contains(id)) {
                    backlog.add(id);
                }
            }
        } catch (IOException | RuntimeException e) {
            missed(since.plus(MISSED_MARGIN));
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        if (!backlog.isEmpty()) {
            log.info("writing {} copies missing from {}", backlog.size(), dir);
        }
        return !backlog.isEmpty();
    }

    /**
     * The evaluation ids the folder's copies are named by: each name's parts between underscores
     * (an id has none; agencies and references cannot be taken for one another's id).
     */
    private Set<String> idsInFolder() throws IOException {
        Set<String> parts = new HashSet<>();
        if (!Files.isDirectory(dir)) {
            return parts;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".xlsx") && !n.startsWith("."))
                    .forEach(n -> parts.addAll(
                            Arrays.asList(n.substring(0, n.length() - 5).split("_"))));
        }
        return parts;
    }

    /**
     * Waits until every workbook queued before this call is on disk (or has failed).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        try {
            writer.execute(() -> marker.complete(null));
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException | TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many workbooks are waiting. */
    public int pending() {
        return writer.getQueue().size();
    }

    /** On shutdown the queue is written out for {@link #DRAIN} at most. */
    @Override
    public void destroy() throws InterruptedException {
        stop(DRAIN);
    }

    /**
     * Stops the writer: the copies queued are written for {@code drain} at most; then those not
     * begun are dropped (the catch-up of the next start writes them), and the copy under way may
     * end for {@link #DRAIN}.
     */
    void stop(Duration drain) throws InterruptedException {
        stopping = true;
        writer.shutdown();
        if (!writer.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
            // The rest of the queue is dropped; the copy under way ends (the catch-up sees the
            // stop between two copies). Not interrupted: it may be reading the embedded
            // database's file, and the JDK closes a file channel whose thread is interrupted in it.
            List<Runnable> dropped = new ArrayList<>();
            writer.getQueue().drainTo(dropped);
            log.warn(
                    "{} report copies not written before shutdown (they are written on the next start)",
                    dropped.size());
            if (!writer.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the report copy under way did not end within {}", DRAIN);
            }
        }
    }
}
