package org.candor.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The embedded database, in memory and private to one Spring context. */
public final class H2 {
    private H2() {}

    public static void register(DynamicPropertyRegistry registry) {
        String url = "jdbc:h2:mem:candor-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }
}
