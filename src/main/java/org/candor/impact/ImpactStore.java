package org.candor.impact;

import static org.candor.intake.SubmissionStore.instant;
import static org.candor.intake.SubmissionStore.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.candor.evaluation.Verdict;
import org.candor.impact.ImpactChange.FindingRef;
import org.candor.impact.ImpactPreview.Status;
import org.candor.notify.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Impact previews, their jobs and what they found, in the embedded database or PostgreSQL. A job
 * is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}: workers of every instance take jobs
 * from the same table, none waits for another's claim and no job is claimed twice; a job whose
 * worker shows no sign of life for the lease is taken over. On PostgreSQL, jobs queued (a new
 * preview, a job given back or to be tried again) are announced on channel {@code candor_impact} when
 * their transaction commits, so that idle workers of every instance look for them at once.
 */
@Repository
public class ImpactStore {
    /** The rules in force when the preview was asked for. */
    static final String BASE = "BASE";
    /** The rules with the candidate change. */
    static final String CANDIDATE = "CANDIDATE";

    /** The PostgreSQL notification channel on which queued jobs are announced, with the preview's id. */
    public static final Channel CHANNEL = new Channel("candor_impact", "impact jobs");

    private static final TypeReference<List<FindingRef>> FINDINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final boolean postgres;

