package org.candor.rules.change;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleService;
import org.candor.rules.RuleService.ReloadResult;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.RuleTestFailures;
import org.candor.rules.change.RuleHistory.Action;
import org.candor.rules.change.RuleHistory.ChangeRecord;
import org.candor.rules.change.RuleHistory.NewChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Changes of the rules, from proposal to history. A change of the rules folder is first
 * {@linkplain #propose proposed}: the folder's files with the change applied are built, and the
 * built rule set can be examined (its diff with the rules in force, the rule tests) without
 * anything changing. A proposal may say which version of each file it was made on ({@link
 * #version}); it is refused as {@linkplain RuleEditException.Reason#STALE stale} when the folder
 * holds another. Then it is {@linkplain #commit committed}: the change is written down in the
 * history as {@linkplain RuleHistory.Outcome#PENDING pending}, with who made it, before any file is
 * renamed into place; the files are written atomically inside the rules folder (keeping their file
 * modes), the folder is reloaded, and the pending change is completed. A pending change that a
 * crash left behind is reconciled at the next start: when the folder holds what it would have put
 * in force, it is completed as that person's change.
 *
 * <p>Every rule set put in force is recorded, whoever puts it there: this service listens to
 * {@link RuleService}, so reloads by the file watcher are recorded too ({@link Action#FILE_CHANGE}),
 * as are the changes of the folder the rule tests refused ({@link RuleHistory.Outcome#REFUSED}),
 * and the rule set the service starts with is kept as well ({@link Action#STARTUP} when it differs
 * from the last one recorded).
 *
 * <p>When rule sets live in the database ({@link RuleStore}), nothing is written to the folder: a
 * commit stores the rule set and its history entry in one transaction, made on the rule set the
 * proposal was built on, and then puts it in force here; the other instances adopt it ({@link
 * RuleSetSync}). There are no pending changes then, and the start records nothing (the first
 * start's import is recorded by the store).
 */
@Service
public class RuleChanges implements RuleService.Listener {
    private static final Logger log = LoggerFactory.getLogger(RuleChanges.class);

    private static final String[] EXTENSIONS = {".drl", ".table.csv", ".table.xlsx", ".drl.csv", ".drl.xlsx"};

    private final RuleService rules;
    private final RuleHistory history;
    /** Where changes are stored when rule sets live in the database; null when the folder is the source. */
    private final RuleStore store;
    /** What the change being committed on this thread is, for the listener to record. */
    private final ThreadLocal<Intent> intent = new ThreadLocal<>();
    /** Run right after a commit's files are renamed into place; crash tests stop the commit there. */
    private volatile Runnable afterRename = () -> {};

    public RuleChanges(RuleService rules, RuleHistory history) {
        this(rules, history, null);
    }

    @Autowired
    public RuleChanges(RuleService rules, RuleHistory history, ObjectProvider<RuleStore> store) {
        this.rules = rules;
        this.history = history;
        this.store = store == null ? null : store.getIfAvailable();
        rules.addListener(this);
    }

    /**
     * A change of the rules folder: files to write (name to content), files to delete, and the
     * versions ({@link #version}) of files it was made on, which the folder must still hold ({@link
     * #ABSENT}: the file must not be there). Names are checked with {@link #checkName}.
     */
    public record Edit(Map<String, byte[]> put, Set<String> delete, Map<String, String> expected) {
        public Edit {
            put = put == null ? Map.of() : new TreeMap<>(put);
            delete = delete == null ? Set.of() : new LinkedHashSet<>(delete);
            expected = expected == null ? Map.of() : new TreeMap<>(expected);
            put.keySet().forEach(RuleChanges::checkName);
            delete.forEach(RuleChanges::checkName);
            expected.keySet().forEach(RuleChanges::checkName);
            for (String name : delete) {
                if (put.containsKey(name)) {
                    throw new RuleEditException(
                            RuleEditException.Reason.BAD_NAME, "'" + name + "' is both written and deleted");
                }
            }
        }

        /** A change that does not care which versions of the files it is made on. */
        public Edit(Map<String, byte[]> put, Set<String> delete) {
            this(put, delete, Map.of());
        }

        public static Edit put(String name, byte[] content) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(name, content);
            return new Edit(files, Set.of());
        }

        public static Edit delete(String name) {
            return new Edit(Map.of(), Set.of(name));
        }

        /**
         * The same change, made on this version of a file: refused as stale when the folder holds
         * another version of it, or ({@link #ABSENT}) holds the file at all.
         */
        public Edit expecting(String name, String version) {
            Map<String, String> versions = new TreeMap<>(expected);
            versions.put(name, version);
            return new Edit(put, delete, versions);
        }

        /** The names of the files it writes or deletes. */
        public List<String> names() {
            Set<String> names = new LinkedHashSet<>(put.keySet());
            names.addAll(delete);
            return List.copyOf(names);
        }
    }

    /** The version an {@link Edit} expects of a file that must not be there yet. */
    public static final String ABSENT = "";

    /** A file's version: the SHA-256 of its content, in hex; what the API sends as its ETag. */
    public static String version(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
     * @throws RuleEditException when a file to delete is not there, or a file is not the version
     *     the edit expects ({@link RuleEditException.Reason#STALE})
     */
    public Proposal propose(Edit edit) {
        Map<String, byte[]> base = rules.files();
        for (Map.Entry<String, String> e : edit.expected().entrySet()) {
            byte[] now = base.get(e.getKey());
            if (ABSENT.equals(e.getValue())) {
                if (now != null) {
                    throw new RuleEditException(
                            RuleEditException.Reason.STALE,
                            "the rule file '" + e.getKey() + "' exists already; read it and change that version");
                }
            } else if (now == null) {
                throw new RuleEditException(
                        RuleEditException.Reason.STALE,
                        "the rule file '" + e.getKey() + "' is not there any more; someone deleted it");
            } else if (!version(now).equals(e.getValue())) {
                throw new RuleEditException(
                        RuleEditException.Reason.STALE,
                        "the rule file '" + e.getKey() + "' was changed by someone else since it was read (it is"
                                + " version " + version(now) + " now, the change was made on " + e.getValue()
                                + "); read it again and make the change on that version");
            }
        }
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
     * The rules folder's files as they are, proposed as a change of the rule set in force: how an
     * instance whose rule sets live in the database imports edits made on its disk (a reload).
     */
    public Proposal proposeFolder() {
        Map<String, byte[]> base = rules.files();
        RuleSet built = rules.build(RuleSetLoader.readFolder(rules.rulesDir()));
        RuleDiff diff = RuleDiff.between(rules.current(), built);
        return new Proposal(
                new Edit(Map.of(), Set.of()), RuleSetLoader.hash(base), built, diff, () -> rules.discard(built));
    }

    /**
     * Writes a proposal's change into the rules folder and reloads it; the proposal is closed.
     * The change is recorded as pending before its files are renamed into place, and completed
     * once the rule set is in force. When the folder changed since the proposal was built, nothing
     * is written.
     *
     * @param action PUT or DELETE, as the history shows it
     * @param failures the failing rule tests: the new ones the change is forced past (none unless
     *     forced), and those failing with the rules in force as well
     * @throws RuleEditException ({@link RuleEditException.Reason#CHANGED_MEANWHILE})
     */
    public Outcome commit(Proposal proposal, Action action, String who, RuleTestFailures failures) throws IOException {
        Intent in = new Intent(action);
        // What the files to change held before (empty: not there), once known; restored on failure.
        Map<String, Optional<byte[]>> before = new TreeMap<>();
        intent.set(in);
        if (store != null) {
            return commitToStore(proposal, in, who, failures);
        }
        try {
            // The proposal's rule set is handed to the rules service, which puts it in force when
            // the folder holds what it was built from, so the change is not built twice.
            ReloadResult r;
            try {
                r = rules.edit(
                        dir -> write(dir, proposal, before, in, who, failures), who, proposal.handOver(), failures);
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
            if (in.pending != null) {
                // Written down, but not put in force: the change was not made.
                history.withdraw(in.pending.id());
            }
        }
    }

    /**
     * Stores a proposal's rule set and its history entry in the database, made on the rule set the
     * proposal was built on, then puts it in force here; the proposal is closed.
     */
    private Outcome commitToStore(Proposal proposal, Intent in, String who, RuleTestFailures failures) {
        try {
            RuleSet built = proposal.handOver();
            ReloadResult r = rules.replace(built, who, failures, inForce -> {
                if (!built.hash().equals(inForce.hash())) {
                    in.recorded = store.commit(
                            proposal.baseHash(),
                            inForce,
                            built,
                            new NewChange(
                                    in.action,
                                    who,
                                    inForce.hash(),
                                    built.hash(),
                                    proposal.diff(),
                                    failures.blocks(),
                                    failures.newFailures(),
                                    failures.alreadyFailing(),
                                    RuleHistory.Outcome.APPLIED));
                }
            });
            return new Outcome(r, Optional.ofNullable(in.recorded));
        } finally {
            intent.remove();
            proposal.close();
        }
    }

    /** Reloads the folder as it is, for the API, through the rule tests; recorded as a {@link Action#RELOAD}. */
    public Outcome reload(String who) {
        return reload(who, false);
    }

    /**
     * Reloads the folder as it is, for the API; recorded as a {@link Action#RELOAD}. Its rule tests
     * run as for a change through the API: when they fail, the folder is not put in force (the
     * refusal is recorded) unless {@code force}, and then it is recorded as forced.
     */
    public Outcome reload(String who, boolean force) {
        Intent in = new Intent(Action.RELOAD);
        intent.set(in);
        try {
            return new Outcome(rules.reload(who, force), Optional.ofNullable(in.recorded));
        } finally {
            intent.remove();
        }
    }

    private void write(
            Path dir,
            Proposal proposal,
            Map<String, Optional<byte[]>> before,
            Intent in,
            String who,
            RuleTestFailures failures)
            throws IOException {
        Map<String, byte[]> now = RuleSetLoader.readFolder(dir);
        if (!RuleSetLoader.hash(now).equals(proposal.baseHash())) {
            throw new RuleEditException(
                    RuleEditException.Reason.CHANGED_MEANWHILE,
                    "the rules folder changed while the change was checked; check it again and resend it");
        }
        for (String name : proposal.edit().names()) {
            before.put(name, Optional.ofNullable(now.get(name)));
        }
        RuleSet inForce = rules.current();
        if (!proposal.ruleSet().hash().equals(inForce.hash())) {
            // Who made the change is on record before any file is in place: a crash from here on
            // leaves a pending change, which the next start reconciles with the folder.
            history.snapshot(inForce);
            history.snapshot(proposal.ruleSet());
            in.pending = history.record(new NewChange(
                    in.action,
                    who,
                    inForce.hash(),
                    proposal.ruleSet().hash(),
                    proposal.diff(),
                    failures.blocks(),
                    failures.newFailures(),
                    failures.alreadyFailing(),
                    RuleHistory.Outcome.PENDING));
        }
        for (Map.Entry<String, byte[]> f : proposal.edit().put().entrySet()) {
            writeAtomically(dir, f.getKey(), f.getValue());
        }
        for (String name : proposal.edit().delete()) {
            Files.deleteIfExists(inside(dir, name));
        }
        afterRename.run();
    }

    /** Sets what runs right after a commit's files are in place, before they are put in force; for crash tests. */
    void afterRename(Runnable hook) {
        this.afterRename = hook == null ? () -> {} : hook;
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
     * A file that was there keeps its file mode (POSIX permissions); a new one gets the mode new
     * files of the folder get.
     */
    static void writeAtomically(Path dir, String name, byte[] content) throws IOException {
        Path target = inside(dir, name);
        Path tmp = target.resolveSibling(".candor-" + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(tmp);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
            }
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
    public void ruleSetChanged(RuleSet before, RuleSet after, String who, RuleTestFailures failures) {
        if (store != null) {
            // On record in the database already: by this instance's commit, or by another's.
            return;
        }
        Intent in = intent.get();
        if (in != null && in.pending != null && in.pending.hashAfter().equals(after.hash())) {
            ChangeRecord pending = in.pending;
            in.pending = null;
            in.recorded = history.complete(pending.id()).orElse(null);
            return;
        }
        history.snapshot(before);
        history.snapshot(after);
        ChangeRecord c = history.record(new NewChange(
                action(in, who),
                who,
                before.hash(),
                after.hash(),
                RuleDiff.between(before, after),
                failures.blocks(),
                failures.newFailures(),
                failures.alreadyFailing(),
                RuleHistory.Outcome.APPLIED));
        if (in != null) {
            in.recorded = c;
        }
    }

    /** Records a change of the folder that was not put in force because its rule tests fail. */
    @Override
    public void ruleSetRefused(RuleSet inForce, RuleSet refused, String who, RuleTestFailures failures) {
        Intent in = intent.get();
        history.snapshot(inForce);
        history.snapshot(refused);
        ChangeRecord c = history.record(new NewChange(
                action(in, who),
                who,
                inForce.hash(),
                refused.hash(),
                RuleDiff.between(inForce, refused),
                false,
                failures.newFailures(),
                failures.alreadyFailing(),
                RuleHistory.Outcome.REFUSED));
        if (in != null) {
            in.recorded = c;
        }
    }

    private static Action action(Intent in, String who) {
        return in != null ? in.action : RulesWatcher.WHO.equals(who) ? Action.FILE_CHANGE : Action.RELOAD;
    }

    /**
     * Keeps the rule set the service started with; completes a change a crash left pending when
     * the folder holds what it would have put in force (and abandons any other pending change);
     * then records the rule set as a change when it is not the last one recorded (the folder
     * changed while the service was down, or this is the first start).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void recordStartup() {
        if (store != null) {
            return;
        }
        try {
            RuleSet rs = rules.current();
            history.snapshot(rs);
            boolean reconciled = false;
            for (ChangeRecord p : history.pending()) {
                if (!reconciled && p.hashAfter().equals(rs.hash())) {
                    history.complete(p.id());
                    reconciled = true;
                    log.info(
                            "the {} of {} by {} was in place but not recorded as done (the service stopped);"
                                    + " recorded now",
                            p.action(),
                            p.files(),
                            p.who());
                } else {
                    history.abandon(p.id());
                    log.warn(
                            "the {} of {} by {} never reached the rules folder (the service stopped); recorded as"
                                    + " abandoned",
                            p.action(),
                            p.files(),
                            p.who());
                }
            }
            history.recordStart(rs);
        } catch (RuntimeException e) {
            log.error("the rules in force at startup could not be recorded in the rule history", e);
        }
    }

    private static final class Intent {
        final Action action;
        /** The change written down before its files were renamed into place, until it is completed. */
        volatile ChangeRecord pending;

        volatile ChangeRecord recorded;

        Intent(Action action) {
            this.action = action;
        }
    }
}
