package org.candor.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Verdict;
import org.candor.system.DatabaseProbe;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submissions and their evaluations, in the embedded database or PostgreSQL. An evaluation's
 * result is kept as its JSON compressed with gzip ({@code result_gzip}); rows stored before that
 * form keep their JSON text ({@code result}), and both are read the same.
 */
@Repository
public class SubmissionStore {
    private final JdbcClient jdbc;
    private final ObjectWriter resultWriter;
    private final ObjectReader resultReader;

    private final DatabaseProbe probe;

    public SubmissionStore(JdbcClient jdbc, ObjectMapper mapper, DatabaseProbe probe) {
        this.jdbc = jdbc;
        this.resultWriter = mapper.writerFor(EvaluationResult.class);
        this.resultReader = mapper.readerFor(EvaluationResult.class);
        this.probe = probe;
    }

    /** An instant as the databases take it: a UTC timestamp with time zone; null stays null. */
    public static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    /** A timestamp column as an instant, from either database; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t != null) {
            return t.toInstant();
        }
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    @Transactional
    public void insert(Submission s) {
        insert(s, null, 0);
    }

    /**
     * Stores a submission under the Idempotency-Key its user sent (null for none).
     *
     * @throws org.springframework.dao.DuplicateKeyException when the user already sent that key
     * @throws org.candor.system.StorageUnavailableException when the database could not keep it
     */
    @Transactional
    public void insert(Submission s, String idempotencyKey) {
        insert(s, idempotencyKey, 0);
    }

    /**
     * Stores a submission as {@link #insert(Submission, String)} does, with its first evaluation's
     * attempt already counted ({@link #startAttempt}): one commit instead of two, for a submission
     * evaluated at once.
     */
    @Transactional
    public void insertStarted(Submission s, String idempotencyKey) {
        insert(s, idempotencyKey, 1);
    }

    /**
     * The submission's row, then its campaign text in a table of its own ({@code
     * submission_payload}), so that updating the submission's status and attempts writes neither
     * the text nor the rows beside it.
     */
    private void insert(Submission s, String idempotencyKey, int attempts) {
        probe.requireWritable();
        jdbc.sql("""
                INSERT INTO submission (id, reference, agency, brand, submitted_by, received_at, as_of, status,
                                        input_hash, content_type, idempotency_key, attempts)
                VALUES (:id, :reference, :agency, :brand, :by, :received, :asOf, :status, :hash, :type, :key,
                        :attempts)
                """)
                .param("key", idempotencyKey)
                .param("attempts", attempts)
                .param("id", s.id())
                .param("reference", s.reference())
                .param("agency", s.agency())
                .param("brand", s.brand())
                .param("by", s.submittedBy())
                .param("received", ts(s.receivedAt()))
                .param("asOf", ts(s.asOf()))
                .param("status", s.status())
                .param("hash", s.inputHash())
                .param("type", s.contentType())
                .update();
        jdbc.sql("INSERT INTO submission_payload (submission_id, payload) VALUES (:id, :payload)")
                .param("id", s.id())
                .param("payload", s.payload())
                .update();
    }

    /** A submission with its campaign text: the columns {@link #submission(ResultSet, int)} reads. */
    private static final String SUBMISSION =
            "SELECT s.*, p.payload FROM submission s JOIN submission_payload p ON p.submission_id = s.id";

    private static Submission submission(ResultSet rs, int row) throws SQLException {
        return new Submission(
                rs.getString("id"),
                rs.getString("reference"),
                rs.getString("agency"),
                rs.getString("brand"),
                rs.getString("submitted_by"),
                instant(rs, "received_at"),
                instant(rs, "as_of"),
                rs.getString("status"),
                rs.getString("input_hash"),
                rs.getString("content_type"),
                rs.getString("payload"));
    }

    public Optional<Submission> submission(String id) {
        return jdbc.sql(SUBMISSION + " WHERE s.id = :id")
                .param("id", id)
                .query(SubmissionStore::submission)
                .optional();
    }

