package org.candor.rules;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code candor.rules-cache.*}: where the service keeps the rule sets it has built
 * ({@link RuleSetCache}), read at start and on every reload.
 *
 * @param enabled whether built rule sets are kept in the folder (default true); the default pack
 *     built into the jar is used either way
 * @param dir the folder (default {@code candor/rule-sets} in the user's cache folder,
 *     {@code $XDG_CACHE_HOME} or {@code ~/.cache}); it must not lie inside the rules folder, which
 *     officers write to
 */
@ConfigurationProperties("candor.rules-cache")
record RulesCacheProperties(Boolean enabled, Path dir) {
    public RulesCacheProperties {
        enabled = enabled == null || enabled;
    }

    /** The cache these settings describe, for a service whose rules are in {@code rulesDir}. */
    public RuleSetCache cache(Path rulesDir) {
        if (!enabled) {
            return RuleSetCache.bundledOnly();
        }
        Path folder =
                (dir == null ? RuleSetCache.defaultDir() : dir).toAbsolutePath().normalize();
        if (folder.startsWith(rulesDir.toAbsolutePath().normalize())) {
            throw new IllegalStateException("candor.rules-cache.dir " + folder + " lies inside the rules folder "
                    + rulesDir.toAbsolutePath().normalize()
                    + ", which officers write to: built rule sets are code, keep them elsewhere");
        }
        return RuleSetCache.in(folder);
    }
}
