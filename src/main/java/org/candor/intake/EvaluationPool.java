package org.candor.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.candor.evaluation.BoundsExceededException;
import org.candor.evaluation.EvaluationBounds;
import org.candor.system.EvaluationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The threads evaluations run on: a fixed number of them and a bounded number of waiting places
 * ({@code candor.evaluation.threads} and {@code queue}). A submission first {@linkplain #reserve()
 * reserves} a place, before anything is stored; when there is none the service is busy (503).
 *
 * <p>The caller waits for its evaluation at most the deadline and a grace period. The evaluator
 * stops itself at its deadline; should the engine be inside a step that cannot be halted (one
 * join of a huge cross product), the caller gets its answer anyway and the thread, still busy,
 * keeps its place until the step ends, so such work can never take more than the pool.
 */
@Component
public class EvaluationPool {
    private static final Logger log = LoggerFactory.getLogger(EvaluationPool.class);

    /** What the caller waits beyond the deadline for an evaluation that stopped at it to return. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /** How long after a submission was taken or its evaluation ended submissions count as arriving. */
    public static final Duration ARRIVING = Duration.ofMillis(250);

    private final ThreadPoolExecutor executor;
    private final Semaphore places;
    private final int queue;
    private final EvaluationBounds bounds;
    private final Duration retryAfter;
    private final Counter busy;
    private final Counter abandoned;

    /** When a submission was last taken or its evaluation last ended ({@link System#nanoTime()}). */
    private volatile long lastSubmission = System.nanoTime() - ARRIVING.toNanos() - 1;

    public EvaluationPool(EvaluationProperties properties, MeterRegistry meters) {
        this.bounds = properties.bounds();
        this.retryAfter = properties.retryAfter();
        this.places = new Semaphore(properties.threads() + properties.queue());
        this.queue = properties.queue();
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                properties.threads(),
                properties.threads(),
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "candor-evaluation-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.busy = Counter.builder("candor.evaluation.busy")
                .description("Submissions refused because every evaluation place was taken")
                .register(meters);
        this.abandoned = Counter.builder("candor.evaluation.abandoned")
                .description("Evaluations still running after their deadline and grace, answered without waiting")
                .register(meters);
        Gauge.builder("candor.evaluation.places.free", places, Semaphore::availablePermits)
                .description("Evaluation threads and waiting places free")
                .register(meters);
    }

    /** The bounds every evaluation keeps to. */
    public EvaluationBounds bounds() {
        return bounds;
    }

    /**
     * Takes a place for one evaluation, or refuses at once when there is none.
     *
     * @throws EvaluationBusyException when every thread and waiting place is taken
     */
    public Place reserve() {
        if (!places.tryAcquire()) {
            busy.increment();
            throw new EvaluationBusyException(retryAfter);
        }
        lastSubmission = System.nanoTime();
        return new Place(true);
    }

    /**
     * Whether every evaluation thread is taken (submissions are being judged on all of them, or
     * wait for one): work in the background that can wait, such as the reports folder's copies,
     * should.
     */
    public boolean saturated() {
        return places.availablePermits() <= queue;
    }

    /**
     * Whether submissions are arriving: one was taken, or its evaluation ended, within {@link
     * #ARRIVING}, or every evaluation thread is taken. Work in the background that can wait, such as
     * the reports folder's copies, should then take only a share of the processor.
     */
    public boolean submissionsArriving() {
        return System.nanoTime() - lastSubmission < ARRIVING.toNanos() || saturated();
    }

    /**
     * Whether every evaluation thread and waiting place is taken now, so that a submission would be
     * refused: the API then refuses at its edge ({@link #refusal()}), before the sign-in and before
     * the body is read. Only a hint: {@link #reserve()} decides.
     */
    public boolean full() {
        return places.availablePermits() == 0;
    }

    /**
     * The refusal of a submission that found the service {@linkplain #full() full} before it
     * reserved a place, counted as {@link #reserve()} counts its own.
     */
    public EvaluationBusyException refusal() {
        busy.increment();
        return new EvaluationBusyException(retryAfter);
    }

    /** Takes a place for one evaluation, waiting for one: for work in the background. */
    public Place reserveWaiting() throws InterruptedException {
        places.acquire();
        return new Place(false);
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    /** One evaluation's place: run one task in it, then close it. */
    public final class Place implements AutoCloseable {
        private final boolean submission;
        private boolean handedOver;

        private Place(boolean submission) {
            this.submission = submission;
        }

        /**
         * Runs the task on an evaluation thread and waits for it: while it waits for a thread,
         * then at most the deadline and a grace period from the moment it started.
         *
         * @throws BoundsExceededException when it did not end in that time
         */
        public <T> T run(Callable<T> task) {
            if (handedOver) {
                throw new IllegalStateException("a place runs one task");
            }
            handedOver = true;
            AtomicLong startedAt = new AtomicLong();
            AtomicInteger state = new AtomicInteger(); // 0 waiting, 1 started, 2 given up before it started
            Future<T> future;
            try {
                future = executor.submit(() -> {
                    if (!state.compareAndSet(0, 1)) {
                        return null;
                    }
                    startedAt.set(System.nanoTime());
                    try {
                        return task.call();
                    } finally {
                        places.release();
                        if (submission) {
                            lastSubmission = System.nanoTime();
                        }
                    }
                });
            } catch (RuntimeException e) {
                places.release();
                throw e;
            }
            long limit = bounds.deadline().plus(GRACE).toNanos();
            try {
                while (true) {
                    long started = startedAt.get();
                    long wait = started == 0 ? GRACE.toNanos() : started + limit - System.nanoTime();
                    if (started != 0 && wait <= 0) {
                        // Running past its deadline: the thread keeps its place until it ends.
                        future.cancel(true);
                        abandoned.increment();
                        log.warn("an evaluation still runs {} after its deadline; answered without it", GRACE);
                        throw BoundsExceededException.deadline(bounds);
                    }
                    try {
                        return future.get(wait, TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        // Still waiting for a thread, or running: look again.
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (state.compareAndSet(0, 2)) {
                    places.release();
                }
                future.cancel(true);
                throw new IllegalStateException("interrupted while waiting for an evaluation", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }

        /** Gives the place back when no task was run in it. */
        @Override
        public void close() {
            if (!handedOver) {
                handedOver = true;
                places.release();
            }
        }
    }
}
