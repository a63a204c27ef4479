package org.candor.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.rules.Category;
import org.candor.rules.Severity;

/**
 * Applies waivers to a result: the findings stay, each marked by the waiver that covers it, and the
 * verdicts — campaign, posts, influencers — and the counts by severity and category count only the
 * findings no waiver covers; {@code WAIVED} counts the others.
 */
public final class Waivers {
    private Waivers() {}

    /** The result with the waivers active on {@code day} applied (and any earlier ones replaced). */
    public static EvaluationResult apply(EvaluationResult r, List<Waiver> waivers, LocalDate day) {
        List<Waiver> applied = new ArrayList<>();
        for (Waiver w : waivers) {
            if (w.activeOn(day)
                    && r.findings().stream().anyMatch(w::covers)
                    && applied.stream()
                            .noneMatch(a ->
                                    a.ruleId().equals(w.ruleId()) && a.subject().equals(w.subject()))) {
                applied.add(w);
            }
        }
        List<Finding> findings = r.findings().stream()
                .map(f -> f.withWaiver(
                        applied.stream().filter(w -> w.covers(f)).findFirst().orElse(null)))
                .toList();
        List<Finding> standing = findings.stream().filter(f -> !f.waived()).toList();
        Map<String, Integer> counts = counts(standing);
        counts.put("WAIVED", findings.size() - standing.size());
        boolean fail = standing.stream().anyMatch(f -> f.severity() == Severity.FAIL);
        return new EvaluationResult(
                r.reference(),
                r.agency(),
                r.brand(),
                r.productCategory(),
                r.jurisdictions(),
                r.asOf(),
                r.evaluatedAt(),
                r.ruleSetHash(),
                fail ? Verdict.FAIL : Verdict.PASS,
                counts,
                findings,
                recount(r.posts(), standing, false),
                recount(r.influencers(), standing, true),
                r.checks(),
                applied);
    }

    /**
     * Findings by severity and by category, every key present: what {@code counts} of a result
     * holds for the findings that stand.
     */
    static Map<String, Integer> counts(List<Finding> findings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            counts.put(s.name(), 0);
        }
        for (Category c : Category.values()) {
            counts.put(c.name(), 0);
        }
        for (Finding f : findings) {
            counts.merge(f.severity().name(), 1, Integer::sum);
            counts.merge(f.category().name(), 1, Integer::sum);
        }
        return counts;
    }

    private static List<SubjectVerdict> recount(
            List<SubjectVerdict> subjects, List<Finding> standing, boolean withClaims) {
        List<SubjectVerdict> out = new ArrayList<>();
        for (SubjectVerdict v : subjects) {
            String claimPrefix = "claim:" + v.subject().substring(v.subject().indexOf(':') + 1) + "/";
            int fails = 0;
            int warns = 0;
            int infos = 0;
            for (Finding f : standing) {
                if (f.subject().equals(v.subject())
                        || (withClaims && f.subject().startsWith(claimPrefix))) {
                    switch (f.severity()) {
                        case FAIL -> fails++;
                        case WARN -> warns++;
                        case INFO -> infos++;
                    }
                }
            }
            out.add(new SubjectVerdict(
                    v.subject(), v.label(), v.related(), fails > 0 ? Verdict.FAIL : Verdict.PASS, fails, warns, infos));
        }
        return out;
    }
}
