package org.candor.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code candor.login.*}: how many failed sign-ins lock a name out, and for how long.
 *
 * @param maxFailures failed sign-ins of one user name from one address that lock them out
 *     (default 5)
 * @param maxFailuresPerAddress failed sign-ins from one address, whatever the names, that lock the
 *     address out (default 50), against guessing many names from one place
 * @param lockout how long a lock lasts, and the window in which failures add up (default 15 minutes)
 */
@ConfigurationProperties("candor.login")
record LoginProperties(Integer maxFailures, Integer maxFailuresPerAddress, Duration lockout) {
    public LoginProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        maxFailuresPerAddress = maxFailuresPerAddress == null ? 50 : maxFailuresPerAddress;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        if (maxFailures < 1 || maxFailuresPerAddress < 1 || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException(
                    "candor.login.max-failures, max-failures-per-address and lockout must be positive");
        }
    }
}
