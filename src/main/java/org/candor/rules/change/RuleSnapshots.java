package org.candor.rules.change;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.springframework.stereotype.Service;

/**
 * Rule sets that were once in force, built again from their snapshots in the rule history, so an
 * evaluation can be judged again under the rules it was first judged by. The last few built are
 * kept (least recently used out first); one that falls out is disposed of once the evaluations
 * that hold it have finished.
 */
@Service
public class RuleSnapshots {

    /** How many rule sets of the past are kept built. */
    static final int KEPT = 3;

    private final RuleService rules;
    private final RuleHistory history;
    private final LinkedHashMap<String, Built> built = new LinkedHashMap<>(8, 0.75f, true);

    public RuleSnapshots(RuleService rules, RuleHistory history) {
        this.rules = rules;
        this.history = history;
    }

    /** No rule set of that hash can be had: none was kept, or its files no longer build. */
    public static class UnavailableException extends RuntimeException {
        private final String hash;

        UnavailableException(String hash, String why) {
            super("the rule set " + hash + " " + why);
            this.hash = hash;
        }

        public String hash() {
            return hash;
        }
    }

    /** A hold on a rule set; close it when the evaluation is done. */
    public static final class Lease implements AutoCloseable {
        private final RuleSet ruleSet;
        private final Runnable release;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(RuleSet ruleSet, Runnable release) {
            this.ruleSet = ruleSet;
            this.release = release;
        }

        public RuleSet ruleSet() {
            return ruleSet;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    /**
     * The rule set of that hash, for the length of one evaluation: the rules in force when it is
     * theirs, otherwise built from its snapshot (or taken from those kept built).
     *
     * @throws UnavailableException when no snapshot of it is kept or it no longer builds
     */
    public Lease lease(String hash) {
        RuleService.Lease current = rules.lease();
        if (current.ruleSet().hash().equals(hash)) {
            return new Lease(current.ruleSet(), current::close);
        }
        current.close();
        Built b;
        synchronized (this) {
            b = built.get(hash);
            if (b == null) {
                b = new Built(build(hash));
                built.put(hash, b);
                evict();
            }
            b.users++;
        }
        Built held = b;
        return new Lease(held.ruleSet, () -> release(held));
    }

    /** The hashes of the rule sets kept built now, least recently used first. */
    public synchronized List<String> kept() {
        return new ArrayList<>(built.keySet());
    }

    private RuleSet build(String hash) {
        Map<String, byte[]> files = history.files(hash)
                .orElseThrow(() -> new UnavailableException(hash, "was never recorded in the rule history"));
        try {
            return rules.build(files);
        } catch (RuleBuildException e) {
            throw new UnavailableException(hash, "no longer builds: " + e.getMessage());
        }
    }

    private void evict() {
        Iterator<Built> it = built.values().iterator();
        while (built.size() > KEPT && it.hasNext()) {
            Built oldest = it.next();
            it.remove();
            oldest.evicted = true;
            if (oldest.users == 0) {
                rules.discard(oldest.ruleSet);
            }
        }
    }

    private synchronized void release(Built b) {
        b.users--;
        if (b.users == 0 && b.evicted) {
            rules.discard(b.ruleSet);
        }
    }

    @PreDestroy
    synchronized void disposeAll() {
        for (Built b : built.values()) {
            b.evicted = true;
            if (b.users == 0) {
                rules.discard(b.ruleSet);
            }
        }
        built.clear();
    }

    private static final class Built {
        final RuleSet ruleSet;
        int users;
        boolean evicted;

        Built(RuleSet ruleSet) {
            this.ruleSet = ruleSet;
        }
    }
}