    public ImpactStore(JdbcClient jdbc, ObjectMapper mapper, DataSource dataSource) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.postgres = Channel.notifies(dataSource);
    }

    /** Whether the database announces queued jobs to listeners (PostgreSQL); otherwise workers poll only. */
    public boolean notifies() {
        return postgres;
    }

    /** Announces that jobs of a preview are queued, when (and only if) the transaction commits. */
    private void announce(String previewId) {
        if (postgres) {
            CHANNEL.announce(jdbc, previewId);
        }
    }

    /** A claimed job: the campaigns (their latest evaluations) it judges, and who claimed it. */
    public record Job(String previewId, int seq, List<String> evaluationIds, int attempts, String worker) {}

    /**
     * Stores a new preview with the rule files of both sides and its jobs, one per slice of
     * evaluation ids; a preview of no campaign is DONE at once.
     */
    @Transactional
    public void create(
            ImpactPreview p, Map<String, byte[]> base, Map<String, byte[]> candidate, List<List<String>> slices) {
        jdbc.sql("""
                INSERT INTO impact_preview (id, status, requested_by, created_at, finished_at, expires_at, base_hash,
                                            candidate_hash, scope, total, done)
                VALUES (:id, :status, :by, :created, :finished, :expires, :base, :candidate, :scope, :total, 0)
                """)
                .param("id", p.id())
                .param("status", p.status().name())
                .param("by", p.requestedBy())
                .param("created", ts(p.createdAt()))
                .param("finished", ts(p.finishedAt()))
                .param("expires", ts(p.expiresAt()))
                .param("base", p.baseHash())
                .param("candidate", p.candidateHash())
                .param("scope", p.scope())
                .param("total", p.total())
                .update();
        files(p.id(), BASE, base);
        files(p.id(), CANDIDATE, candidate);
        for (int i = 0; i < slices.size(); i++) {
            jdbc.sql("""
                    INSERT INTO impact_job (preview_id, seq, status, evaluation_ids, size)
                    VALUES (:preview, :seq, 'QUEUED', :ids, :size)
                    """)
                    .param("preview", p.id())
                    .param("seq", i)
                    .param("ids", String.join(",", slices.get(i)))
                    .param("size", slices.get(i).size())
                    .update();
        }
        if (!slices.isEmpty()) {
            announce(p.id());
        }
    }

    private void files(String previewId, String side, Map<String, byte[]> files) {
        files.forEach((path, content) -> jdbc.sql(
                        "INSERT INTO impact_rule_file (preview_id, side, path, content) VALUES (:p, :side, :path, :c)")
                .param("p", previewId)
                .param("side", side)
                .param("path", path)
                .param("c", content)
                .update());
    }

    /** The rule files of one side of a preview, by path. */
    public Map<String, byte[]> files(String previewId, String side) {
        Map<String, byte[]> files = new TreeMap<>();
        jdbc.sql("SELECT path, content FROM impact_rule_file WHERE preview_id = :p AND side = :side")
                .param("p", previewId)
                .param("side", side)
                .query(rs -> {
                    files.put(rs.getString("path"), rs.getBytes("content"));
                });
        return files;
    }

    private static ImpactPreview preview(ResultSet rs, int row) throws SQLException {
        return new ImpactPreview(
                rs.getString("id"),
                Status.valueOf(rs.getString("status")),
                rs.getString("requested_by"),
                instant(rs, "created_at"),
                instant(rs, "finished_at"),
                instant(rs, "expires_at"),
                rs.getString("base_hash"),
                rs.getString("candidate_hash"),
                rs.getString("scope"),
                rs.getInt("total"),
                rs.getInt("done"),
                rs.getString("error"));
    }

    /** A preview that has not expired at {@code now}. */
    public Optional<ImpactPreview> find(String id, Instant now) {
        return jdbc.sql("SELECT * FROM impact_preview WHERE id = :id AND expires_at > :now")
                .param("id", id)
                .param("now", ts(now))
                .query(ImpactStore::preview)
                .optional();
    }

    /** Where a preview stands; empty when it is gone. */
    public Optional<Status> status(String id) {
        return jdbc.sql("SELECT status FROM impact_preview WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(Status::valueOf);
    }

    /**
     * Claims the next job for a worker, skipping those other workers hold: a QUEUED job, or a
     * RUNNING one whose worker showed no sign of life since {@code staleBefore}. Only the job's
     * row is locked, and only until the claim commits; see {@link #started}.
     */
    @Transactional
    public Optional<Job> claim(String worker, Instant now, Instant staleBefore) {
        Optional<Job> next = jdbc.sql("""
                SELECT preview_id, seq, evaluation_ids, attempts FROM impact_job
                WHERE status = 'QUEUED' OR (status = 'RUNNING' AND claimed_at < :stale)
                ORDER BY preview_id, seq LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
                .param("stale", ts(staleBefore))
                .query((rs, n) -> new Job(
                        rs.getString("preview_id"),
                        rs.getInt("seq"),
                        ids(rs.getString("evaluation_ids")),
                        rs.getInt("attempts") + 1,
                        worker))
                .optional();
        next.ifPresent(job -> {
            jdbc.sql("""
                    UPDATE impact_job SET status = 'RUNNING', claimed_by = :worker, claimed_at = :now,
                                          attempts = attempts + 1
                    WHERE preview_id = :p AND seq = :seq
                    """)
                    .param("worker", worker)
                    .param("now", ts(now))
                    .param("p", job.previewId())
                    .param("seq", job.seq())
                    .update();
        });
        return next;
    }

    /**
     * Marks a preview RUNNING once a job of it is claimed: in a statement of its own, after the
     * claim, so that claims of jobs of one preview never wait for each other on the preview's row.
     */
    public void started(String previewId) {
        jdbc.sql("UPDATE impact_preview SET status = 'RUNNING' WHERE id = :p AND status = 'QUEUED'")
                .param("p", previewId)
                .update();
    }

    private static List<String> ids(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** A sign of life from the worker of a job, so that no one takes it over. */
    public void heartbeat(Job job, Instant now) {
        jdbc.sql("""
                UPDATE impact_job SET claimed_at = :now
                WHERE preview_id = :p AND seq = :seq AND status = 'RUNNING' AND claimed_by = :worker
                """)
                .param("now", ts(now))
                .param("p", job.previewId())
                .param("seq", job.seq())
                .param("worker", job.worker())
                .update();
    }

    /**
     * Stores what a job found and counts its campaigns done; the preview is DONE with its last
     * job. Nothing is stored when the job is no longer this worker's (taken over, or its preview
     * cancelled or failed meanwhile).
     *
     * @return whether the job's results were stored
     */
    @Transactional
    public boolean complete(Job job, List<ImpactChange> changes, Instant now) {
        int mine = jdbc.sql("""
                UPDATE impact_job SET status = 'DONE', claimed_at = :now
                WHERE preview_id = :p AND seq = :seq AND status = 'RUNNING' AND claimed_by = :worker
                """)
                .param("now", ts(now))
                .param("p", job.previewId())
                .param("seq", job.seq())
                .param("worker", job.worker())
                .update();
        if (mine == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM impact_change WHERE preview_id = :p AND seq = :seq")
                .param("p", job.previewId())
                .param("seq", job.seq())
                .update();
        for (ImpactChange c : changes) {
            jdbc.sql("""
                    INSERT INTO impact_change (preview_id, seq, evaluation_id, reference, agency, brand, verdict_before,
                                               verdict_after, appeared, disappeared, stopped)
                    VALUES (:p, :seq, :e, :reference, :agency, :brand, :before, :after, :appeared, :disappeared,
                            :stopped)
                    """)
                    .param("p", job.previewId())
                    .param("seq", job.seq())
                    .param("e", c.evaluationId())
                    .param("reference", c.reference())
                    .param("agency", c.agency())
                    .param("brand", c.brand())
                    .param("before", c.verdictBefore().name())
                    .param(
                            "after",
                            c.verdictAfter() == null ? null : c.verdictAfter().name())
                    .param("appeared", json(c.appeared()))
                    .param("disappeared", json(c.disappeared()))
                    .param("stopped", clip(c.stopped()))
                    .update();
        }
        jdbc.sql("UPDATE impact_preview SET done = done + :n WHERE id = :p")
                .param("n", job.evaluationIds().size())
                .param("p", job.previewId())
                .update();
        jdbc.sql("""
                UPDATE impact_preview SET status = 'DONE', finished_at = :now
                WHERE id = :p AND status = 'RUNNING' AND done >= total
                """).param("now", ts(now)).param("p", job.previewId()).update();
        return true;
    }

    /**
     * A job that failed: queued again for another try, or, after {@code maxAttempts}, its preview
     * FAILED with the reason and its other jobs cancelled.
     */
    @Transactional
    public void fail(Job job, String reason, int maxAttempts, Instant now) {
        if (job.attempts() < maxAttempts) {
            jdbc.sql("""
                    UPDATE impact_job SET status = 'QUEUED', claimed_by = NULL, claimed_at = NULL
                    WHERE preview_id = :p AND seq = :seq AND status = 'RUNNING' AND claimed_by = :worker
                    """)
                    .param("p", job.previewId())
                    .param("seq", job.seq())
                    .param("worker", job.worker())
                    .update();
            announce(job.previewId());
            return;
        }
        int failed = jdbc.sql("""
                UPDATE impact_preview SET status = 'FAILED', error = :reason, finished_at = :now
                WHERE id = :p AND status IN ('QUEUED', 'RUNNING')
                """)
                .param("reason", clip(reason))
                .param("now", ts(now))
                .param("p", job.previewId())
                .update();
        if (failed > 0) {
            stopJobs(job.previewId());
        }
    }

    /** Gives a job back untouched, as when its worker is stopped: it is queued again, its try not counted. */
    @Transactional
    public void giveBack(Job job) {
        int n = jdbc.sql("""
                UPDATE impact_job SET status = 'QUEUED', claimed_by = NULL, claimed_at = NULL,
                                      attempts = attempts - 1
                WHERE preview_id = :p AND seq = :seq AND status = 'RUNNING' AND claimed_by = :worker
                """)
                .param("p", job.previewId())
                .param("seq", job.seq())
                .param("worker", job.worker())
                .update();
        if (n > 0) {
            announce(job.previewId());
        }
    }

    /**
     * Cancels a preview that is still QUEUED or RUNNING: its jobs are cancelled, and a worker
     * judging one stops at its next campaign. What it found so far is kept until it expires.
     *
     * @return whether it was cancelled now (false: it had finished, or was cancelled before)
     */
    @Transactional
    public boolean cancel(String id, Instant now) {
        int n = jdbc.sql("""
                UPDATE impact_preview SET status = 'CANCELLED', finished_at = :now
                WHERE id = :p AND status IN ('QUEUED', 'RUNNING')
                """).param("now", ts(now)).param("p", id).update();
        if (n > 0) {
            stopJobs(id);
        }
        return n > 0;
    }

    private void stopJobs(String previewId) {
        jdbc.sql("""
                UPDATE impact_job SET status = 'CANCELLED'
                WHERE preview_id = :p AND status IN ('QUEUED', 'RUNNING')
                """).param("p", previewId).update();
    }

    /** What a preview found so far, by agency and reference. */
    public List<ImpactChange> changes(String previewId) {
        return jdbc.sql("SELECT * FROM impact_change WHERE preview_id = :p ORDER BY agency, reference, evaluation_id")
                .param("p", previewId)
                .query((rs, n) -> new ImpactChange(
                        rs.getString("evaluation_id"),
                        rs.getString("reference"),
                        rs.getString("agency"),
                        rs.getString("brand"),
                        Verdict.valueOf(rs.getString("verdict_before")),
                        rs.getString("verdict_after") == null ? null : Verdict.valueOf(rs.getString("verdict_after")),
                        findings(rs.getString("appeared")),
                        findings(rs.getString("disappeared")),
                        rs.getString("stopped")))
                .list();
    }

    /** Each job of a preview and the worker that claimed it last, by job number; for tests and operators. */
    public List<String> claimedBy(String previewId) {
        List<String> by = new ArrayList<>();
        jdbc.sql("SELECT claimed_by FROM impact_job WHERE preview_id = :p ORDER BY seq")
                .param("p", previewId)
                .query(rs -> {
                    by.add(rs.getString("claimed_by"));
                });
        return by;
    }

    /**
     * Deletes the previews that expired before {@code now}, with their jobs, files and results.
     *
     * @return how many previews were deleted
     */
    @Transactional
    public int expire(Instant now) {
        List<String> expired = jdbc.sql("SELECT id FROM impact_preview WHERE expires_at <= :now")
                .param("now", ts(now))
                .query(String.class)
                .list();
        for (String id : expired) {
            for (String table : List.of("impact_change", "impact_job", "impact_rule_file")) {
                jdbc.sql("DELETE FROM " + table + " WHERE preview_id = :p")
                        .param("p", id)
                        .update();
            }
            jdbc.sql("DELETE FROM impact_preview WHERE id = :p").param("p", id).update();
        }
        return expired.size();
    }

    private String json(List<FindingRef> findings) {
        try {
            return mapper.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings cannot be written as JSON", e);
        }
    }

    private List<FindingRef> findings(String json) {
        try {
            return mapper.readValue(json, FINDINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored findings cannot be read", e);
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
