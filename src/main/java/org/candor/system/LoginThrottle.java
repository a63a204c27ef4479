package org.candor.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing down. Failed sign-ins are counted per user name and address, and per
 * address alone; once either count reaches its limit within the lockout window, sign-ins of that
 * name from that address (or any sign-in from that address) are answered 429, with
 * {@code Retry-After}, before the password is looked at, until the lockout has passed. A
 * successful sign-in clears both counts. Counts are kept in memory, at most {@value #MAX_ENTRIES}
 * of them, each forgotten once its window has passed.
 *
 * <p>The counting listens to Spring Security's authentication events, so it sees HTTP Basic and
 * form login alike; {@link #filter()} is the gate to put in front of a chain's authentication.
 */
@Component
class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final int MAX_ENTRIES = 100_000;

    private final LoginProperties settings;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Cache<String, Failures> failures;

    /** Failures counted under one key since {@code since}; locked until {@code lockedUntil} if set. */
    private record Failures(int count, Instant since, Instant lockedUntil) {}

    @Autowired
    LoginThrottle(LoginProperties settings, ObjectMapper mapper, ObjectProvider<Clock> clock) {
        this(settings, mapper, clock.getIfAvailable(Clock::systemUTC));
    }

    public LoginThrottle(LoginProperties settings, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.mapper = mapper;
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(settings.lockout().multipliedBy(2))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    private static String userKey(String username, String address) {
        return "u:" + username.toLowerCase(Locale.ROOT) + "@" + address;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    /** Counts one failed sign-in of {@code username} from {@code address}. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(String.valueOf(username), address), settings.maxFailures(), now);
        count(addressKey(address), settings.maxFailuresPerAddress(), now);
    }

    private void count(String key, int max, Instant now) {
        Failures f = failures.asMap().compute(key, (k, old) -> {
            if (old != null && old.lockedUntil() != null && now.isBefore(old.lockedUntil())) {
                return old; // already locked: the lock is not extended
            }
            if (old == null || !now.isBefore(old.since().plus(settings.lockout()))) {
                old = new Failures(0, now, null);
            }
            int count = old.count() + 1;
            return new Failures(count, old.since(), count >= max ? now.plus(settings.lockout()) : null);
        });
        if (f.lockedUntil() != null && f.count() == max) {
            log.warn(
                    "sign-ins locked until {} after {} failures ({})",
                    f.lockedUntil(),
                    max,
                    key.charAt(0) == 'u' ? "one name from one address" : "one address");
        }
    }

    /** Clears the counts of {@code username} from {@code address}. */
    public void succeeded(String username, String address) {
        failures.invalidate(userKey(String.valueOf(username), address));
        failures.invalidate(addressKey(address));
    }

    /** How long sign-ins of {@code username} from {@code address} stay refused; empty when they are not. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : new String[] {username == null ? null : userKey(username, address), addressKey(address)}) {
            Failures f = key == null ? null : failures.getIfPresent(key);
            if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
                Duration left = Duration.between(now, f.lockedUntil());
                if (left.compareTo(longest) > 0) {
                    longest = left;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    @EventListener
    void on(AuthenticationFailureBadCredentialsEvent event) {
        failed(event.getAuthentication().getName(), address(event.getAuthentication()));
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName(), address(event.getAuthentication()));
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? d.getRemoteAddress()
                : "unknown";
    }

    /**
     * The gate: a request that signs in (an HTTP Basic header, or a form post with a {@code
     * username} field) while its name or address is locked out is not authenticated. HTTP Basic
     * gets a 429 problem; a sign-in form is sent back to {@code /login?locked}, both with
     * {@code Retry-After}.
     */
    public Filter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String username = username(request);
                Optional<Duration> locked =
                        username == null ? Optional.empty() : lockedFor(username, request.getRemoteAddr());
                if (locked.isEmpty()) {
                    chain.doFilter(request, response);
                    return;
                }
                long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                    // a sign-in form: back to it, where the page says why (the password is not checked)
                    response.setStatus(HttpStatus.SEE_OTHER.value());
                    response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + "/login?locked");
                    return;
                }
                SecurityConfig.problem(
                        mapper,
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed sign-ins; sign-in is refused for " + minutes(seconds) + ". Try again later.",
                        request.getRequestURI());
            }
        };
    }

    private static String minutes(long seconds) {
        long m = (seconds + 59) / 60;
        return m == 1 ? "1 minute" : m + " minutes";
    }

    /** The name a request signs in with, if it signs in at all. */
    static String username(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (header.length() > 6 && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(
                            Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    return colon < 0 ? null : decoded.substring(0, colon);
                } catch (IllegalArgumentException e) {
                    return null; // not Base64: Spring Security refuses it itself
                }
            }
            return null;
        }
        // The sign-in form posts to /login. Spring Security reads its fields as request parameters,
        // body or query string alike, so the gate reads them the same way, whatever the content type.
        if (HttpMethod.POST.matches(request.getMethod())
                && LOGIN_PATH.equals(request.getRequestURI()
                        .substring(request.getContextPath().length()))) {
            return request.getParameter("username");
        }
        return null;
    }

    /** Where the web pages' sign-in form posts. */
    static final String LOGIN_PATH = "/login";
}
