package org.candor.rules.change;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.candor.notify.Channel;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.change.RuleHistory.Action;
import org.candor.rules.change.RuleHistory.ChangeRecord;
import org.candor.rules.change.RuleHistory.NewChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rule set in force, in the database, for every instance that shares it ({@code
 * candor.rules-store.source=database}). A rule set is kept by its content hash with all its files
 * ({@link RuleHistory#snapshot}); one row of {@code rule_set_in_force} names the one in force. A
 * change stores the new rule set, its history entry and the new name in one transaction, made on
 * the rule set it was proposed on (it is refused when another change came first), and on
 * PostgreSQL notifies channel {@code candor_rules} with the new hash when it commits; {@link
 * RuleSetSync} is what every instance listens (and polls) with. The first instance to start on an
 * empty table imports its rules folder.
 */
@Repository
@ConditionalOnProperty(name = "candor.rules-store.source", havingValue = "database")
public class RuleStore {
    private static final Logger log = LoggerFactory.getLogger(RuleStore.class);

    /** The PostgreSQL notification channel a change is announced on, with the new hash as payload. */
    public static final Channel CHANNEL = new Channel("candor_rules", "rule changes");

    private final JdbcClient jdbc;
    private final RuleHistory history;
    private final TransactionTemplate tx;
    private final boolean postgres;

    public RuleStore(
            JdbcClient jdbc, RuleHistory history, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.history = history;
        this.tx = new TransactionTemplate(transactions);
        this.postgres = Channel.notifies(dataSource);
    }

    /** Whether the database can notify listeners (PostgreSQL); otherwise instances poll only. */
    public boolean notifies() {
        return postgres;
    }

    /** The hash of the rule set in force; empty until the first instance imported its folder. */
    public Optional<String> inForce() {
        return jdbc.sql("SELECT hash FROM rule_set_in_force WHERE id = 1")
                .query(String.class)
                .optional();
    }

    /** How many changes the database's rule set in force has seen. */
    public long version() {
        return jdbc.sql("SELECT version FROM rule_set_in_force WHERE id = 1")
                .query(Long.class)
                .single();
    }

    /** The files of a kept rule set, by path. */
    public Map<String, byte[]> files(String hash) {
        return history.files(hash)
                .orElseThrow(() -> new IllegalStateException("the rule set " + hash + " in force is not kept"));
    }

    /**
     * The rule set an instance starts with: the database's; on the first start (none in force yet),
     * the rules folder's, imported as a {@link Action#STARTUP} change. Two instances starting at
     * once import one folder: the second finds the first's in force and builds that.
     *
     * @param build builds files into a rule set ({@link RuleService#build}, through the guard)
     */
    public RuleSet startWith(Path rulesDir, Function<Map<String, byte[]>, RuleSet> build) {
        Optional<String> hash = inForce();
        if (hash.isEmpty()) {
            RuleSet folder = build.apply(RuleSetLoader.readFolder(rulesDir));
            String winner = tx.execute(s -> importFolder(folder));
            if (winner.equals(folder.hash())) {
                return folder;
            }
            RuleSetLoader.dispose(folder);
            hash = Optional.of(winner);
        }
        log.info("rules taken from the database: rule set {}", hash.get());
        return build.apply(files(hash.get()));
    }

    private String importFolder(RuleSet folder) {
        String now = lock();
        if (now != null) {
            return now;
        }
        history.snapshot(folder);
        history.recordStart(folder);
        point(folder.hash());
        log.info("no rule set in the database yet: the rules folder ({}) is imported and in force", folder.hash());
        return folder.hash();
    }

    /**
     * Puts a change on record and makes its rule set the one in force, in one transaction: the
     * rule set's files, the history entry and the name of the rule set in force; listeners are
     * notified when it commits.
     *
     * @param baseHash the rule set the change was proposed on, which must still be in force
     * @throws RuleEditException ({@link RuleEditException.Reason#CHANGED_MEANWHILE}) when another
     *     change was put in force since
     */
    public ChangeRecord commit(String baseHash, RuleSet before, RuleSet next, NewChange change) {
        return tx.execute(s -> {
            String now = lock();
            if (!Objects.equals(now, baseHash)) {
                throw new RuleEditException(
                        RuleEditException.Reason.CHANGED_MEANWHILE,
                        "the rules in force changed (another change was saved, perhaps on another instance) while"
                                + " this change was checked; check it again and resend it");
            }
            history.snapshot(before);
            history.snapshot(next);
            ChangeRecord c = history.record(change);
            point(next.hash());
            return c;
        });
    }

    /** Locks the one row until the transaction ends; the hash in force, null when none yet. */
    private String lock() {
        return jdbc.sql("SELECT hash FROM rule_set_in_force WHERE id = 1 FOR UPDATE")
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private void point(String hash) {
        jdbc.sql("UPDATE rule_set_in_force SET hash = :hash, version = version + 1, changed_at = :at WHERE id = 1")
                .param("hash", hash)
                .param("at", Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .update();
        if (postgres) {
            // Delivered to every listening connection when (and only if) the transaction commits.
            CHANNEL.announce(jdbc, hash);
        }
    }
}
