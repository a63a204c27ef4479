package org.candor.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port, with MockMvc too, the default pack's rules, the demo users (the {@code demo} profile)
 * and reports written under {@code target/}. The database is chosen by the test class, with
 * {@link H2#register} or {@link Postgres#register} in a {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.reports-dir=${java.io.tmpdir}/candor-test-reports"})
@AutoConfigureMockMvc
@ActiveProfiles("demo")
public @interface ServiceTest {}
