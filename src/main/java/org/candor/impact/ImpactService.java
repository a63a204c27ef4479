package org.candor.impact;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.candor.impact.ImpactPreview.Status;
import org.candor.intake.EvaluationQuery;
import org.candor.intake.SubmissionStore;
import org.candor.rules.RuleService;
import org.candor.rules.change.RuleChanges;
import org.springframework.stereotype.Service;

/**
 * Impact previews: what a candidate change of the rules would do to the stored portfolio, before
 * it is saved. The candidate is built as a proposed change is (through the rule guard; a change
 * that does not build is refused and nothing is stored); each campaign's latest evaluation is
 * judged again on it by the {@link ImpactWorkers} of every instance, job by job, and compared with
 * what the rules in force say of it.
 */
@Service
public class ImpactService {
    private final RuleChanges changes;
    private final RuleService rules;
    private final SubmissionStore submissions;
    private final ImpactStore store;
    private final ImpactProperties properties;
    private final ImpactWorkers workers;
    private final Clock clock;

    public ImpactService(
            RuleChanges changes,
            RuleService rules,
            SubmissionStore submissions,
            ImpactStore store,
            ImpactProperties properties,
            ImpactWorkers workers) {
        this.changes = changes;
        this.rules = rules;
        this.submissions = submissions;
        this.store = store;
        this.properties = properties;
        this.workers = workers;
        this.clock = Clock.systemUTC();
    }

    /** A preview and what it found so far. */
    public record Report(ImpactPreview preview, List<ImpactChange> changes) {
        /** How many campaigns flip to this verdict: FAIL for those that pass now, PASS for those that fail. */
        public long flipsTo(org.candor.evaluation.Verdict verdict) {
            return changes.stream()
                    .filter(c -> c.flipped() && c.verdictAfter() == verdict)
                    .count();
        }
    }

    /**
     * Asks for a preview of a change over the campaigns of an agency and brand (parts of their
     * names, any case; null for all).
     *
     * @throws org.candor.rules.RuleBuildException when the change does not build; nothing is stored
     * @throws org.candor.rules.change.RuleEditException when the change names a bad file, or one that is
     *     not there to delete
     */
    public ImpactPreview request(RuleChanges.Edit edit, String agency, String brand, String who) {
        Map<String, byte[]> candidate;
        String candidateHash;
        try (RuleChanges.Proposal p = changes.propose(edit)) {
            candidate = p.ruleSet().contents();
            candidateHash = p.ruleSet().hash();
        }
        Map<String, byte[]> base;
        String baseHash;
        try (RuleService.Lease lease = rules.lease()) {
            base = lease.ruleSet().contents();
            baseHash = lease.ruleSet().hash();
        }
        List<String> ids = submissions.latestIds(new EvaluationQuery(agency, brand, null, null, null));
        List<List<String>> slices = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += properties.jobSize()) {
            slices.add(ids.subList(i, Math.min(ids.size(), i + properties.jobSize())));
        }
        Instant now = clock.instant();
        ImpactPreview p = new ImpactPreview(
                UUID.randomUUID().toString(),
                ids.isEmpty() ? Status.DONE : Status.QUEUED,
                who,
                now,
                ids.isEmpty() ? now : null,
                now.plus(properties.keep()),
                baseHash,
                candidateHash,
                scope(agency, brand),
                ids.size(),
                0,
                null);
        store.create(p, base, candidate, slices);
        workers.wake();
        return p;
    }

    /** What part of the portfolio a preview covers, in words. */
    static String scope(String agency, String brand) {
        List<String> parts = new ArrayList<>();
        if (agency != null) {
            parts.add("agency containing '" + agency + "'");
        }
        if (brand != null) {
            parts.add("brand containing '" + brand + "'");
        }
        String s = parts.isEmpty() ? "all campaigns" : "campaigns of " + String.join(" and ", parts);
        return s.length() > 500 ? s.substring(0, 497) + "..." : s;
    }

    /** A preview and what it found so far; empty when there is none of that id (or it expired). */
    public Optional<Report> report(String id) {
        return store.find(id, clock.instant()).map(p -> new Report(p, store.changes(p.id())));
    }

    /**
     * Cancels a preview still queued or running; one that has finished stays as it is.
     *
     * @return the preview as it is now; empty when there is none of that id
     */
    public Optional<Report> cancel(String id) {
        if (store.find(id, clock.instant()).isEmpty()) {
            return Optional.empty();
        }
        store.cancel(id, clock.instant());
        return report(id);
    }
}
