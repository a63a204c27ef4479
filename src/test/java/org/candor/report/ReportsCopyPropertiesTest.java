package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * {@code candor.reports-copy.busy-share} is read next to {@code candor.reports-copy} (the switch),
 * defaults to a quarter of a core and is refused outside (0, 1].
 */
class ReportsCopyPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReportsCopyProperties.class)
    static class Settings {
        @Value("${candor.reports-copy:true}")
        boolean enabled;
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void aQuarterOfACoreUnlessConfigured() {
        context.run(c ->
                assertThat(c.getBean(ReportsCopyProperties.class).busyShare()).isEqualTo(0.1));
        assertThat(ReportsCopyProperties.defaults().busyShare()).isEqualTo(0.1);
    }

    @Test
    void theShareIsReadAlongsideTheSwitch() {
        context.withPropertyValues("candor.reports-copy=false", "candor.reports-copy.busy-share=0.5")
                .run(c -> {
                    assertThat(c).hasNotFailed();
                    assertThat(c.getBean(ReportsCopyProperties.class).busyShare())
                            .isEqualTo(0.5);
                    assertThat(c.getBean(Settings.class).enabled).isFalse();
                });
        context.withPropertyValues("candor.reports-copy.busy-share=1")
                .run(c -> assertThat(c.getBean(ReportsCopyProperties.class).busyShare())
                        .as("1: not paced")
                        .isEqualTo(1.0));
    }

    @Test
    void aShareOfNothingOrMoreThanACoreIsRefusedAtStart() {
        for (String share : new String[] {"0", "-0.1", "1.5"}) {
            context.withPropertyValues("candor.reports-copy.busy-share=" + share)
                    .run(c -> assertThat(c).as(share).hasFailed());
        }
    }
}
