package org.candor.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.rules.Severity;

/**
 * Applies waivers to a result: the findings stay, marked by the waiver that covers them, and the
 * verdicts — campaign, posts, influencers — count only the findings no waiver covers.
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
        List<Finding> standing = r.findings().stream()
                .filter(f -> applied.stream().noneMatch(w -> w.covers(f)))
                .toList();
        Map<String, Integer> counts = new LinkedHashMap<>(r.counts());
        counts.put("WAIVED", r.findings().size() - standing.size());
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
                r.findings(),
                recount(r.posts(), standing, false),
                recount(r.influencers(), standing, true),
                r.checks(),
                applied);
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
