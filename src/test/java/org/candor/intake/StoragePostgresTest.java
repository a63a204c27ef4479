package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.candor.support.Postgres;
import org.candor.support.PostgresService;
import org.junit.jupiter.api.Test;

@Postgres
class StoragePostgresTest extends StorageContract implements PostgresService {

    /**
     * PostgreSQL writes a new version of a row on each update: a status update makes one of the
     * submission's short row, and none of its campaign text.
     */
    @Test
    void aStatusUpdateWritesANewVersionOfTheShortRowOnly() throws Exception {
        Submission s = received("Version Agency " + UUID.randomUUID(), Instant.parse("2026-10-01T09:00:00Z"));
        store.insert(s);
        String row = version("submission", "id", s.id());
        String text = version("submission_payload", "submission_id", s.id());

        store.startAttempt(s.id());
        assertThat(store.markError(s.id(), "stopped")).isTrue();

        assertThat(version("submission", "id", s.id()))
                .as("the submission's row")
                .isNotEqualTo(row);
        assertThat(version("submission_payload", "submission_id", s.id()))
                .as("its campaign text")
                .isEqualTo(text);
    }

    /** Where a row's current version is and which transaction wrote it. */
    private String version(String table, String key, String id) {
        return jdbc.sql("SELECT ctid::text || '/' || xmin::text FROM " + table + " WHERE " + key + " = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
