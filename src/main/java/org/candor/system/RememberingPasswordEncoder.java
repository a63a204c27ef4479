package org.candor.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a few minutes, the checks that succeeded. API clients
 * send HTTP Basic credentials with every request and the service keeps no session, so each
 * request would otherwise pay a full bcrypt check (tens of milliseconds of CPU, by design): under
 * load that check, not the evaluation, used most of the processor.
 *
 * <p>Only successes are remembered: a wrong password always takes the slow check, so guessing is
 * no faster. An entry is an HMAC-SHA-256, under a key made at start and never stored, of the
 * stored hash and the password given: the cache holds no password, and a changed password (a new
 * hash) finds nothing remembered. Entries expire after {@link #TTL_NANOS}; the cache is bounded.
 * Requests that miss the same entry at once share one slow check: when a busy client's entry
 * expired, each of its requests arriving meanwhile made its own, and at 200 requests a second the
 * service stalled for seconds every five minutes (BENCHMARKS.md, "2026-12-05, afternoon").
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    static final long TTL_NANOS = 5L * 60 * 1_000_000_000;
    static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final SecretKeySpec key;
    private final Cache<String, Boolean> verified;

    RememberingPasswordEncoder(PasswordEncoder delegate) {
        this(delegate, System::nanoTime);
    }

    RememberingPasswordEncoder(PasswordEncoder delegate, LongSupplier nanoTime) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(Duration.ofNanos(TTL_NANOS))
                .ticker(nanoTime::getAsLong)
                .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        // One slow check per entry at a time: requests that miss the same entry together (a
        // client's first requests, or all of them when its entry expires under load) wait for that
        // check instead of each making its own. A failed check is not remembered, so each waiter
        // then makes its own, as a wrong password always does (in turn: waiters on one entry take
        // the check one after another, which only slows guessing). The check runs inside the
        // cache's computation, so a miss on another entry of the same bin of its map waits too;
        // reads of remembered entries never do.
        return verified.get(
                        entry(rawPassword, encodedPassword),
                        e -> delegate.matches(rawPassword, encodedPassword) ? Boolean.TRUE : null)
                != null;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String entry(CharSequence raw, String encoded) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encoded.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(raw.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
