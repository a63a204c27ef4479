package org.candor.rules.change;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code candor.rules-watch.*}: whether the service picks up edits to its rules folder, and how
 * long the files must be quiet before it does, so a half-saved file is never read.
 *
 * @param enabled whether edits to the rules folder are picked up while the service runs (default
 *     true)
 * @param debounce how long the rules folder must be quiet before an edit is read (default 1 second)
 */
@ConfigurationProperties("candor.rules-watch")
record RulesWatchProperties(Boolean enabled, Duration debounce) {
    public RulesWatchProperties {
        enabled = enabled == null || enabled;
        debounce = debounce == null ? Duration.ofSeconds(1) : debounce;
    }
}
