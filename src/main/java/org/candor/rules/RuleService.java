package org.candor.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.candor.system.CandorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;

/**
 * The rule set in force, and its replacement. It is built when the service starts, and the
 * service does not start when it fails to build. A reload builds a fresh rule set off the
 * request path and swaps it in atomically only when it builds; otherwise the rules in force stay
 * in force and the errors are kept for health, the API and the log. An evaluation holds a
 * {@link Lease} on the rule set it started with, which is disposed (and removed from the engine's
 * repository) only when the last such evaluation has finished.
 */
@Service
public class RuleService implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    private final Path rulesDir;
    private final RuleSetLoader loader = new RuleSetLoader();
    private final AtomicReference<Held> current = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<BuildProblem> lastErrors = List.of();
    private volatile Instant lastAttempt;

    /** Told of every rule set put in force, after the swap. */
    public interface Listener {
        void ruleSetChanged(RuleSet before, RuleSet after, String who);
    }

    /** What a reload did. */
    public record ReloadResult(boolean applied, String hashBefore, String hashAfter, List<BuildProblem> errors) {}

    /** The first build, started by the constructor on a thread of its own. */
    private final CompletableFuture<Void> initial;

    /**
     * Starts building the rules folder at once, on a thread of its own, so the build (the
     * longest single step of a start) runs beside the rest of the application's start. Whatever
     * reads the rules first waits for it; the application waits for it before it takes requests
     * ({@link #afterSingletonsInstantiated}), and does not start when the rules do not build.
     */
    public RuleService(CandorProperties properties) {
        this.rulesDir = properties.rulesDir();
        this.initial = CompletableFuture.runAsync(this::loadInitial, task -> {
            Thread t = new Thread(task, "candor-rules-first-build");
            t.setDaemon(true);
            t.start();
        });
    }

    private void loadInitial() {
        try {
            RuleSet rs = loader.load(rulesDir);
            current.set(new Held(rs));
            lastAttempt = Instant.now();
            log.info(
                    "rules loaded from {}: {} rules, rule set {}",
                    rulesDir.toAbsolutePath(),
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

    public Instant lastAttempt() {
        return lastAttempt;
    }

    /** The rule files of the folder as they are now. */
    public Map<String, byte[]> files() {
        return RuleSetLoader.readFolder(rulesDir);
    }

    /** Builds proposed files without putting them in force; throws {@link RuleBuildException}. */
    public RuleSet build(Map<String, byte[]> files) {
        return loader.build(files);
    }

    /** Disposes a rule set that was built but never put in force. */
    public void discard(RuleSet ruleSet) {
        RuleSetLoader.dispose(ruleSet);
    }

    /** Rebuilds from the folder; swaps only on success and only when the content changed. */
    public synchronized ReloadResult reload(String who) {
        Held before = held();
        lastAttempt = Instant.now();
        RuleSet next;
        try {
            next = loader.load(rulesDir);
        } catch (RuleBuildException e) {
            lastErrors = e.problems();
            log.error(
                    "reload by {} refused; the rules in force ({}) stay in force:\n  {}",
                    who,
                    before.ruleSet.shortHash(),
                    describe(e.problems()));
            return new ReloadResult(false, before.ruleSet.hash(), before.ruleSet.hash(), e.problems());
        }
        return putInForce(before, next, who);
    }

    /** Swaps a freshly built rule set in, unless it is the one in force; tells the listeners. */
    private ReloadResult putInForce(Held before, RuleSet next, String who) {
        lastErrors = List.of();
        if (next.hash().equals(before.ruleSet.hash())) {
            RuleSetLoader.dispose(next);
            return new ReloadResult(false, before.ruleSet.hash(), before.ruleSet.hash(), List.of());
        }
        current.set(new Held(next));
        before.retire();
        log.info("rules reloaded by {}: {} -> {}", who, before.ruleSet.shortHash(), next.shortHash());
        for (Listener l : listeners) {
            try {
                l.ruleSetChanged(before.ruleSet, next, who);
            } catch (RuntimeException e) {
                log.error("rule change listener failed", e);
            }
        }
        return new ReloadResult(true, before.ruleSet.hash(), next.hash(), List.of());
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
     * built beforehand: when the folder then holds exactly the files it was built from (same
     * hash), it is put in force without building the folder again; otherwise the folder is
     * reloaded as usual. The rule set is handed over either way: put in force, or disposed of.
     */
    public synchronized ReloadResult edit(FolderEdit edit, String who, RuleSet built) throws IOException {
        boolean used = false;
        try {
            edit.apply(rulesDir);
            if (!built.hash().equals(RuleSetLoader.hash(RuleSetLoader.readFolder(rulesDir)))) {
                return reload(who);
            }
            lastAttempt = Instant.now();
            used = true;
            return putInForce(held(), built, who);
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
