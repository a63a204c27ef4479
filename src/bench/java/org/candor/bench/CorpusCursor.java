package org.candor.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.candor.campaign.Campaign;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A thread's place in the corpus: each invocation takes the next campaign, round and round, so an
 * invocation is one campaign (short enough for many per iteration) and every thread starts at a
 * different place.
 */
@State(Scope.Thread)
public class CorpusCursor {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private int next;

    @Setup
    public void setUp() {
        next = THREADS.getAndIncrement() * 500 % 1000;
    }

    Campaign next(List<Campaign> corpus) {
        Campaign c = corpus.get(next % corpus.size());
        next = (next + 1) % corpus.size();
        return c;
    }
}
