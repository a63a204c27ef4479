package org.candor.api;

import org.candor.support.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole path over HTTP, on PostgreSQL. */
@Postgres
class ApiFlowPostgresTest extends ApiFlowContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.Db.register(registry);
        registerUsers(registry);
    }
}
