package org.candor.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.candor.campaign.Campaign;
import org.candor.campaign.Influencer;
import org.candor.campaign.Post;
import org.candor.campaign.Subject;
import org.candor.evaluation.facts.CampaignFacts;
import org.candor.evaluation.facts.CompiledPolicy;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleSet;
import org.candor.rules.Scope;
import org.candor.rules.Severity;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.runtime.KieSession;

/**
 * Judges campaigns under a rule set. Each evaluation gets its own session, disposed at the end,
 * so the evaluator is stateless and safe to share between threads. A rule limited to some
 * jurisdictions ({@code @jurisdiction}) fires only for campaigns that list one of them.
 *
 * <p>Every evaluation has {@linkplain EvaluationBounds bounds}: it fires at most
 * {@code maxFirings} rules, and a watchdog halts its session once its deadline has passed. Either
 * ends the evaluation with a {@link BoundsExceededException}; nothing of it is returned.
 */
public final class Evaluator {

    /** Halts sessions that pass their deadline; one daemon thread for every evaluator. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /** How often the watchdog repeats its halt, in case the first came before the firing began. */
    private static final long HALT_REPEAT_MILLIS = 50;

    private final Clock clock;
    private final EvaluationBounds bounds;
    private volatile Compiled compiled;

    private record Compiled(RuleSet ruleSet, CompiledPolicy policy) {}

    public Evaluator() {
        this(Clock.systemUTC());
    }

    public Evaluator(Clock clock) {
        this(clock, EvaluationBounds.DEFAULT);
    }

    public Evaluator(EvaluationBounds bounds) {
        this(Clock.systemUTC(), bounds);
    }

    public Evaluator(Clock clock, EvaluationBounds bounds) {
        this.clock = clock;
        this.bounds = java.util.Objects.requireNonNull(bounds, "bounds");
    }

    /** The bounds every evaluation of this evaluator keeps to. */
    public EvaluationBounds bounds() {
        return bounds;
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "candor-evaluation-watchdog");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private CompiledPolicy policyOf(RuleSet ruleSet) {
        Compiled c = compiled;
        if (c == null || c.ruleSet() != ruleSet) {
            c = new Compiled(ruleSet, new CompiledPolicy(ruleSet.policy()));
            compiled = c;
        }
        return c.policy();
    }

    /**
     * Judges a valid campaign. It is judged as of its {@code submittedAt}; a campaign without one
     * is judged as of now, and the caller should store that moment with it.
     *
     * <p>The engine matches a rule against every combination of facts before it fires any, so a
     * rule joining posts with posts with posts makes its matches all at once: the bounds count
     * matches as they are made and check the deadline between them, and stop the evaluation there,
     * before the matches fill the memory. During the firing a watchdog halts the session at the
     * deadline.
     *
     * @throws BoundsExceededException when the evaluation reaches its firing limit or deadline
     */
    public EvaluationResult evaluate(Campaign campaign, RuleSet ruleSet) {
        long deadline = System.nanoTime() + bounds.deadline().toNanos();
        Instant evaluatedAt = clock.instant();
        Instant asOf = campaign.submittedAt() != null ? campaign.submittedAt() : evaluatedAt;
        CampaignFacts facts = CampaignFacts.of(campaign, asOf, policyOf(ruleSet));
        checkDeadline(deadline);
        List<String> jurisdictions = facts.campaign().getJurisdictions();
        FindingCollector collector = new FindingCollector(ruleSet);
        KieSession session = ruleSet.kieBase().newKieSession();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> halt = WATCHDOG.scheduleWithFixedDelay(
                () -> {
                    expired.set(true);
                    session.halt();
                },
                Math.max(0, deadline - System.nanoTime()),
                TimeUnit.MILLISECONDS.toNanos(HALT_REPEAT_MILLIS),
                TimeUnit.NANOSECONDS);
        int fired;
        try {
            session.setGlobal("findings", collector);
            session.addEventListener(new MatchBudget(deadline, expired));
            for (Object fact : facts.all()) {
                session.insert(fact);
            }
            checkDeadline(deadline);
            // One firing past the limit tells a pack that reached it from one that stopped there.
            int limit = bounds.maxFirings() == Integer.MAX_VALUE ? Integer.MAX_VALUE : bounds.maxFirings() + 1;
            fired = session.fireAllRules(
                    match -> {
                        if (expired.get()) {
                            return false;
                        }
                        RuleMeta meta = ruleSet.metaOf(
                                match.getRule().getPackageName(),
                                match.getRule().getName());
                        return meta != null && meta.appliesIn(jurisdictions);
                    },
                    limit);
        } catch (RuntimeException e) {
            throw boundsOf(e).orElseThrow(() -> e);
        } finally {
            halt.cancel(false);
            session.dispose();
        }
        if (expired.get() || System.nanoTime() - deadline > 0) {
            throw BoundsExceededException.deadline(bounds);
        }
        if (fired > bounds.maxFirings()) {
            throw BoundsExceededException.firings(bounds);
        }
        return result(campaign, ruleSet, asOf, evaluatedAt, jurisdictions, collector.findings());
    }

