package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidWrittenInLowerCase() {
        String id = TimeOrderedIds.next();
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2); // RFC 9562's variant
        assertThat(id).hasSize(36).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(uuid.toString()).isEqualTo(id);
    }

    @Test
    void itsFirst48BitsAreTheTimeItWasMadeInMilliseconds() {
        long before = System.currentTimeMillis();
        UUID uuid = UUID.fromString(TimeOrderedIds.next());
        long after = System.currentTimeMillis();
        assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    /** Many ids a millisecond: each still sorts, as text, after the one made before it. */
    @Test
    void idsMadeOneAfterAnotherSortAsTextInTheOrderTheyWereMadeEvenWithinAMillisecond() {
        String previous = TimeOrderedIds.next();
        Set<Long> milliseconds = new HashSet<>();
        int sameMillisecond = 0;
        for (int i = 0; i < 100_000; i++) {
            String id = TimeOrderedIds.next();
            assertThat(id).isGreaterThan(previous);
            long ms = UUID.fromString(id).getMostSignificantBits() >>> 16;
            if (!milliseconds.add(ms)) {
                sameMillisecond++;
            }
            previous = id;
        }
        assertThat(sameMillisecond).as("ids made in a millisecond already used").isPositive();
    }

    /** A clock set back (by hand, by a time server) keeps the last millisecond: the ids still sort on. */
    @Test
    void aClockSetBackKeepsTheLastMillisecondAndTheIdsSortOn() {
        long[] now = {1_764_930_000_000L};
        TimeOrderedIds ids = new TimeOrderedIds(() -> now[0]);
        String first = ids.nextId();
        now[0] -= 5_000;
        String second = ids.nextId();
        assertThat(second).isGreaterThan(first);
        assertThat(UUID.fromString(second).getMostSignificantBits() >>> 16).isEqualTo(1_764_930_000_000L);
        now[0] += 10_000;
        String third = ids.nextId();
        assertThat(third).isGreaterThan(second);
        assertThat(UUID.fromString(third).getMostSignificantBits() >>> 16).isEqualTo(1_764_930_005_000L);
    }

    @Test
    void threadsMakingIdsAtOnceNeverShareOneAndEachSeesThemInOrder() throws Exception {
        int threads = 4;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    List<String> ids = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        ids.add(TimeOrderedIds.next());
                    }
                    return ids;
                };
                made.add(pool.submit(task));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : made) {
                List<String> ids = f.get();
                assertThat(ids).isSorted();
                all.addAll(ids);
            }
            assertThat(all).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }
}
