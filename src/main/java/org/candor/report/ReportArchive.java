package org.candor.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.candor.evaluation.EvaluationResult;
import org.candor.intake.EvaluationArchive;
import org.candor.system.CandorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes each stored evaluation's workbook to {@code candor.reports-dir} as {@code
 * <agency>_<evaluation id>_<reference>.xlsx}, on a thread of its own,
 * so the request that submitted the campaign does not wait for it: building a workbook costs
 * several times the evaluation itself. The copy on disk is for people who read the folder; the API
 * and the pages build the workbook again from the stored evaluation on every download, so a copy
 * that could not be written (full queue, full disk) loses nothing and is logged and counted
 * ({@code candor.reports.archived{outcome}}). On shutdown the queue is written out first.
 * {@code candor.reports-copy=false} turns the copies off, for a service whose users only download.
 */
@Component
public class ReportArchive implements EvaluationArchive, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ReportArchive.class);

    /** Workbooks waiting at most; beyond that a copy is skipped rather than memory spent. */
    static final int QUEUE = 1_000;

    private static final Duration DRAIN = Duration.ofSeconds(30);

    private static final long SKIP_WARNING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong lastSkipWarning = new AtomicLong(System.nanoTime() - SKIP_WARNING_EVERY_NANOS - 1);
    private final Path dir;
    private final boolean enabled;
    final ThreadPoolExecutor writer;
    private final Counter written;
    private final Counter failed;
    private final Counter skipped;

    @Autowired
    public ReportArchive(
            CandorProperties properties, MeterRegistry meters, @Value("${candor.reports-copy:true}") boolean enabled) {
        this(properties, meters, QUEUE, enabled);
    }

    ReportArchive(CandorProperties properties, MeterRegistry meters, int queue, boolean enabled) {
        this.enabled = enabled;
        this.dir = properties.reportsDir();
        if (!enabled) {
            log.info("no copies of reports in {} (candor.reports-copy=false); reports are built on download", dir);
        }
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "candor-report-archive");
            t.setDaemon(true);
            return t;
        });
        this.written = outcome(meters, "written");
        this.failed = outcome(meters, "failed");
        this.skipped = outcome(meters, "skipped");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("candor.reports.archived")
                .description("Evaluation workbooks copied to the reports folder, by outcome")
                .tag("outcome", outcome)
                .register(meters);
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
        try {
            writer.execute(() -> write(evaluationId, result, submittedBy));
        } catch (RejectedExecutionException e) {
            skipped.increment();
            long now = System.nanoTime();
            long last = lastSkipWarning.get();
            // one warning per burst, not one per request: the counter has the exact number
            if (now - last > SKIP_WARNING_EVERY_NANOS && lastSkipWarning.compareAndSet(last, now)) {
                log.warn(
                        "report for {} not copied to {}: {} workbooks are already waiting; copies are skipped"
                                + " until the queue drains (candor.reports.archived{outcome=skipped} counts them;"
                                + " every report can still be downloaded)",
                        result.reference(),
                        dir,
                        writer.getQueue().size());
            }
        }
    }

    private void write(String evaluationId, EvaluationResult result, String submittedBy) {
        try {
            new ExcelReportWriter()
                    .writeTo(dir, ExcelReportWriter.archiveNameFor(evaluationId, result), result, submittedBy);
            written.increment();
        } catch (IOException | RuntimeException e) {
            failed.increment();
            log.warn("report for {} not written to {}: {}", result.reference(), dir, e.toString());
        }
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

    @Override
    public void destroy() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn(
                    "{} report copies not written before shutdown (they can still be downloaded)",
                    writer.shutdownNow().size());
        }
    }
}
