package org.candor.intake;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.function.LongSupplier;

/**
 * Ids of submissions and evaluations: UUIDs of version 7 (RFC 9562), whose first 48 bits are the
 * time in milliseconds. Each id sorts, as text, after every id made before it in this process, so
 * the stores' indexes on them (the primary keys, the evaluation's submission, the payload's key)
 * take each new row at their end: a commit writes the few pages at that end, where random ids
 * (version 4) put every new row on another page of each index.
 *
 * <p>JUG's generator counts the other 74 bits up by one for the next id of the same millisecond
 * and draws them at random for a new millisecond. It reads the clock before it takes its lock,
 * so two threads could hand it their milliseconds out of turn and an id would sort before an
 * earlier one; here the clock is read under one lock, and a clock set back keeps the last
 * millisecond (the ids count on within it). Ids are no secret: who may read an evaluation is
 * checked on every request, never by its id being hard to guess. Instances on one database each
 * make their own; two share an id only if, in the same millisecond, the 74 bits one drew at random
 * and counted up meet the other's.
 */
final class TimeOrderedIds {

    private static final TimeOrderedIds PROCESS = new TimeOrderedIds(System::currentTimeMillis);

    private final TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();
    private final LongSupplier clock;

    /** The millisecond of the last id; guarded by this. */
    private long last;

    /** @param clock the time in milliseconds since 1970 */
    TimeOrderedIds(LongSupplier clock) {
        this.clock = clock;
    }

    /** The next id of this process, as 36 characters of lower-case hexadecimal and hyphens. */
    static String next() {
        return PROCESS.nextId();
    }

    synchronized String nextId() {
        last = Math.max(last, clock.getAsLong());
        return generator.construct(last).toString();
    }
}
