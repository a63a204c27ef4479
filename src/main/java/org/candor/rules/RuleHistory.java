package org.candor.rules;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rule sets that were ever in force, kept by hash with their files, and every change of the
 * rules in force: who, when, how, which files, the hashes before and after, the diff, and whether
 * it was forced past failing rule tests. In the embedded database or PostgreSQL.
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

    /**
     * A change to record.
     *
     * @param hashBefore the rule set before; null when none was ever recorded
     * @param failures the failing rule tests the change was forced past; empty when none
     */
    public record NewChange(
            Action action,
            String who,
            String hashBefore,
            String hashAfter,
            RuleDiff diff,
            boolean forced,
            List<String> failures) {}

    /** A recorded change, as the history lists it. */
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
            List<String> failures) {}

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
        jdbc.sql(
                        """
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
        jdbc.sql(
                        """
                INSERT INTO rule_change (changed_at, changed_by, action, files, hash_before, hash_after, diff, forced,
                                         failures)
                VALUES (:at, :by, :action, :files, :before, :after, :diff, :forced, :failures)
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
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new ChangeRecord(
                id, at, c.who(), c.action(), files, c.hashBefore(), c.hashAfter(), c.diff(), c.forced(), c.failures());
    }

    /** The rule set the latest recorded change put in force; empty when nothing was recorded. */
    public Optional<String> lastHash() {
        return jdbc.sql("SELECT hash_after FROM rule_change ORDER BY id DESC LIMIT 1")
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
                    mapper.readValue(rs.getString("failures"), STRINGS));
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
