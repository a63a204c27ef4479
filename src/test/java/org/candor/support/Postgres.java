package org.candor.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Marks a test class that runs on the real PostgreSQL server (database {@code test}, trust
 * auth); {@link Db#register} gives each class a schema of its own, so runs never see each
 * other's rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresCondition.class)
public @interface Postgres {

    /** Where the test server is, and how a Spring context is pointed at it. */
    final class Db {
        public static final String HOST = System.getProperty("candor.test.pg.host", "127.0.0.1:5432");
        public static final String URL = "jdbc:postgresql://" + HOST + "/test";
        public static final String USER = System.getProperty("candor.test.pg.user", "postgres");

        private Db() {}

        /** Points a Spring context at a fresh schema of the test database. */
        public static void register(DynamicPropertyRegistry registry) {
            String schema =
                    "candor_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + schema);
            registry.add("spring.datasource.username", () -> USER);
            registry.add("spring.datasource.password", () -> "");
            registry.add("spring.flyway.schemas", () -> schema);
            registry.add("spring.flyway.default-schema", () -> schema);
            registry.add("spring.flyway.create-schemas", () -> "true");
        }
    }
}
