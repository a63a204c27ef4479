package org.candor.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@link ServiceTest} on PostgreSQL ({@link Postgres}): the service on a schema of its own. The
 * classes that implement it and declare no settings of their own share one service and its schema
 * in a test JVM (Spring's context cache), as the H2 variants of the same contracts share theirs.
 */
public interface PostgresService {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.Db.register(registry);
    }
}
