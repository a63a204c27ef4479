package org.candor.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port, with MockMvc too, the default pack's rules, the demo users (the {@code demo} profile)
 * and reports written under {@code target/}, on an in-memory H2 database of its own. Metrics are
 * exported as in the running service (Spring Boot's tests turn exporters off unless asked).
 *
 * <p>Test classes that add nothing to it share one Spring context (Spring's context cache): a
 * class that declares its own properties, {@code @DynamicPropertySource} or
 * {@code @DirtiesContext} starts another service, so declare them only where the test needs
 * another configuration (PostgreSQL with {@link Postgres.Db#register}, other limits, a copy of the
 * rules). Tests of a shared context make their own evaluations (a unique brand or reference) and
 * count only those.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "candor.reports-dir=${java.io.tmpdir}/candor-test-reports",
            "spring.datasource.url=" + H2.SHARED_URL,
            "spring.datasource.username=sa",
            "spring.datasource.password="
        })
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("demo")
public @interface ServiceTest {}
