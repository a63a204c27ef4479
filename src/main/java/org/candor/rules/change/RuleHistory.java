package org.candor.rules.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.candor.rules.RuleSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rule sets that were ever in force, kept by hash with their files, and every change of the
 * rules in force: who, when, how, which files, the hashes before and after, the diff, whether it
 * was forced past failing rule tests, and what came of it ({@link Outcome}): a change of the folder
 * whose rule tests fail is recorded as refused, and a change through the API is written down as
 * pending before its file is renamed into place. In the embedded database or PostgreSQL.
 */
@Repository
public class RuleHistory {

    /** How the rules in force came to change. */
    public enum Action {
        /** A file written through the API. */
        PUT,
        /** A file deleted through the API. */
        DELETE,
        /** A reload asked for through the API. */
        RELOAD,
        /** The file watcher saw the folder change. */
        FILE_CHANGE,
        /** The service started with rules other than the last ones recorded. */
        STARTUP
    }

    /** What came of a recorded change. */
    public enum Outcome {
        /** The rule set was put in force. */
        APPLIED,
        /**
         * Written down before the files were renamed into place and completed once the rule set
         * is in force; one left over by a crash is reconciled at the next start.
         */
        PENDING,
        /** The folder changed, but its rule tests failed: the rules in force stayed in force. */
        REFUSED,
        /** A pending change whose files were not in the folder at the next start. */
        ABANDONED
    }

    /**
     * A change to record.
     *
     * @param hashBefore the rule set before; null when none was ever recorded
     * @param forced whether it was put in force past new failing rule tests
     * @param failures the new failing rule tests: those it was forced past, or those it was refused for
     * @param alreadyFailing the rule tests that failed with the rules before it as well
     */
    public record NewChange(
            Action action,
            String who,
            String hashBefore,
            String hashAfter,
            RuleDiff diff,
            boolean forced,
            List<String> failures,
            List<String> alreadyFailing,
            Outcome outcome) {

        public NewChange {
            failures = failures == null ? List.of() : List.copyOf(failures);
            alreadyFailing = alreadyFailing == null ? List.of() : List.copyOf(alreadyFailing);
        }

        /** A change with no rule test failing before it. */
        public NewChange(
                Action action,
                String who,
                String hashBefore,
                String hashAfter,
                RuleDiff diff,
                boolean forced,
                List<String> failures,
                Outcome outcome) {
            this(action, who, hashBefore, hashAfter, diff, forced, failures, List.of(), outcome);
        }

        /** A change that was put in force. */
        public NewChange(
                Action action,
                String who,
                String hashBefore,
                String hashAfter,
                RuleDiff diff,
                boolean forced,
                List<String> failures) {
            this(action, who, hashBefore, hashAfter, diff, forced, failures, List.of(), Outcome.APPLIED);
        }
    }

    /**
     * A recorded change, as the history lists it.
     *
     * @param failures the new failing rule tests: those it was forced past, or refused for
     * @param alreadyFailing the rule tests that failed with the rules before it as well, which did
     *     not keep it out of force
     */
    public record ChangeRecord(
            long id,
            Instant at,
            String who,
            Action action,
            List<String> files,
            String hashBefore,
            String hashAfter,
            RuleDiff diff,
            boolean forced,
            List<String> failures,
            List<String> alreadyFailing,
            Outcome outcome) {}

