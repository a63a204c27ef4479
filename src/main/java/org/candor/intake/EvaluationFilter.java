package org.candor.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.candor.evaluation.Verdict;

/**
 * Reads the filters of an evaluations list as people type them: a verdict in any case, a period
 * as plain days (UTC, both included) or as exact times, and says plainly what is wrong with them.
 * Every method throws {@link IllegalArgumentException} with a message meant for the person who
 * typed the value.
 */
public final class EvaluationFilter {
    private EvaluationFilter() {}

    /** "fail", "FAIL", " Pass " — null when blank. */
    public static Verdict verdict(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Verdict.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verdict is PASS or FAIL, not '" + s.strip() + "'");
        }
    }

    /** The start of a period: a day (from its start, UTC) or a time such as 2026-12-01T09:00:00Z. */
    public static Instant from(String s) {
        return parse("from", s, false);
    }

    /** The end of a period: a day (up to its end, UTC, so the day is included) or an exact time (excluded). */
    public static Instant to(String s) {
        return parse("to", s, true);
    }

    /** Refuses a period whose start comes after its end. */
    public static void checkPeriod(Instant from, Instant to, String fromText, String toText) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + fromText.strip() + ") is after 'to' (" + toText.strip()
                    + "): nothing can match; swap them or leave one empty");
        }
    }

    private static Instant parse(String name, String s, boolean end) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        try {
            LocalDate day = LocalDate.parse(t);
            return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADay) {
            // a time, then
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notATime) {
            throw new IllegalArgumentException("'" + name + "' is a day such as 2026-12-01 or a time such as"
                    + " 2026-12-01T09:00:00Z, not '" + t + "'");
        }
    }
}
