package org.candor.rules.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code candor.rules-store.*} as the service binds it: the folder by default, bad intervals refused. */
class RuleStorePropertiesTest {

    private static RuleStoreProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("candor.rules-store", RuleStoreProperties.class);
    }

    @Test
    void theFolderIsTheSourceUnlessTheDatabaseIsNamed() {
        RuleStoreProperties defaults = bind(Map.of());
        assertThat(defaults.database()).isFalse();
        assertThat(defaults.listen()).isTrue();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(5));

        RuleStoreProperties database = bind(Map.of(
                "candor.rules-store.source", "database",
                "candor.rules-store.listen", "false",
                "candor.rules-store.poll-interval", "750ms"));
        assertThat(database.database()).isTrue();
        assertThat(database.listen()).isFalse();
        assertThat(database.pollInterval()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void aPollIntervalOfZeroOrLessOrAnUnknownSourceIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("candor.rules-store.poll-interval", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("poll-interval must be longer than 0");
        assertThatThrownBy(() -> bind(Map.of("candor.rules-store.poll-interval", "-1s")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("candor.rules-store.source", "redis")))
                .isInstanceOf(BindException.class);
    }
}
