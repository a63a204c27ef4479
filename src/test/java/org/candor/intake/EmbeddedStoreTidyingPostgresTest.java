package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import org.candor.support.Postgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** PostgreSQL keeps its own files: the tidying of the embedded database leaves it alone. */
@Postgres
class EmbeddedStoreTidyingPostgresTest {

    @Test
    void aPostgresDatabaseIsNeitherTidiedNorScheduled() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(Postgres.Db.URL);
        ds.setUser(Postgres.Db.USER);
        try (Connection c = ds.getConnection()) {
            assertThat(EmbeddedStoreTidying.leftUntidied(c)).isEmpty();
        }
        EmbeddedStoreTidying tidying = new EmbeddedStoreTidying(ds, () -> false, Duration.ofMillis(10), Duration.ZERO);
        assertThat(tidying.tidy()).isFalse();
        tidying.start();
        assertThat(tidying.isRunning()).isFalse();
    }
}
