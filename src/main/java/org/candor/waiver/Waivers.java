package org.candor.waiver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Waiver;

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
        List<Finding> marked = r.findings().stream()
                .map(f -> f.withWaiver(
                        applied.stream().filter(w -> w.covers(f)).findFirst().orElse(null)))
                .toList();
        return r.withWaivers(marked, applied);
    }
}
