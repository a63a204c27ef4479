package org.candor.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** Runs {@code stop} on a thread of its own, named "stop", and returns that thread, started. */
    public static Thread stopping(Stop stop) {
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
        return thread;
    }

    /** Whether a stop thread waits with a deadline (as a stop that waits for the work does) or has ended. */
    public static boolean waitsOrEnded(Thread stop) {
        Thread.State state = stop.getState();
        return state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
    }
}