    /** The submission a user sent with an Idempotency-Key. */
    public Optional<Submission> submissionByKey(String submittedBy, String idempotencyKey) {
        return jdbc.sql(SUBMISSION + " WHERE s.submitted_by = :by AND s.idempotency_key = :key")
                .param("by", submittedBy)
                .param("key", idempotencyKey)
                .query(SubmissionStore::submission)
                .optional();
    }

    /** Submissions stored but never evaluated, oldest first: what a crash left behind. */
    public List<Submission> received() {
        return jdbc.sql(SUBMISSION + " WHERE s.status = :s ORDER BY s.received_at")
                .param("s", Submission.RECEIVED)
                .query(SubmissionStore::submission)
                .list();
    }

    /**
     * Where a submission stands.
     *
     * @param attempts how many times its first evaluation was started
     * @param error why it ended in ERROR; null otherwise
     */
    public record State(String status, int attempts, String error) {}

    public Optional<State> state(String id) {
        return jdbc.sql("SELECT status, attempts, error FROM submission WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new State(rs.getString("status"), rs.getInt("attempts"), rs.getString("error")))
                .optional();
    }

    /**
     * Counts one more start of a submission's first evaluation, before it runs, so an attempt that
     * never ends (the process killed or stopped in it) still counts.
     *
     * @return the attempts so far, this one included
     */
    @Transactional
    public int startAttempt(String id) {
        jdbc.sql("UPDATE submission SET attempts = attempts + 1 WHERE id = :id")
                .param("id", id)
                .update();
        return jdbc.sql("SELECT attempts FROM submission WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /**
     * Takes back one attempt of a submission still RECEIVED, when a graceful shutdown stopped it:
     * the stop says nothing about the submission.
     */
    public void giveBackAttempt(String id) {
        jdbc.sql("UPDATE submission SET attempts = attempts - 1 WHERE id = :id AND status = :received AND attempts > 0")
                .param("id", id)
                .param("received", Submission.RECEIVED)
                .update();
    }

    /**
     * Marks a submission that is still RECEIVED as ERROR, with the reason.
     *
     * @return false when it is not RECEIVED (evaluated meanwhile)
     */
    public boolean markError(String id, String reason) {
        String r = reason == null ? "" : reason;
        return jdbc.sql("UPDATE submission SET status = :error, error = :reason WHERE id = :id AND status = :received")
                        .param("error", Submission.ERROR)
                        .param("reason", r.length() > 2000 ? r.substring(0, 1997) + "..." : r)
                        .param("id", id)
                        .param("received", Submission.RECEIVED)
                        .update()
                > 0;
    }

    /**
     * Stores an evaluation. The first evaluation of a submission also marks it EVALUATED, in the
     * same transaction; when another process got there first, nothing is stored and false comes back.
     */
    @Transactional
    public boolean insert(StoredEvaluation e, boolean first) {
        if (first) {
            int marked = jdbc.sql("UPDATE submission SET status = :done WHERE id = :id AND status = :received")
                    .param("done", Submission.EVALUATED)
                    .param("id", e.submissionId())
                    .param("received", Submission.RECEIVED)
                    .update();
            if (marked == 0) {
                return false;
            }
        }
        EvaluationResult r = e.result();
        jdbc.sql("""
                INSERT INTO evaluation (id, submission_id, reference, agency, brand, rule_set_hash, verdict, fails,
                                        warnings, infos, waived, evaluated_at, evaluated_by, result_gzip)
                VALUES (:id, :sub, :reference, :agency, :brand, :hash, :verdict, :fails, :warnings, :infos, :waived, :at,
                        :by, :result)
                """)
                .param("id", e.id())
                .param("sub", e.submissionId())
                .param("reference", r.reference())
                .param("agency", r.agency())
                .param("brand", r.brand())
                .param("hash", r.ruleSetHash())
                .param("verdict", r.verdict().name())
                .param("fails", r.counts().fails())
                .param("warnings", r.counts().warnings())
                .param("infos", r.counts().infos())
                .param("waived", r.counts().waivedCount())
                .param("at", ts(r.evaluatedAt()))
                .param("by", e.evaluatedBy())
                .param("result", compact(r))
                .update();
        return true;
    }

    /**
     * The ids of the evaluations made at or after {@code since} (all when null), oldest first: for
     * work that must reach every evaluation, such as the reports folder's copies.
     */
    public List<String> evaluationIds(Instant since) {
        if (since == null) {
            return jdbc.sql("SELECT id FROM evaluation ORDER BY evaluated_at, id")
                    .query(String.class)
                    .list();
        }
        return jdbc.sql("SELECT id FROM evaluation WHERE evaluated_at >= :since ORDER BY evaluated_at, id")
                .param("since", ts(since))
                .query(String.class)
                .list();
    }

    /**
     * The result's JSON, gzip-compressed (fastest level: a result compresses well at any). The JSON
     * is also left for the answer to the submission ({@link StoredEvaluationJson}), which then
     * does not write the result again.
     */
    byte[] compact(EvaluationResult r) {
        byte[] json;
        try {
            json = resultWriter.writeValueAsBytes(r);
        } catch (IOException ex) {
            throw new IllegalStateException("result cannot be written as JSON", ex);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(256, json.length / 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json);
        } catch (IOException ex) {
            throw new IllegalStateException("result cannot be compressed", ex);
        }
        StoredEvaluationJson.written(resultWriter.getConfig(), r, json);
        return bytes.toByteArray();
    }

    /**
     * A stored result: the compact form when the row has it, otherwise the JSON text of before.
     *
     * @throws StoredResultUnreadableException when it cannot be read (the row's {@code id} named)
     */
    private EvaluationResult result(ResultSet rs) throws SQLException {
        byte[] gzip = rs.getBytes("result_gzip");
        String form = gzip != null ? "compact form" : "JSON text";
        byte[] json;
        if (gzip != null) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
                json = in.readAllBytes();
            } catch (IOException ex) {
                throw new StoredResultUnreadableException(rs.getString("id"), form + ", not valid gzip", ex);
            }
        } else {
            String text = rs.getString("result");
            json = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return resultReader.readValue(json);
        } catch (IOException ex) {
            throw new StoredResultUnreadableException(rs.getString("id"), form + ", not a result", ex);
        }
    }

    public Optional<StoredEvaluation> evaluation(String id) {
        return jdbc.sql("""
                SELECT e.id, e.submission_id, s.submitted_by, e.evaluated_by, e.result, e.result_gzip
                FROM evaluation e JOIN submission s ON s.id = e.submission_id WHERE e.id = :id
                """)
                .param("id", id)
                .query((rs, n) -> new StoredEvaluation(
                        rs.getString("id"),
                        rs.getString("submission_id"),
                        rs.getString("submitted_by"),
                        rs.getString("evaluated_by"),
                        result(rs)))
                .optional();
    }

    /** Replaces an evaluation's result, as when a waiver is granted on it; the verdict columns follow. */
    public void updateResult(String evaluationId, EvaluationResult r) {
        jdbc.sql("""
                UPDATE evaluation SET verdict = :verdict, fails = :fails, warnings = :warnings, infos = :infos,
                                      waived = :waived, result = NULL, result_gzip = :result WHERE id = :id
                """)
                .param("verdict", r.verdict().name())
                .param("fails", r.counts().fails())
                .param("warnings", r.counts().warnings())
                .param("infos", r.counts().infos())
                .param("waived", r.counts().waivedCount())
                .param("result", compact(r))
                .param("id", evaluationId)
                .update();
    }

    /** The newest evaluation of a submission. */
    public Optional<StoredEvaluation> latestEvaluation(String submissionId) {
        return jdbc
                .sql("SELECT id FROM evaluation WHERE submission_id = :s ORDER BY evaluated_at DESC, id")
                .param("s", submissionId)
                .query(String.class)
                .list()
                .stream()
                .findFirst()
                .flatMap(this::evaluation);
    }

    /** The first evaluation of a submission: the one its submitter was answered with. */
    public Optional<StoredEvaluation> firstEvaluation(String submissionId) {
        return jdbc
                .sql("SELECT id FROM evaluation WHERE submission_id = :s ORDER BY evaluated_at, id")
                .param("s", submissionId)
                .query(String.class)
                .list()
                .stream()
                .findFirst()
                .flatMap(this::evaluation);
    }

    public long countEvaluations(String submissionId) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation WHERE submission_id = :id")
                .param("id", submissionId)
                .query(Long.class)
                .single();
    }

