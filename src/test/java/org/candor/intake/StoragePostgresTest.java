package org.candor.intake;

import org.candor.support.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@Postgres
class StoragePostgresTest extends StorageContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.Db.register(registry);
    }
}
