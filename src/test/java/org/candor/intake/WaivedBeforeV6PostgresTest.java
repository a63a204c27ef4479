package org.candor.intake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.candor.support.Postgres;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;

@Postgres
class WaivedBeforeV6PostgresTest extends WaivedBeforeV6Contract {
    private final String schema =
            "candor_v6_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    String url() {
        return Postgres.Db.URL + "?currentSchema=" + schema;
    }

    @Override
    String user() {
        return Postgres.Db.USER;
    }

    @Override
    FluentConfiguration configure(FluentConfiguration c) {
        return c.schemas(schema).defaultSchema(schema).createSchemas(true);
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection db = DriverManager.getConnection(Postgres.Db.URL, Postgres.Db.USER, "")) {
            db.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
