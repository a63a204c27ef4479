package org.candor.rules.change;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code candor.rules-store.*}: where the rule set in force lives, and how instances sharing a
 * database learn that it changed.
 *
 * @param source {@code folder} (the default): the rules folder is the source, as on one instance;
 *     {@code database} (the postgres profile's default): the rule set in force lives in the
 *     database, shared by every instance on it ({@link RuleStore})
 * @param listen whether an instance listens for PostgreSQL notifications of a change (default
 *     true); without them it learns of changes by polling only
 * @param pollInterval how often an instance asks the database which rule set is in force, and how
 *     long it waits before opening its listening connection again after losing it (default 5 s)
 */
@ConfigurationProperties("candor.rules-store")
record RuleStoreProperties(Source source, Boolean listen, Duration pollInterval) {

    /** Where the rule set in force lives. */
    public enum Source {
        FOLDER,
        DATABASE
    }

    public RuleStoreProperties {
        source = source == null ? Source.FOLDER : source;
        listen = listen == null || listen;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "candor.rules-store.poll-interval must be longer than 0, got " + pollInterval);
        }
    }

    public boolean database() {
        return source == Source.DATABASE;
    }
}
