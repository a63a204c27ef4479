package org.candor.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** How the pages write times: UTC, to the minute. Templates call it as {@code @fmt}. */
@Component("fmt")
public class Fmt {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    public String time(Instant t) {
        return t == null ? "" : MINUTE.format(t.atOffset(ZoneOffset.UTC));
    }

    /** The first 12 characters of a rule-set hash, as reports name it. */
    public String shortHash(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(12, hash.length()));
    }
}
