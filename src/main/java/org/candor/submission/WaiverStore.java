package org.candor.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.candor.evaluation.Waiver;
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
        jdbc.sql(
                        """
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
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
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

    /** Ends a waiver: it expired yesterday, so it no longer applies from the next evaluation on. */
    public void expire(String id, LocalDate today) {
        jdbc.sql("UPDATE waiver SET expires_on = :d WHERE id = :id AND expires_on >= :today")
                .param("d", today.minusDays(1))
                .param("id", id)
                .param("today", today)
                .update();
    }
}
