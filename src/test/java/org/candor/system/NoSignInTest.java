package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.UUID;
import org.candor.CandorApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Without the demo profile and with no users nor OpenID Connect, the service refuses to start, saying why. */
class NoSignInTest {

    @Test
    void withNoUsersConfiguredTheServiceRefusesToStartWithAClearMessage() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CandorApplication.class)
                .run(
                        // command-line arguments: they win over application.properties, as for a real start
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:nosignin-" + UUID.randomUUID(),
                        "--candor.rules-watch.enabled=false",
                        "--candor.reports-dir=target/nosignin-reports")
                .close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof NoSignInConfiguredException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the start failed for want of users: %s", failure).isNotNull();

        FailureAnalysis analysis = new NoSignInFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("no users").contains("candor.users");
        assertThat(analysis.getAction())
                .contains("--spring.profiles.active=demo")
                .contains("{bcrypt}")
                .contains("spring.security.oauth2");
    }

    @Test
    void theDemoUsersComeOnlyWithTheDemoProfile() throws Exception {
        java.util.Properties base = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            base.load(in);
        }
        assertThat(base.stringPropertyNames()).noneMatch(k -> k.startsWith("candor.users"));
        assertThat(getClass().getResource("/application-default.properties"))
                .as("no profile that is active without being named")
                .isNull();
        java.util.Properties demo = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application-demo.properties")) {
            demo.load(in);
        }
        assertThat(demo.getProperty("candor.users[0].username")).isEqualTo("northwind");
    }
}
