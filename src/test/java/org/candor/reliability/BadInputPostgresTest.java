package org.candor.reliability;

import org.candor.support.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The bad-input battery on PostgreSQL, which refuses some text the embedded database keeps. */
@Postgres
class BadInputPostgresTest extends BadInputContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.Db.register(registry);
    }
}
