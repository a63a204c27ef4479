package org.candor.rules.change;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.candor.notify.Channel;
import org.candor.notify.ListeningLoop;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the rule set in force the database's, when rule sets live there. It learns of a change
 * from a PostgreSQL notification on {@code candor_rules}, on a connection of its own that is
 * opened again a second after it is lost; and, whatever happens to that connection, by asking the
 * database every {@code candor.rules-store.poll-interval}. It then builds the new rule set through
 * {@link RuleService#build} (the guard checks every file) and swaps it in. A rule set that does not
 * build here is not tried again; the rules in force stay in force, and its errors show in health
 * ({@code rules}).
 *
 * <p>Two instances judge with different rule sets for at most the time a notification takes
 * (milliseconds) plus one build; when notifications are lost or off, the poll interval plus one
 * build.
 */
@Component
@ConditionalOnProperty(name = "candor.rules-store.source", havingValue = "database")
public class RuleSetSync implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RuleSetSync.class);

    /** Who puts a rule set from the database in force, in the log. */
    static final String WHO = "database";

    /** How soon a lost listening connection is opened again. */
    static final Duration RECONNECT = Duration.ofSeconds(1);

    private final RuleService rules;
    private final RuleStore store;
    private final RuleStoreProperties properties;
    private final Channel.Listener listener;
    private final ListeningLoop loop;
    /** The rule set of the database that did not build here; not tried again. */
    private volatile String failedHash;

    private volatile Instant lastCheck;
    private volatile Duration lastBuild;

    public RuleSetSync(
            RuleService rules, RuleStore store, RuleStoreProperties properties, DataSourceProperties dataSource) {
        this.rules = rules;
        this.store = store;
        this.properties = properties;
        this.listener = RuleStore.CHANNEL.listen(dataSource, "candor rules listener");
        this.loop = new ListeningLoop("rules-sync", listener, this::turn);
    }

    @Override
    public void start() {
        if (loop.start()) {
            log.info(
                    "rule sets live in the database: changes are taken {}every {}",
                    listens() ? "as notified and " : "",
                    properties.pollInterval());
        }
    }

    private boolean listens() {
        return properties.listen() && store.notifies();
    }

    /** One turn: listen when it should and does not, put a changed rule set in force, wait. */
    private void turn() {
        if (listens()) {
            listener.open();
        }
        check();
        waitForChange();
    }

    /**
     * Returns at a notification, after the poll interval, or when the listening connection is lost.
     * Without a listening connection that should be there, it returns after {@link #RECONNECT} at
     * most, to open it again (and ask the database meanwhile).
     */
    private void waitForChange() {
        long timeout = Math.min(
                Integer.MAX_VALUE, Math.max(1, properties.pollInterval().toMillis()));
        if (!listener.listening()) {
            loop.pause(Duration.ofMillis(listens() ? Math.min(timeout, RECONNECT.toMillis()) : timeout));
            return;
        }
        listener.await((int) timeout);
    }

    /** Puts the database's rule set in force when it is not the one in force here. */
    void check() {
        try {
            Optional<String> target = store.inForce();
            lastCheck = Instant.now();
            if (target.isEmpty()) {
                return;
            }
            String hash = target.get();
            if (hash.equals(rules.current().hash()) || hash.equals(failedHash)) {
                return;
            }
            long started = System.nanoTime();
            RuleSet built;
            try {
                built = rules.build(store.files(hash));
            } catch (RuleBuildException e) {
                failedHash = hash;
                rules.notAdopted(e.problems());
                log.error(
                        "the database's rule set {} does not build here; the rules in force ({}) stay in force:\n  {}",
                        hash,
                        rules.current().shortHash(),
                        String.join(
                                "\n  ",
                                e.problems().stream()
                                        .map(BuildProblem::toString)
                                        .toList()));
                return;
            }
            lastBuild = Duration.ofNanos(System.nanoTime() - started);
            if (rules.adopt(
                    built, WHO, b -> store.inForce().map(b.hash()::equals).orElse(false))) {
                log.info("rule set {} put in force from the database (built in {} ms)", hash, lastBuild.toMillis());
            }
        } catch (RuntimeException e) {
            log.warn("cannot check the database for a change of the rules: {}", e.toString());
        }
    }

    /** What health shows of it. */
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("listening", listener.listening());
        s.put("pollInterval", properties.pollInterval().toString());
        if (lastCheck != null) {
            s.put("lastCheck", lastCheck.toString());
        }
        if (lastBuild != null) {
            s.put("lastBuildMillis", lastBuild.toMillis());
        }
        if (failedHash != null) {
            s.put("notBuilding", failedHash);
        }
        return s;
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }
}
