package org.candor.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The embedded database, in memory and private to one Spring context. */
public final class H2 {
    private H2() {}

    /**
     * The database of a {@link ServiceTest} context that declares none: a new one for each
     * context ({@code random.uuid} is drawn when the context starts), under one property value so
     * that the contexts' cache keys stay equal.
     */
    static final String SHARED_URL = "jdbc:h2:mem:candor-${random.uuid}"
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    public static void register(DynamicPropertyRegistry registry) {
        String url = "jdbc:h2:mem:candor-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }
}
