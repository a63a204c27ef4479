package org.candor.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.candor.rules.RuleHistory.Action;
import org.candor.rules.RuleHistory.ChangeRecord;
import org.candor.rules.RuleHistory.NewChange;
import org.candor.rules.RuleService.ReloadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Changes of the rules, from proposal to history. A change of the rules folder is first
 * {@linkplain #propose proposed}: the folder's files with the change applied are built, and the
 * built rule set can be examined (its diff with the rules in force, the rule tests) without
 * anything changing. Then it is {@linkplain #commit committed}: the files are written atomically
 * inside the rules folder, the folder is reloaded, and the change is recorded with who made it.
 *
 * <p>Every rule set put in force is recorded, whoever puts it there: this service listens to
 * {@link RuleService}, so reloads by the file watcher are recorded too ({@link Action#FILE_CHANGE}),
 * and the rule set the service starts with is kept as well ({@link Action#STARTUP} when it differs
 * from the last one recorded).
 */
@Service
public class RuleChanges implements RuleService.Listener {
    private static final Logger log = LoggerFactory.getLogger(RuleChanges.class);

    private static final String[] EXTENSIONS = {".drl", ".table.csv", ".table.xlsx", ".drl.csv", ".drl.xlsx"};

    private final RuleService rules;
    private final RuleHistory history;
    /** What the change being committed on this thread is, for the listener to record. */
    private final ThreadLocal<Intent> intent = new ThreadLocal<>();

    public RuleChanges(RuleService rules, RuleHistory history) {
        this.rules = rules;
        this.history = history;
        rules.addListener(this);
    }

    /**
     * A change of the rules folder: files to write (name to content) and files to delete.
     * Names are checked with {@link #checkName}.
     */
    public record Edit(Map<String, byte[]> put, Set<String> delete) {
        public Edit {
            put = put == null ? Map.of() : new TreeMap<>(put);
            delete = delete == null ? Set.of() : new LinkedHashSet<>(delete);
            put.keySet().forEach(RuleChanges::checkName);
            delete.forEach(RuleChanges::checkName);
            for (String name : delete) {
                if (put.containsKey(name)) {
                    throw new RuleEditException(
                            RuleEditException.Reason.BAD_NAME, "'" + name + "' is both written and deleted");
                }
            }
        }

        public static Edit put(String name, byte[] content) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(name, content);
            return new Edit(files, Set.of());
        }

        public static Edit delete(String name) {
            return new Edit(Map.of(), Set.of(name));
        }

        /** The names of the files it writes or deletes. */
        public List<String> names() {
            Set<String> names = new LinkedHashSet<>(put.keySet());
            names.addAll(delete);
            return List.copyOf(names);
        }
    }

    /**
     * A built proposal: the change, the rule set it would put in force and how that differs from
     * the rules in force. Close it: the built rule set is disposed of, committed or not.
     */
    public static final class Proposal implements AutoCloseable {
        private final Edit edit;
        private final String baseHash;
        private final RuleSet ruleSet;
        private final RuleDiff diff;
        private final Runnable dispose;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Proposal(Edit edit, String baseHash, RuleSet ruleSet, RuleDiff diff, Runnable dispose) {
            this.edit = edit;
            this.baseHash = baseHash;
            this.ruleSet = ruleSet;
            this.diff = diff;
            this.dispose = dispose;
        }

        public Edit edit() {
            return edit;
        }

        /** The hash of the folder's files the proposal was built on. */
        public String baseHash() {
            return baseHash;
        }

        public RuleSet ruleSet() {
            return ruleSet;
        }

        /** How the proposed rule set differs from the rules in force. */
        public RuleDiff diff() {
            return diff;
        }

        /** The built rule set, whose disposal is now someone else's; closing no longer disposes it. */
        RuleSet handOver() {
            if (!closed.compareAndSet(false, true)) {
                throw new IllegalStateException("the proposal was closed or committed already");
            }
            return ruleSet;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                dispose.run();
            }
        }
    }

    /**
     * What a commit or reload did.
     *
     * @param change the change recorded; empty when the rules in force did not change
     */
    public record Outcome(ReloadResult reload, Optional<ChangeRecord> change) {}

    /**
     * Refuses a name that is not a rule file directly inside the rules folder: empty, with a
     * path separator, {@code ..}, a drive or an absolute path, hidden (the loader skips those),
     * or not ending in .drl, .table.csv or .table.xlsx (or .drl.csv, .drl.xlsx: an old decision
     * table can still be named, to delete it; building refuses it).
     *
     * @return the name
     * @throws RuleEditException with {@link RuleEditException.Reason#BAD_NAME}
     */
    public static String checkName(String name) {
        String why = null;
        if (name == null || name.isBlank()) {
            why = "a file name is needed";
        } else if (name.contains("/") || name.contains("\\") || name.contains(":")) {
            why =
                    "a file name may not contain '/', '\\' or ':'; only files directly in the rules folder can be changed";
        } else if (name.contains("..")) {
            why = "a file name may not contain '..'";
        } else if (name.startsWith(".") || name.startsWith("~")) {
            why = "a file name may not start with '.' or '~'; the rules loader skips such files";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            why = "a file name may not contain control characters";
        } else if (Arrays.stream(EXTENSIONS).noneMatch(name::endsWith)) {
            why = "a rule file's name ends in .drl, .table.csv or .table.xlsx";
        } else if (name.length() > 200) {
            why = "a file name may have 200 characters at most";
        }
        if (why != null) {
            throw new RuleEditException(RuleEditException.Reason.BAD_NAME, why + " (got '" + name + "')");
        }
        return name;
    }

    /** A rule file of the folder, by its name; the name is checked first. */
    public byte[] read(String name) {
        checkName(name);
        byte[] content = rules.files().get(name);
        if (content == null) {
            throw new RuleEditException(RuleEditException.Reason.NO_SUCH_FILE, "there is no rule file '" + name + "'");
        }
        return content;
    }

    /**
     * Builds the folder's files with the change applied, without changing anything.
     *
     * @throws RuleBuildException when they do not build
     * @throws RuleEditException when a file to delete is not there
     */
    public Proposal propose(Edit edit) {
        Map<String, byte[]> base = rules.files();
        Map<String, byte[]> proposed = new TreeMap<>(base);
        for (String name : edit.delete()) {
            if (proposed.remove(name) == null) {
                throw new RuleEditException(
                        RuleEditException.Reason.NO_SUCH_FILE, "there is no rule file '" + name + "'");
            }
        }
        proposed.putAll(edit.put());
        RuleSet built = rules.build(proposed);
        RuleDiff diff = RuleDiff.between(rules.current(), built);
        return new Proposal(edit, RuleSetLoader.hash(base), built, diff, () -> rules.discard(built));
    }

    /**
     * Writes a proposal's change into the rules folder and reloads it; the proposal is closed.
     * When the folder changed since the proposal was built, nothing is written.
     *
     * @param action PUT or DELETE, as the history shows it
     * @param failures the failing rule tests the change is forced past; empty when none failed
     * @throws RuleEditException ({@link RuleEditException.Reason#CHANGED_MEANWHILE})
     */
    public Outcome commit(Proposal proposal, Action action, String who, List<String> failures) throws IOException {
        Intent in = new Intent(action, !failures.isEmpty(), List.copyOf(failures));
        // What the files to change held before (empty: not there), once known; restored on failure.
        Map<String, Optional<byte[]>> before = new TreeMap<>();
        intent.set(in);
        try {
            // The proposal's rule set is handed to the rules service, which puts it in force when
            // the folder holds what it was built from, so the change is not built twice.
            ReloadResult r;
            try {
                r = rules.edit(dir -> write(dir, proposal, before), who, proposal.handOver());
            } catch (IOException e) {
                // A file could not be written: what was written goes back.
                log.error(
                        "a change by {} could not be written; restoring {}",
                        who,
                        proposal.edit().names(),
                        e);
                rules.edit(dir -> restore(dir, before), who);
                throw e;
            }
            if (!r.errors().isEmpty()) {
                // Built as proposed a moment ago, so this should not happen; the folder goes back.
                log.error("a committed change by {} did not build on reload; restoring {}", who, before.keySet());
                rules.edit(dir -> restore(dir, before), who);
            }
            return new Outcome(r, Optional.ofNullable(in.recorded));
        } finally {
            intent.remove();
            proposal.close();
        }
    }

    /** Reloads the folder as it is, for the API; recorded as a {@link Action#RELOAD}. */
    public Outcome reload(String who) {
        Intent in = new Intent(Action.RELOAD, false, List.of());
        intent.set(in);
        try {
            return new Outcome(rules.reload(who), Optional.ofNullable(in.recorded));
        } finally {
            intent.remove();
        }
    }

    private void write(Path dir, Proposal proposal, Map<String, Optional<byte[]>> before) throws IOException {
        Map<String, byte[]> now = RuleSetLoader.readFolder(dir);
        if (!RuleSetLoader.hash(now).equals(proposal.baseHash())) {
            throw new RuleEditException(
                    RuleEditException.Reason.CHANGED_MEANWHILE,
                    "the rules folder changed while the change was checked; check it again and resend it");
        }
        for (String name : proposal.edit().names()) {
            before.put(name, Optional.ofNullable(now.get(name)));
        }
        for (Map.Entry<String, byte[]> f : proposal.edit().put().entrySet()) {
            writeAtomically(dir, f.getKey(), f.getValue());
        }
        for (String name : proposal.edit().delete()) {
            Files.deleteIfExists(inside(dir, name));
        }
    }

    private static void restore(Path dir, Map<String, Optional<byte[]>> before) throws IOException {
        for (Map.Entry<String, Optional<byte[]>> f : before.entrySet()) {
            if (f.getValue().isPresent()) {
                writeAtomically(dir, f.getKey(), f.getValue().get());
            } else {
                Files.deleteIfExists(inside(dir, f.getKey()));
            }
        }
    }

    /**
     * Writes a file so that no reader ever sees it half written: into a hidden temporary file of
     * the same folder (the loader and the watcher skip hidden files), then renamed over the target.
     */
    static void writeAtomically(Path dir, String name, byte[] content) throws IOException {
        Path target = inside(dir, name);
        Path tmp = Files.createTempFile(target.getParent(), ".candor-", ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file of that name directly inside the folder; never anywhere else. */
    static Path inside(Path dir, String name) {
        checkName(name);
        Path folder = dir.toAbsolutePath().normalize();
        Path target = folder.resolve(name).normalize();
        if (!folder.equals(target.getParent())) {
            throw new RuleEditException(
                    RuleEditException.Reason.BAD_NAME, "'" + name + "' is not directly inside the rules folder");
        }
        return target;
    }

    /** Records every rule set put in force, with the change that did it. */
    @Override
    public void ruleSetChanged(RuleSet before, RuleSet after, String who) {
        Intent in = intent.get();
        Action action = in != null ? in.action : RulesWatcher.WHO.equals(who) ? Action.FILE_CHANGE : Action.RELOAD;
        history.snapshot(before);
        history.snapshot(after);
        ChangeRecord c = history.record(new NewChange(
                action,
                who,
                before.hash(),
                after.hash(),
                RuleDiff.between(before, after),
                in != null && in.forced,
                in == null ? List.of() : in.failures));
        if (in != null) {
            in.recorded = c;
        }
    }

    /**
     * Keeps the rule set the service started with, and records it as a change when it is not the
     * last one recorded (the folder changed while the service was down, or this is the first
     * start).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void recordStartup() {
        try {
            RuleSet rs = rules.current();
            history.snapshot(rs);
            Optional<String> last = history.lastHash();
            if (last.isPresent() && last.get().equals(rs.hash())) {
                return;
            }
            Map<String, byte[]> previous = last.flatMap(history::files).orElse(Map.of());
            history.record(new NewChange(
                    Action.STARTUP,
                    "startup",
                    last.orElse(null),
                    rs.hash(),
                    RuleDiff.between(previous, rs.contents()),
                    false,
                    List.of()));
        } catch (RuntimeException e) {
            log.error("the rules in force at startup could not be recorded in the rule history", e);
        }
    }

    private static final class Intent {
        final Action action;
        final boolean forced;
        final List<String> failures;
        volatile ChangeRecord recorded;

        Intent(Action action, boolean forced, List<String> failures) {
            this.action = action;
            this.forced = forced;
            this.failures = failures;
        }
    }
}
