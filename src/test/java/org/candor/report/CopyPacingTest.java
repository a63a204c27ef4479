package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * While submissions arrive, the copy writer pauses after each copy so that its processor time is at
 * most its share of one core; when none arrive it does not pause. Clock and sleep are fakes: the
 * pauses asked for are checked, not the time they take.
 */
class CopyPacingTest {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The writing thread's processor time, moved by the test. */
    final AtomicLong cpu = new AtomicLong();

    final AtomicBoolean arriving = new AtomicBoolean(true);

    /** The pauses asked for, in nanoseconds. */
    final List<Long> sleeps = new ArrayList<>();

    CopyPacing pacing(double share) {
        return new CopyPacing(share, arriving::get, cpu::get, sleeps::add);
    }

    long slept() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void thePauseAfterACopyIsItsProcessorTimeTimesTheRestOfTheCore() {
        assertThat(CopyPacing.pause(6_500_000, 0.25, true))
                .as("a typical copy, 6.5 ms, at a quarter of a core")
                .isEqualTo(19_500_000);
        assertThat(CopyPacing.pause(10 * MS, 0.5, true)).isEqualTo(10 * MS);
        assertThat(CopyPacing.pause(10 * MS, 0.1, true)).isEqualTo(90 * MS);
    }

    @Test
    void whileBusyTheCopiesShareOfTheTimeIsAtMostTheSetting() {
        for (double share : new double[] {0.01, 0.1, 0.25, 1.0 / 3, 0.5, 0.75, 0.99, 1}) {
            for (long copy : new long[] {1, 999, MS, 6_500_000, 15 * MS, 1_234_567_891L}) {
                long pause = CopyPacing.pause(copy, share, true);
                assertThat((double) copy / (copy + pause))
                        .as("%d ns of copy at a share of %s", copy, share)
                        .isLessThanOrEqualTo(share);
            }
        }
    }

    @Test
    void whenQuietOrNotPacedThereIsNoPause() {
        assertThat(CopyPacing.pause(6_500_000, 0.25, false)).isZero();
        assertThat(CopyPacing.pause(6_500_000, 1, true))
                .as("a share of 1: not paced")
                .isZero();
        assertThat(CopyPacing.pause(0, 0.25, true)).isZero();
    }

    @Test
    void pacingOffNeverPausesHoweverLongTheCopy() throws Exception {
        CopyPacing off = CopyPacing.off();
        long start = off.start();
        long spin = 0;
        for (int i = 0; i < 2_000_000; i++) {
            spin += Long.numberOfTrailingZeros(i ^ spin);
        }
        assertThat(spin).isPositive();
        assertThat(off.start()).as("the copy took processor time").isGreaterThan(start);
        assertThat(off.after(start, () -> false)).isZero();
    }

    @Test
    void copiesWrittenWhileSubmissionsArriveTakeTheirShareOfTheTimeAndNoMore() throws Exception {
        CopyPacing pacing = pacing(0.25);
        long copies = 0;
        for (long copy : new long[] {6_500_000, 4 * MS, 120 * MS, 7 * MS, 1}) {
            long start = pacing.start();
            cpu.addAndGet(copy); // the copy is written
            pacing.after(start, () -> false);
            copies += copy;
        }
        assertThat(slept()).isEqualTo(3 * copies);
        assertThat((double) copies / (copies + slept())).isLessThanOrEqualTo(0.25);
        assertThat(sleeps)
                .as("pauses are cut in slices, so the writer notices when submissions stop")
                .allSatisfy(s -> assertThat(s).isPositive().isLessThanOrEqualTo(CopyPacing.SLICE.toNanos()));
    }

    @Test
    void whenSubmissionsStopArrivingThePauseEndsAndTheNextCopyIsNotPaused() throws Exception {
        CopyPacing pacing = new CopyPacing(0.25, arriving::get, cpu::get, nanos -> {
            sleeps.add(nanos);
            arriving.set(false); // the last submission was a moment ago
        });
        long start = pacing.start();
        cpu.addAndGet(100 * MS); // a large workbook: 300 ms of pause while busy
        assertThat(pacing.after(start, () -> false)).isEqualTo(CopyPacing.SLICE.toNanos());
        assertThat(sleeps).hasSize(1);

        start = pacing.start();
        cpu.addAndGet(100 * MS);
        assertThat(pacing.after(start, () -> false)).isZero();
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void noPauseWhenStoppingOrWhenTheShareIsTheWholeCore() throws Exception {
        CopyPacing pacing = pacing(0.25);
        long start = pacing.start();
        cpu.addAndGet(10 * MS);
        assertThat(pacing.after(start, () -> true)).as("shutting down").isZero();

        CopyPacing whole = pacing(1);
        start = whole.start();
        cpu.addAndGet(10 * MS);
        assertThat(whole.after(start, () -> false)).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        for (double share : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> pacing(share)).as("%s", share).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theRealClockIsTheWritingThreadsProcessorTime() throws Exception {
        CopyPacing pacing = new CopyPacing(0.5, () -> true);
        long start = pacing.start();
        long x = 0;
        for (int i = 0; i < 2_000_000; i++) {
            x += Long.numberOfTrailingZeros(i * 31L + x);
        }
        assertThat(x).isPositive();
        assertThat(pacing.start() - start)
                .as("work done on this thread is measured")
                .isPositive();
    }
}
