package org.candor.waiver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.candor.evaluation.Waiver;
import org.candor.intake.SubmissionStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Waivers, kept per submission so that they carry over to its re-evaluations until they expire. */
@Repository
public class WaiverStore {
    private final JdbcClient jdbc;

    public WaiverStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Waiver w, String submissionId, String agency) {
        jdbc.sql("""
                INSERT INTO waiver (id, evaluation_id, submission_id, agency, rule_id, subject, justification, approver,
                                    expires_on, created_by, created_at)
                VALUES (:id, :evaluation, :submission, :agency, :rule, :subject, :justification, :approver, :expires,
                        :by, :at)
                """)
                .param("id", w.id())
                .param("evaluation", w.evaluationId())
                .param("submission", submissionId)
                .param("agency", agency)
                .param("rule", w.ruleId())
                .param("subject", w.subject())
                .param("justification", w.justification())
                .param("approver", w.approver())
                .param("expires", w.expiresOn())
                .param("by", w.createdBy())
                .param("at", w.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    private static Waiver waiver(ResultSet rs, int n) throws SQLException {
        return new Waiver(
                rs.getString("id"),
                rs.getString("evaluation_id"),
                rs.getString("rule_id"),
                rs.getString("subject"),
                rs.getString("justification"),
                rs.getString("approver"),
                rs.getObject("expires_on", LocalDate.class),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("ended_by"),
                endedAt(rs));
    }

    private static java.time.Instant endedAt(ResultSet rs) throws SQLException {
        OffsetDateTime t = rs.getObject("ended_at", OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Every waiver granted on any evaluation of the submission, oldest first. */
    public List<Waiver> forSubmission(String submissionId) {
        return jdbc.sql("SELECT * FROM waiver WHERE submission_id = :s ORDER BY created_at, id")
                .param("s", submissionId)
                .query(WaiverStore::waiver)
                .list();
    }

    /** All waivers, or those of one agency, newest first. */
    public List<Waiver> all(String agency) {
        return jdbc.sql("SELECT * FROM waiver" + (agency == null ? "" : " WHERE agency = :a")
                        + " ORDER BY created_at DESC, id")
                .params(agency == null ? java.util.Map.of() : java.util.Map.of("a", agency))
                .query(WaiverStore::waiver)
                .list();
    }

    /** A waiver with the campaign and agency of the evaluation it was granted on. */
    public record Listed(Waiver waiver, String reference, String agency) {}

    /**
     * Waivers, newest first, with their campaign and agency: all of them or those of one agency,
     * and only those whose campaign reference, agency, rule id, subject or approver contains
     * {@code text} (any case) when it is given.
     */
    public List<Listed> listed(String agency, String text) {
        List<String> where = new java.util.ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (agency != null) {
            where.add("w.agency = :a");
            params.put("a", agency);
        }
        if (text != null && !text.isBlank()) {
            where.add("(LOWER(e.reference) LIKE :t ESCAPE '\\' OR LOWER(w.agency) LIKE :t ESCAPE '\\'"
                    + " OR LOWER(w.rule_id) LIKE :t ESCAPE '\\' OR LOWER(w.subject) LIKE :t ESCAPE '\\'"
                    + " OR LOWER(w.approver) LIKE :t ESCAPE '\\')");
            params.put("t", SubmissionStore.containing(text));
        }
        return jdbc.sql("SELECT w.*, e.reference AS evaluation_reference FROM waiver w"
                        + " JOIN evaluation e ON e.id = w.evaluation_id"
                        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY w.created_at DESC, w.id")
                .params(params)
                .query((rs, n) ->
                        new Listed(waiver(rs, n), rs.getString("evaluation_reference"), rs.getString("agency")))
                .list();
    }

    public Optional<Waiver> find(String id) {
        return jdbc.sql("SELECT * FROM waiver WHERE id = :id")
                .param("id", id)
                .query(WaiverStore::waiver)
                .optional();
    }

    public Optional<String> agencyOf(String waiverId) {
        return jdbc.sql("SELECT agency FROM waiver WHERE id = :id")
                .param("id", waiverId)
                .query(String.class)
                .optional();
    }

    /**
     * Ends a waiver: records who ended it and when, and leaves its expiry date as granted. A
     * waiver already ended keeps its first end; false comes back then.
     */
    public boolean end(String id, String by, java.time.Instant at) {
        return jdbc.sql("UPDATE waiver SET ended_by = :by, ended_at = :at WHERE id = :id AND ended_at IS NULL")
                        .param("by", by)
                        .param("at", at.atOffset(ZoneOffset.UTC))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** The submission a waiver was granted on. */
    public Optional<String> submissionOf(String waiverId) {
        return jdbc.sql("SELECT submission_id FROM waiver WHERE id = :id")
                .param("id", waiverId)
                .query(String.class)
                .optional();
    }
}
