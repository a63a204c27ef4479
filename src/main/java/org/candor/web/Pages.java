package org.candor.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.candor.submission.Evaluations;
import org.springframework.http.ResponseEntity;

/** Small helpers the page controllers share. */
final class Pages {
    private Pages() {}

    /** A workbook as an attachment. */
    static ResponseEntity<byte[]> download(Evaluations.Download d) {
        return d.attachment();
    }

    /** A form's text field: null when empty. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The start of a day, UTC; null for no day. */
    static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The end of a day (the start of the next one), UTC; null for no day. */
    static Instant endOf(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
