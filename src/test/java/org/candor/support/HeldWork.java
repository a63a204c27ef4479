package org.candor.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A point in a component's work where a test holds the thread doing it, to stop the component
 * meanwhile. The first thread that calls {@link #here()} waits there until the test calls {@link
 * #release()}, and whether it was interrupted while held is kept for the test ({@link
 * #interrupted()}); the interrupt stays set, as code that does not swallow it would leave it.
 */
public final class HeldWork {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);
    private final AtomicBoolean taken = new AtomicBoolean();
    private final AtomicBoolean interrupted = new AtomicBoolean();

    /** Holds the first thread that calls it (for at most 30 s); later calls go on at once. */
    public void here() {
        if (!taken.compareAndSet(false, true)) {
            return;
        }
        reached.countDown();
        try {
            goOn.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        interrupted.set(Thread.currentThread().isInterrupted());
    }

    /** Whether a thread is held (or was) within {@code wait}. */
    public boolean reached(Duration wait) throws InterruptedException {
        return reached.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held thread go on. */
    public void release() {
        goOn.countDown();
    }

    /** Whether the held thread was interrupted while it was held. */
    public boolean interrupted() {
        return interrupted.get();
    }

    /** A component's stop, which may be interrupted while it waits. */
    @FunctionalInterface
    public interface Stop {
        void run() throws InterruptedException;
    }

    /**
     * Stops while the work is held: runs {@code stop} on a thread of its own (named "stop"), waits
     * at most 30 s until {@code begun} says of that thread that the stop is under way, lets the
     * work go on, and tells whether the stop returned within 30 s more.
     */
    public boolean stopWhileHeld(Stop stop, Predicate<Thread> begun) throws InterruptedException {
        Thread thread = new Thread(
                () -> {
                    try {
                        stop.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "stop");
        thread.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> begun.test(thread));
        release();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        return !thread.isAlive();
    }

    /**
     * As {@link #stopWhileHeld(Stop, Predicate)}, the stop under way once its thread waits with a
     * deadline (as a stop that waits for the work does) or has ended.
     */
    public boolean stopWhileHeld(Stop stop) throws InterruptedException {
        return stopWhileHeld(stop, thread -> {
            Thread.State state = thread.getState();
            return state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
        });
    }
}
