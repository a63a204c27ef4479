package org.candor.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.candor.rules.change.RuleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The rule set in force, and its replacement. It is built when the service starts, and the
 * service does not start when it fails to build. A reload builds a fresh rule set off the
 * request path and swaps it in atomically only when it builds and passes the {@link Gate} (the
 * officer's rule tests), unless forced past them; otherwise the rules in force stay in force and
 * the errors or failing tests are kept for health, the API and the log. An evaluation holds a
 * {@link Lease} on the rule set it started with, which is disposed (and removed from the engine's
 * repository) only when the last such evaluation has finished.
 *
 * <p>When rule sets live in the database ({@link RuleStore}), the service starts with the
 * database's rule set (importing the folder on the first start), a change is put on record there
 * before it is put in force ({@link #replace}), and a rule set another instance put in force is
 * {@linkplain #adopt adopted}; the folder is then read only for its rule tests.
 */
@Service
public class RuleService implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    private final Path rulesDir;
    /** Where the rule set in force lives when not in the folder; null when the folder is the source. */
    private final RuleStore store;

    private final RuleSetLoader loader;
    private final AtomicReference<Held> current = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<BuildProblem> lastErrors = List.of();
    private volatile Instant lastAttempt;
    private volatile Gate gate;
    /** The folder's rule set last refused by the gate, and why; null when the last attempt was not refused. */
    private volatile Refusal lastRefusal;

    private record Refusal(String hash, RuleTestFailures failures) {}

    /** Told of every rule set put in force, after the swap, and of every one refused by the {@link Gate}. */
    public interface Listener {
        /**
         * A rule set was put in force.
         *
         * @param failures the failing rule tests: the new ones it was forced past (none unless
         *     forced), and those that failed with the rules before it too
         */
        void ruleSetChanged(RuleSet before, RuleSet after, String who, RuleTestFailures failures);

        /** The folder built, but some of its rule tests fail that pass now: it was not put in force. */
        default void ruleSetRefused(RuleSet inForce, RuleSet refused, String who, RuleTestFailures failures) {}
    }

    /**
     * What a rule set must pass before it is put in force from the folder: the officer's rule
     * tests. Whatever changed the folder (the file watcher, a reload), the rule set it builds to is
     * held against the gate, and is not put in force when some case fails with it that passes with
     * the rules in force, unless the reload is forced. Cases failing with both do not keep it out.
     */
    public interface Gate {
        /**
         * The failing rule tests of a rule set, each described in one line, split into those it
         * makes fail and those failing with the rules in force too.
         */
        RuleTestFailures failures(RuleSet candidate);
    }

    /**
     * What a reload did.
     *
     * @param applied whether the rules in force changed
     * @param errors the build problems, when the folder did not build
     * @param failures the new failing rule tests: those it was refused for (not applied), or those
     *     it was forced past (applied)
     * @param alreadyFailing the rule tests that fail with the rules in force too; they keep nothing
     *     out of force
     */
    public record ReloadResult(
            boolean applied,
            String hashBefore,
            String hashAfter,
            List<BuildProblem> errors,
            List<String> failures,
            List<String> alreadyFailing) {

        public ReloadResult {
            failures = List.copyOf(failures);
            alreadyFailing = List.copyOf(alreadyFailing);
        }

        public ReloadResult(boolean applied, String hashBefore, String hashAfter, List<BuildProblem> errors) {
            this(applied, hashBefore, hashAfter, errors, List.of(), List.of());
        }

        ReloadResult(boolean applied, String hashBefore, String hashAfter, RuleTestFailures tests) {
            this(applied, hashBefore, hashAfter, List.of(), tests.newFailures(), tests.alreadyFailing());
        }

        /** The folder built, but was not put in force because its rule tests fail. */
        public boolean refused() {
            return !applied && errors.isEmpty() && !failures.isEmpty();
        }
    }

    /** The first build, started by the constructor on a thread of its own. */
    private final CompletableFuture<Void> initial;

    /**
     * Starts building the rules folder at once, on a thread of its own, so the build (the
     * longest single step of a start) runs beside the rest of the application's start. Whatever
     * reads the rules first waits for it; the application waits for it before it takes requests
     * ({@link #afterSingletonsInstantiated}), and does not start when the rules do not build.
     */
    public RuleService(RulesProperties properties) {
        this(properties, RuleSetCache.standard(), null);
    }

    /** The service's rules, with the built rule sets kept as {@code candor.rules-cache.*} says. */
    public RuleService(RulesProperties properties, RulesCacheProperties cache) {
        this(properties, cache.cache(properties.rulesDir()), null);
    }

    /**
     * The service's rules, with the built rule sets kept as {@code candor.rules-cache.*} says, and
     * in the database when a {@link RuleStore} is configured.
     */
    @Autowired
    public RuleService(RulesProperties properties, RulesCacheProperties cache, ObjectProvider<RuleStore> store) {
        this(properties, cache.cache(properties.rulesDir()), store.getIfAvailable());
    }

    private RuleService(RulesProperties properties, RuleSetCache cache, RuleStore store) {
        this.rulesDir = properties.rulesDir();
        this.store = store;
        this.loader = new RuleSetLoader(cache);
        this.initial = CompletableFuture.runAsync(this::loadInitial, task -> {
            Thread t = new Thread(task, "candor-rules-first-build");
            t.setDaemon(true);
            t.start();
        });
    }

    private void loadInitial() {
        try {
            RuleSet rs = store == null ? loader.load(rulesDir) : store.startWith(rulesDir, this::build);
            current.set(new Held(rs));
            lastAttempt = Instant.now();
            log.info(
                    "rules loaded from {}: {} rules, rule set {}",
                    store == null ? rulesDir.toAbsolutePath() : "the database",
                    rs.catalog().size(),
                    rs.hash());
        } catch (RuleBuildException e) {
            log.error("rules in {} do not build:\n  {}", rulesDir.toAbsolutePath(), describe(e.problems()));
            throw e;
        }
    }

    /** Waits for the first build; its failure is thrown here, as it is. */
    private Held held() {
        try {
            initial.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return current.get();
    }

    /** The application takes no request before the first build is done, and none if it failed. */
    @Override
    public void afterSingletonsInstantiated() {
        held();
    }

    private static String describe(List<BuildProblem> problems) {
        return String.join("\n  ", problems.stream().map(BuildProblem::toString).toList());
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Sets the gate every rule set from the folder passes before it is put in force. */
    public void gate(Gate gate) {
        this.gate = gate;
    }

    /** The failing rule tests of a rule set, by the {@link Gate}; none when there is no gate. */
    public RuleTestFailures check(RuleSet candidate) {
        Gate g = gate;
        return g == null ? RuleTestFailures.NONE : g.failures(candidate);
    }

    /** The rule set in force now. For an evaluation, prefer {@link #lease()}. */
    public RuleSet current() {
        return held().ruleSet;
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /** Errors of the last reload that failed; empty once a reload succeeds. */
    public List<BuildProblem> lastErrors() {
        return lastErrors;
    }

    /**
     * The failing rule tests the folder's last reload was refused for; empty once a reload puts a
     * rule set in force, or when the last reload was not refused for them.
     */
    public List<String> lastTestFailures() {
        Refusal r = lastRefusal;
        return r == null ? List.of() : r.failures().newFailures();
    }

    /** The rule tests failing with the rules in force too when the folder's last reload was refused. */
    public List<String> lastAlreadyFailing() {
        Refusal r = lastRefusal;
        return r == null ? List.of() : r.failures().alreadyFailing();
    }

    public Instant lastAttempt() {
        return lastAttempt;
    }

    /**
     * The rule files changes are made on: the folder's as they are now, or, when rule sets live in
     * the database, those of the rule set in force.
     */
    public Map<String, byte[]> files() {
        return store == null
                ? RuleSetLoader.readFolder(rulesDir)
                : new TreeMap<>(current().contents());
    }

    /** Whether rule sets live in the database ({@link RuleStore}) rather than the folder. */
    public boolean fromDatabase() {
        return store != null;
    }

    /** Builds proposed files without putting them in force; throws {@link RuleBuildException}. */
    public RuleSet build(Map<String, byte[]> files) {
        return loader.build(files);
    }

    /** Disposes a rule set that was built but never put in force. */
    public void discard(RuleSet ruleSet) {
        RuleSetLoader.dispose(ruleSet);
    }

    /** Rebuilds from the folder, through the {@link Gate}; see {@link #reload(String, boolean)}. */
    public ReloadResult reload(String who) {
        return reload(who, false);
    }

    /**
     * Rebuilds from the folder; swaps only when it builds, its content changed, and its rule tests
     * pass (or {@code force} says to put it in force past them). A rule set refused for failing rule
     * tests is told to the listeners once: reloading the same folder again refuses it without
     * running the tests again.
     */
    public synchronized ReloadResult reload(String who, boolean force) {
        Held before = held();
        lastAttempt = Instant.now();
        RuleSet next;
        try {
            next = loader.load(rulesDir);
        } catch (RuleBuildException e) {
            lastErrors = e.problems();
            lastRefusal = null;
            log.error(
                    "reload by {} refused; the rules in force ({}) stay in force:\n  {}",
                    who,
                    before.ruleSet.shortHash(),
                    describe(e.problems()));
            return new ReloadResult(false, before.ruleSet.hash(), before.ruleSet.hash(), e.problems());
        }
        lastErrors = List.of();
        if (next.hash().equals(before.ruleSet.hash())) {
            lastRefusal = null;
            RuleSetLoader.dispose(next);
            return new ReloadResult(false, before.ruleSet.hash(), before.ruleSet.hash(), List.of());
        }
        Refusal refused = lastRefusal;
        boolean seen = refused != null && refused.hash().equals(next.hash());
        RuleTestFailures failures;
        try {
            failures = seen ? refused.failures() : check(next);
        } catch (RuntimeException e) {
            RuleSetLoader.dispose(next);
            throw e;
        }
        if (failures.blocks() && !force) {
            try {
                if (!seen) {
                    log.error(
                            "reload by {} refused: {} rule test case(s) fail with {} that pass with the rules in force"
                                    + " ({}), which stay in force:\n  {}",
                            who,
                            failures.newFailures().size(),
                            next.shortHash(),
                            before.ruleSet.shortHash(),
                            String.join("\n  ", failures.newFailures()));
                    for (Listener l : listeners) {
                        try {
                            l.ruleSetRefused(before.ruleSet, next, who, failures);
                        } catch (RuntimeException e) {
                            log.error("rule change listener failed", e);
                        }
                    }
                }
            } finally {
                // Known once the listeners have recorded it.
                lastRefusal = new Refusal(next.hash(), failures);
                RuleSetLoader.dispose(next);
            }
            return new ReloadResult(false, before.ruleSet.hash(), before.ruleSet.hash(), failures);
        }
        return putInForce(before, next, who, failures);
    }

    /** Swaps a freshly built rule set in, unless it is the one in force; tells the listeners. */
    private ReloadResult putInForce(Held before, RuleSet next, String who, RuleTestFailures failures) {
        lastErrors = List.of();
        if (next.hash().equals(before.ruleSet.hash())) {
            RuleSetLoader.dispose(next);
            return new ReloadResult(false, before.ruleSet.hash(), before.ruleSet.hash(), List.of());
        }
        lastRefusal = null;
        current.set(new Held(next));
        before.retire();
        if (!failures.blocks()) {
            log.info(
                    "rules reloaded by {}: {} -> {}{}",
                    who,
                    before.ruleSet.shortHash(),
                    next.shortHash(),
                    failures.alreadyFailing().isEmpty()
                            ? ""
                            : " (" + failures.alreadyFailing().size() + " rule test case(s) failing before already)");
        } else {
            log.warn(
                    "rules reloaded by {} past {} failing rule test case(s): {} -> {}",
                    who,
                    failures.newFailures().size(),
                    before.ruleSet.shortHash(),
                    next.shortHash());
        }
        for (Listener l : listeners) {
            try {
                l.ruleSetChanged(before.ruleSet, next, who, failures);
            } catch (RuntimeException e) {
                log.error("rule change listener failed", e);
            }
        }
        return new ReloadResult(true, before.ruleSet.hash(), next.hash(), failures);
    }

    /**
     * Puts a built rule set in force once {@code record} has put it on record: with no other change
     * in between, {@code record} is given the rule set in force and may refuse the change by
     * throwing, and then the built rule set is disposed of and nothing changes. Used when rule sets
     * live in the database, where the change is stored before any instance puts it in force.
     *
     * @param failures the failing rule tests it is put in force past
     */
    public synchronized ReloadResult replace(
            RuleSet built, String who, RuleTestFailures failures, Consumer<RuleSet> record) {
        Held before = held();
        try {
            record.accept(before.ruleSet);
        } catch (RuntimeException e) {
            RuleSetLoader.dispose(built);
            throw e;
        }
        lastAttempt = Instant.now();
        return putInForce(before, built, who, failures);
    }

    /**
     * Puts in force a rule set another instance put on record, when {@code stillWanted} (asked
     * with no other change in between) says it is still the one to have; otherwise it is disposed
     * of. No gate: it passed the rule tests where the change was made, or was forced past them
     * there, on record.
     *
     * @return whether it was put in force
     */
    public synchronized boolean adopt(RuleSet built, String who, Predicate<RuleSet> stillWanted) {
        Held before = held();
        if (built.hash().equals(before.ruleSet.hash()) || !stillWanted.test(built)) {
            RuleSetLoader.dispose(built);
            return false;
        }
        lastAttempt = Instant.now();
        return putInForce(before, built, who, RuleTestFailures.NONE).applied();
    }

    /** A rule set on record elsewhere did not build here: the rules in force stay in force. */
    public void notAdopted(List<BuildProblem> problems) {
        lastAttempt = Instant.now();
        lastErrors = List.copyOf(problems);
    }

    /** A change to the files of the rules folder, made by {@link #edit}. */
    public interface FolderEdit {
        void apply(Path rulesDir) throws IOException;
    }

    /**
     * Changes the rules folder and reloads it, with no other reload in between: the file watcher
     * waits, so the reload puts in force exactly the folder as the edit left it.
     */
    public synchronized ReloadResult edit(FolderEdit edit, String who) throws IOException {
        edit.apply(rulesDir);
        return reload(who);
    }

    /**
     * Like {@link #edit(FolderEdit, String)}, with the rule set the edited folder should build to,
     * built and tested beforehand: when the folder then holds exactly the files it was built from
     * (same hash), it is put in force without building or testing the folder again; otherwise the
     * folder is reloaded as usual. The rule set is handed over either way: put in force, or
     * disposed of.
     *
     * @param failures the failing rule tests of the built rule set: the new ones it is put in force
     *     past, and those failing with the rules in force too
     */
    public synchronized ReloadResult edit(FolderEdit edit, String who, RuleSet built, RuleTestFailures failures)
            throws IOException {
        boolean used = false;
        try {
            edit.apply(rulesDir);
            if (!built.hash().equals(RuleSetLoader.hash(RuleSetLoader.readFolder(rulesDir)))) {
                return reload(who);
            }
            lastAttempt = Instant.now();
            used = true;
            return putInForce(held(), built, who, failures);
        } finally {
            if (!used) {
                RuleSetLoader.dispose(built);
            }
        }
    }

    /** Takes the rule set in force for the length of one evaluation. */
    public Lease lease() {
        while (true) {
            Held h = held();
            h.users.incrementAndGet();
            if (!h.retired) {
                return new Lease(h);
            }
            h.release();
        }
    }

    /** A hold on one rule set; close it when the evaluation is done. */
    public static final class Lease implements AutoCloseable {
        private final Held held;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Held held) {
            this.held = held;
        }

        public RuleSet ruleSet() {
            return held.ruleSet;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                held.release();
            }
        }
    }

    private static final class Held {
        final RuleSet ruleSet;
        final AtomicInteger users = new AtomicInteger();
        final AtomicBoolean disposed = new AtomicBoolean();
        volatile boolean retired;

        Held(RuleSet ruleSet) {
            this.ruleSet = ruleSet;
        }

        void retire() {
            retired = true;
            if (users.get() == 0) {
                dispose();
            }
        }

        void release() {
            if (users.decrementAndGet() == 0 && retired) {
                dispose();
            }
        }

        private void dispose() {
            if (disposed.compareAndSet(false, true)) {
                RuleSetLoader.dispose(ruleSet);
            }
        }
    }
}
