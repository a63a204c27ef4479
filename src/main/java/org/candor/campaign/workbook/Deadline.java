package org.candor.campaign.workbook;

import java.time.Duration;

/** The time a read may take; checked as the workbook's XML streams past. */
final class Deadline {

    private final long end;
    private final Duration limit;

    Deadline(Duration limit) {
        this.limit = limit;
        this.end = System.nanoTime() + limit.toNanos();
    }

    void check() {
        if (System.nanoTime() - end >= 0) {
            throw new ReadAborted(
                    null,
                    "reading the workbook took longer than " + describe(limit)
                            + ", the limit; a campaign workbook reads in well under a second, so this file"
                            + " is too large or malformed");
        }
    }

    private static String describe(Duration d) {
        if (d.toMillis() >= 1000 && d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