    /** The bounds exception an engine exception carries, however the engine wrapped it. */
    private static java.util.Optional<BoundsExceededException> boundsOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BoundsExceededException b) {
                return java.util.Optional.of(b);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    private void checkDeadline(long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw BoundsExceededException.deadline(bounds);
        }
    }

    /**
     * Counts the matches the engine makes and stops it, from inside the matching, once there are
     * more than the firing limit or the deadline has passed.
     */
    private final class MatchBudget extends DefaultAgendaEventListener {
        private final long deadline;
        private final AtomicBoolean expired;
        private long matches;

        MatchBudget(long deadline, AtomicBoolean expired) {
            this.deadline = deadline;
            this.expired = expired;
        }

        @Override
        public void matchCreated(MatchCreatedEvent event) {
            matches++;
            if (matches > bounds.maxFirings()) {
                throw BoundsExceededException.firings(bounds);
            }
            if ((matches & 1023) == 0 && (expired.get() || System.nanoTime() - deadline > 0)) {
                throw BoundsExceededException.deadline(bounds);
            }
        }
    }

    /**
     * Findings in the order results list them: by subject as the campaign lists them (the
     * campaign, each influencer with their claims, the posts), then by the rule's place in the
     * catalog, then by message; a finding reported twice is kept once.
     */
    public static List<Finding> ordered(Campaign campaign, RuleSet ruleSet, List<Finding> raw) {
        Map<String, Integer> subjectOrder = new HashMap<>();
        for (Subject s : Subject.of(campaign)) {
            subjectOrder.putIfAbsent(s.key(), subjectOrder.size());
        }
        Map<String, Integer> ruleOrder = new HashMap<>();
        for (RuleMeta m : ruleSet.catalog()) {
            ruleOrder.put(m.id(), ruleOrder.size());
        }
        return raw.stream()
                .distinct()
                .sorted(Comparator.<Finding>comparingInt(f -> subjectOrder.getOrDefault(f.subject(), Integer.MAX_VALUE))
                        .thenComparingInt(f -> ruleOrder.getOrDefault(f.ruleId(), Integer.MAX_VALUE))
                        .thenComparing(Finding::message))
                .toList();
    }

    private static EvaluationResult result(
            Campaign campaign,
            RuleSet ruleSet,
            Instant asOf,
            Instant evaluatedAt,
            List<String> jurisdictions,
            List<Finding> raw) {
        List<Finding> findings = ordered(campaign, ruleSet, raw);
        Tally counts = Tally.count(findings);

        List<SubjectVerdict> posts = new ArrayList<>();
        Map<String, Integer> failedPostsByInfluencer = new HashMap<>();
        for (Post p : campaign.posts()) {
            SubjectVerdict v =
                    SubjectVerdict.of(Subject.post(p.id()), p.platform() + " " + p.format(), p.influencer(), findings);
            posts.add(v);
            if (v.verdict() == Verdict.FAIL) {
                failedPostsByInfluencer.merge(p.influencer(), 1, Integer::sum);
            }
        }
        List<SubjectVerdict> influencers = new ArrayList<>();
        for (Influencer i : campaign.influencers()) {
            influencers.add(SubjectVerdict.of(
                    Subject.influencer(i.handle()),
                    i.displayName() == null ? i.handle() : i.displayName(),
                    failedPostsByInfluencer.getOrDefault(i.handle(), 0) + " failed post(s)",
                    findings));
        }
        int claimCount =
                campaign.influencers().stream().mapToInt(i -> i.claims().size()).sum();
        List<RuleCheck> checks = new ArrayList<>();
        for (RuleMeta m : ruleSet.catalog()) {
            boolean applicable = m.appliesIn(jurisdictions);
            int examined = 0;
            if (applicable) {
                for (Scope scope : m.scopes()) {
                    examined += switch (scope) {
                        case CAMPAIGN -> 1;
                        case INFLUENCER -> campaign.influencers().size();
                        case CLAIM -> claimCount;
                        case POST -> campaign.posts().size();
                    };
                }
            }
            Set<String> failed = new HashSet<>();
            Set<String> warned = new HashSet<>();
            for (Finding f : findings) {
                if (f.ruleId().equals(m.id())) {
                    (f.severity() == Severity.FAIL ? failed : warned).add(f.subject());
                }
            }
            warned.removeAll(failed);
            checks.add(new RuleCheck(
                    m.id(), m.title(), m.category(), m.severity(), applicable, examined, failed.size(), warned.size()));
        }
        return new EvaluationResult(
                campaign.reference(),
                campaign.agency(),
                campaign.brand(),
                campaign.productCategory(),
                jurisdictions,
                asOf,
                evaluatedAt,
                ruleSet.hash(),
                counts.verdict(),
                counts,
                findings,
                posts,
                influencers,
                checks,
                List.of());
    }
}