    /** The matched evaluations as table {@code q}, the condition on them (or ""), and the parameters. */
    private record Where(String table, String condition, Map<String, Object> params) {
        String sql() {
            return table + condition;
        }
    }

    /** {@code text} as a LIKE pattern that finds it anywhere, any case; '\\' escapes. */
    public static String containing(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * The evaluations a query matches, as a table {@code q} with the evaluation's columns and
     * {@code rn}: 1 for its campaign's newest evaluation among those matched. The verdict filter
     * applies after that, so "latest, FAIL" means campaigns whose newest evaluation failed.
     */
    private static Where matching(EvaluationQuery q, boolean withResult) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.ownAgency() != null) {
            clauses.add("agency = :own");
            params.put("own", q.ownAgency());
        }
        if (q.agency() != null) {
            clauses.add("LOWER(agency) LIKE :agency ESCAPE '\\'");
            params.put("agency", containing(q.agency()));
        }
        if (q.brand() != null) {
            clauses.add("LOWER(brand) LIKE :brand ESCAPE '\\'");
            params.put("brand", containing(q.brand()));
        }
        if (q.reference() != null) {
            clauses.add("LOWER(reference) LIKE :reference ESCAPE '\\'");
            params.put("reference", containing(q.reference()));
        }
        if (q.from() != null) {
            clauses.add("evaluated_at >= :from");
            params.put("from", ts(q.from()));
        }
        if (q.to() != null) {
            clauses.add("evaluated_at < :to");
            params.put("to", ts(q.to()));
        }
        String inner = "SELECT id, submission_id, reference, agency, brand, rule_set_hash, verdict, fails, warnings,"
                + " infos, waived, evaluated_at, evaluated_by" + (withResult ? ", result, result_gzip" : "")
                + ", ROW_NUMBER() OVER (PARTITION BY agency, reference"
                + " ORDER BY evaluated_at DESC, id DESC) AS rn, MAX(evaluated_at) OVER (PARTITION BY agency, reference)"
                + " AS campaign_at FROM evaluation"
                + (clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses));
        List<String> outer = new ArrayList<>();
        if (q.latest()) {
            outer.add("q.rn = 1");
        }
        if (q.verdict() != null) {
            outer.add("q.verdict = :verdict");
            params.put("verdict", q.verdict().name());
        }
        return new Where("(" + inner + ") q", outer.isEmpty() ? "" : " WHERE " + String.join(" AND ", outer), params);
    }

    private static String orderBy(EvaluationQuery q) {
        String dir = q.descending() ? " DESC" : " ASC";
        EvaluationQuery.Sort sort = q.sort() == null ? EvaluationQuery.Sort.EVALUATED_AT : q.sort();
        String column =
                switch (sort) {
                    case CAMPAIGN -> "q.campaign_at" + dir + ", q.agency, q.reference";
                    case EVALUATED_AT -> "q.evaluated_at";
                    case REFERENCE -> "LOWER(q.reference)";
                    case AGENCY -> "LOWER(q.agency)";
                    case BRAND -> "LOWER(q.brand)";
                    case VERDICT -> "q.verdict";
                    case FAILS -> "q.fails";
                    case WARNINGS -> "q.warnings";
                };
        return " ORDER BY " + column + dir + (sort == EvaluationQuery.Sort.EVALUATED_AT ? "" : ", q.evaluated_at DESC")
                + ", q.id" + dir;
    }

    public Page<EvaluationSummary> list(EvaluationQuery q, int page, int size) {
        Where w = matching(q, false);
        long total = jdbc.sql("SELECT COUNT(*) FROM " + w.sql())
                .params(w.params())
                .query(Long.class)
                .single();
        List<EvaluationSummary> items = jdbc.sql(
                        "SELECT q.id, q.submission_id, q.reference, q.agency, q.brand, q.verdict, q.fails, q.warnings,"
                                + " q.infos, q.waived, q.rule_set_hash, q.evaluated_at, q.evaluated_by, q.rn FROM "
                                + w.sql()
                                + orderBy(q)
                                + " LIMIT :limit OFFSET :offset")
                .params(w.params())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new EvaluationSummary(
                        rs.getString("id"),
                        rs.getString("submission_id"),
                        rs.getString("reference"),
                        rs.getString("agency"),
                        rs.getString("brand"),
                        Verdict.valueOf(rs.getString("verdict")),
                        rs.getInt("fails"),
                        rs.getInt("warnings"),
                        rs.getInt("infos"),
                        rs.getInt("waived"),
                        rs.getString("rule_set_hash"),
                        instant(rs, "evaluated_at"),
                        rs.getString("evaluated_by"),
                        rs.getLong("rn") == 1))
                .list();
        return new Page<>(items, page, size, total);
    }

    /** Every evaluation matching the query, with its full result, oldest first. */
    public List<StoredEvaluation> all(EvaluationQuery q) {
        Where w = matching(q, true);
        return jdbc.sql("SELECT q.id, q.submission_id, s.submitted_by, q.evaluated_by, q.result, q.result_gzip FROM "
                        + w.table()
                        + " JOIN submission s ON s.id = q.submission_id" + w.condition()
                        + " ORDER BY q.evaluated_at, q.id")
                .params(w.params())
                .query((rs, n) -> new StoredEvaluation(
                        rs.getString("id"),
                        rs.getString("submission_id"),
                        rs.getString("submitted_by"),
                        rs.getString("evaluated_by"),
                        result(rs)))
                .list();
    }

    /**
     * The id of each campaign's newest evaluation among those the query matches (its {@code
     * latest} flag aside), by agency and reference: the portfolio as it stands.
     */
    public List<String> latestIds(EvaluationQuery q) {
        Where w = matching(q.latestOnly(true), false);
        return jdbc.sql("SELECT q.id FROM " + w.sql() + " ORDER BY q.agency, q.reference, q.id")
                .params(w.params())
                .query(String.class)
                .list();
    }

    /** Every agency that has an evaluation, A to Z (any case). */
    public List<String> agencies() {
        return jdbc.sql("SELECT DISTINCT agency FROM evaluation").query(String.class).list().stream()
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    /** Every brand that has an evaluation (of one agency, when given), A to Z (any case). */
    public List<String> brands(String agency) {
        return jdbc
                .sql("SELECT DISTINCT brand FROM evaluation" + (agency == null ? "" : " WHERE agency = :a"))
                .params(agency == null ? Map.of() : Map.of("a", agency))
                .query(String.class)
                .list()
                .stream()
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    /** When an evaluation was made, and its verdict. */
    public record VerdictAt(Instant at, Verdict verdict) {}

    /** The time and verdict of every evaluation matching the query, oldest first. */
    public List<VerdictAt> verdicts(EvaluationQuery q) {
        Where w = matching(q, false);
        return jdbc.sql("SELECT q.evaluated_at, q.verdict FROM " + w.sql() + " ORDER BY q.evaluated_at, q.id")
                .params(w.params())
                .query((rs, n) -> new VerdictAt(instant(rs, "evaluated_at"), Verdict.valueOf(rs.getString("verdict"))))
                .list();
    }
}
