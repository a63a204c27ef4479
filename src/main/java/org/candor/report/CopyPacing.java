package org.candor.report;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps the copy writer to a share of one core while submissions arrive: after each copy it
 * pauses so that the copy's processor time is at most {@code share} of the time it took with the
 * pause. When no submission arrives the writer does not pause.
 *
 * <p>A copy's processor time is that of the writing thread ({@link
 * ThreadMXBean#getCurrentThreadCpuTime()}); where the runtime cannot tell it, the time the copy
 * took, which is never less.
 */
final class CopyPacing {

    /** Sleeps; in nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    /** The longest piece of a pause: the writer looks again in between whether submissions still arrive. */
    static final Duration SLICE = Duration.ofMillis(50);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double share;
    private final BooleanSupplier arriving;
    private final LongSupplier clock;
    private final Sleeper sleeper;

    /**
     * @param share the most of one core the copies take while submissions arrive, in (0, 1]; 1
     *     means they are not paced
     * @param arriving whether submissions are arriving (the service is busy)
     * @param clock the writing thread's processor time, in nanoseconds
     */
    CopyPacing(double share, BooleanSupplier arriving, LongSupplier clock, Sleeper sleeper) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the share of a core must be more than 0 and at most 1, not " + share);
        }
        this.share = share;
        this.arriving = arriving;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    CopyPacing(double share, BooleanSupplier arriving) {
        this(share, arriving, threadCpuClock(), nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** No pacing: the copies take what the machine gives them. */
    static CopyPacing off() {
        return new CopyPacing(1, () -> false);
    }

    private static LongSupplier threadCpuClock() {
        if (THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()) {
            return THREADS::getCurrentThreadCpuTime;
        }
        return System::nanoTime;
    }

    /**
     * The pause after work that took {@code cpuNanos} of processor, so that the work takes at most
     * {@code share} of the time (the work's and the pause's): {@code cpu × (1/share − 1)} while
     * busy, none otherwise.
     */
    static long pause(long cpuNanos, double share, boolean busy) {
        if (!busy || cpuNanos <= 0 || share >= 1) {
            return 0;
        }
        return (long) Math.ceil(cpuNanos * (1 / share - 1));
    }

    /** The writing thread's clock, read before a copy and given to {@link #after}. */
    long start() {
        return clock.getAsLong();
    }

    /**
     * Pauses after a copy begun at {@code start}, while submissions arrive; stops pausing as soon as
     * they no longer do or {@code stop} says so.
     *
     * @return the time paused, in nanoseconds
     */
    long after(long start, BooleanSupplier stop) throws InterruptedException {
        if (share >= 1) {
            return 0;
        }
        long cpu = start() - start;
        long remaining = pause(cpu, share, arriving.getAsBoolean());
        long paused = 0;
        while (remaining > 0 && !stop.getAsBoolean()) {
            long slice = Math.min(remaining, SLICE.toNanos());
            sleeper.sleep(slice);
            paused += slice;
            remaining -= slice;
            if (!arriving.getAsBoolean()) {
                break;
            }
        }
        return paused;
    }
}
