package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.lang3.StringUtils;
import org.junit.jupiter.api.Test;

/**
 * The versions the build overrides are the ones on the class path: commons-lang3 without
 * CVE-2025-48924 (uncontrolled recursion in ClassUtils.getClass, fixed in 3.18.0), and the
 * bumped POI, H2 and PostgreSQL driver (Flyway: {@code SbomIT}).
 */
class DependencyVersionsTest {

    @Test
    void commonsLang3IsFreeOfCve202548924() {
        assertThat(version(StringUtils.class)).isGreaterThanOrEqualTo(new Version(3, 18, 0));
    }

    @Test
    void poiH2AndPgjdbcAreAtLeastTheBumpedVersions() {
        assertThat(Version.of(org.apache.poi.Version.getVersion())).isGreaterThanOrEqualTo(new Version(5, 5, 1));
        assertThat(Version.of(org.h2.engine.Constants.FULL_VERSION)).isGreaterThanOrEqualTo(new Version(2, 4, 240));
        assertThat(Version.of(org.postgresql.util.DriverInfo.DRIVER_VERSION))
                .isGreaterThanOrEqualTo(new Version(42, 7, 14));
    }

    private static Version version(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        assertThat(v).as("Implementation-Version of " + type.getName()).isNotNull();
        return Version.of(v);
    }

    record Version(int major, int minor, int patch) implements Comparable<Version> {
        static Version of(String text) {
            String[] parts = text.split("[^0-9]+");
            return new Version(
                    Integer.parseInt(parts[0]),
                    parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        }

        @Override
        public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            c = c != 0 ? c : Integer.compare(minor, o.minor);
            return c != 0 ? c : Integer.compare(patch, o.patch);
        }
    }
}