    /** One page of the history, newest first. */
    public record HistoryPage(List<ChangeRecord> items, int page, int size, long total) {}

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public RuleHistory(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Keeps a rule set's files under its hash, once; a rule set kept before is left as it is. */
    @Transactional
    public synchronized void snapshot(RuleSet ruleSet) {
        if (hasSnapshot(ruleSet.hash())) {
            return;
        }
        jdbc.sql("""
                INSERT INTO rule_snapshot (hash, created_at, rule_count, file_count)
                VALUES (:hash, :at, :rules, :files)
                """)
                .param("hash", ruleSet.hash())
                .param("at", ts(now()))
                .param("rules", ruleSet.catalog().size())
                .param("files", ruleSet.contents().size())
                .update();
        for (Map.Entry<String, byte[]> f : ruleSet.contents().entrySet()) {
            jdbc.sql("INSERT INTO rule_snapshot_file (hash, path, content) VALUES (:hash, :path, :content)")
                    .param("hash", ruleSet.hash())
                    .param("path", f.getKey())
                    .param("content", f.getValue())
                    .update();
        }
    }

    public boolean hasSnapshot(String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM rule_snapshot WHERE hash = :hash")
                        .param("hash", hash)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The files of a rule set that was once in force, by path; empty when it was never kept. */
    public Optional<Map<String, byte[]>> files(String hash) {
        if (!hasSnapshot(hash)) {
            return Optional.empty();
        }
        Map<String, byte[]> files = new TreeMap<>();
        jdbc.sql("SELECT path, content FROM rule_snapshot_file WHERE hash = :hash")
                .param("hash", hash)
                .query((ResultSet rs) -> {
                    files.put(rs.getString("path"), rs.getBytes("content"));
                });
        return Optional.of(files);
    }

    /** Records a change; both rule sets must have been kept with {@link #snapshot} first. */
    @Transactional
    public synchronized ChangeRecord record(NewChange c) {
        Instant at = now();
        List<String> files = c.diff().fileNames();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO rule_change (changed_at, changed_by, action, files, hash_before, hash_after, diff, forced,
                                         failures, already_failing, outcome)
                VALUES (:at, :by, :action, :files, :before, :after, :diff, :forced, :failures, :already, :outcome)
                """)
                .param("at", ts(at))
                .param("by", c.who())
                .param("action", c.action().name())
                .param("files", json(files))
                .param("before", c.hashBefore())
                .param("after", c.hashAfter())
                .param("diff", json(c.diff()))
                .param("forced", c.forced())
                .param("failures", json(c.failures()))
                .param("already", json(c.alreadyFailing()))
                .param("outcome", c.outcome().name())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new ChangeRecord(
                id,
                at,
                c.who(),
                c.action(),
                files,
                c.hashBefore(),
                c.hashAfter(),
                c.diff(),
                c.forced(),
                c.failures(),
                c.alreadyFailing(),
                c.outcome());
    }

    /**
     * Records the rule set the service starts with as a {@link Action#STARTUP} change, unless it is
     * the one the latest change put in force; it must have been kept with {@link #snapshot} first.
     */
    @Transactional
    public synchronized void recordStart(RuleSet ruleSet) {
        Optional<String> last = lastHash();
        if (last.isPresent() && last.get().equals(ruleSet.hash())) {
            return;
        }
        Map<String, byte[]> previous = last.flatMap(this::files).orElse(Map.of());
        record(new NewChange(
                Action.STARTUP,
                "startup",
                last.orElse(null),
                ruleSet.hash(),
                RuleDiff.between(previous, ruleSet.contents()),
                false,
                List.of()));
    }

    /**
     * Completes a {@link Outcome#PENDING} change: its rule set is in force now, at this moment.
     *
     * @return the change as recorded now; empty when there is no such pending change
     */
    @Transactional
    public synchronized Optional<ChangeRecord> complete(long id) {
        int updated = jdbc.sql(
                        "UPDATE rule_change SET outcome = 'APPLIED', changed_at = :at WHERE id = :id AND outcome = 'PENDING'")
                .param("at", ts(now()))
                .param("id", id)
                .update();
        return updated == 0 ? Optional.empty() : find(id);
    }

    /** Removes a {@link Outcome#PENDING} change that was never made (its files were not written). */
    @Transactional
    public synchronized void withdraw(long id) {
        jdbc.sql("DELETE FROM rule_change WHERE id = :id AND outcome = 'PENDING'")
                .param("id", id)
                .update();
    }

    /** Marks a {@link Outcome#PENDING} change {@link Outcome#ABANDONED}: its files never reached the folder. */
    @Transactional
    public synchronized void abandon(long id) {
        jdbc.sql("UPDATE rule_change SET outcome = 'ABANDONED' WHERE id = :id AND outcome = 'PENDING'")
                .param("id", id)
                .update();
    }

    /** The {@link Outcome#PENDING} changes, newest first. */
    public List<ChangeRecord> pending() {
        return jdbc.sql("SELECT * FROM rule_change WHERE outcome = 'PENDING' ORDER BY id DESC")
                .query(this::change)
                .list();
    }

    /**
     * The rule set the latest change put in force ({@link Outcome#APPLIED}); empty when nothing
     * was recorded.
     */
    public Optional<String> lastHash() {
        return jdbc.sql("SELECT hash_after FROM rule_change WHERE outcome = 'APPLIED' ORDER BY id DESC LIMIT 1")
                .query(String.class)
                .optional();
    }

    /** The changes, newest first. */
    public HistoryPage history(int page, int size) {
        long total =
                jdbc.sql("SELECT COUNT(*) FROM rule_change").query(Long.class).single();
        List<ChangeRecord> items = jdbc.sql("SELECT * FROM rule_change ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::change)
                .list();
        return new HistoryPage(items, page, size, total);
    }

    /** One recorded change, by its id. */
    public Optional<ChangeRecord> find(long id) {
        return jdbc.sql("SELECT * FROM rule_change WHERE id = :id")
                .param("id", id)
                .query(this::change)
                .optional();
    }

    private ChangeRecord change(ResultSet rs, int row) throws SQLException {
        try {
            return new ChangeRecord(
                    rs.getLong("id"),
                    instant(rs, "changed_at"),
                    rs.getString("changed_by"),
                    Action.valueOf(rs.getString("action")),
                    mapper.readValue(rs.getString("files"), STRINGS),
                    rs.getString("hash_before"),
                    rs.getString("hash_after"),
                    mapper.readValue(rs.getString("diff"), RuleDiff.class),
                    rs.getBoolean("forced"),
                    mapper.readValue(rs.getString("failures"), STRINGS),
                    mapper.readValue(rs.getString("already_failing"), STRINGS),
                    Outcome.valueOf(rs.getString("outcome")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule change " + rs.getLong("id") + " cannot be read", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot be written as JSON", e);
        }
    }

    /** Now, as precisely as both databases keep it. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t != null) {
            return t.toInstant();
        }
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
