package org.candor.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.SubjectVerdict;
import org.candor.evaluation.Waiver;

/**
 * An evaluation's findings as the result page shows them: those about the campaign as a whole,
 * then post by post, then influencer by influencer (with the findings on their claims), each
 * finding with the waiver that covers it, if any.
 */
public record EvaluationView(List<Item> campaign, List<Group> posts, List<Group> influencers) {

    /** A finding, and the waiver that covers it (null when none does). */
    public record Item(Finding finding, Waiver waiver) {
        public String severityClass() {
            return waiver != null
                    ? "sev-waived"
                    : "sev-" + finding.severity().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A post or an influencer, its own verdict and its findings. */
    public record Group(SubjectVerdict subject, String name, List<Item> items) {
        public String anchor() {
            return subject.subject().replaceAll("[^A-Za-z0-9_-]", "-");
        }
    }

    static EvaluationView of(EvaluationResult r) {
        List<Item> campaign = items(r, f -> "campaign".equals(f.subject()));
        List<Group> posts = new ArrayList<>();
        for (SubjectVerdict p : r.posts()) {
            posts.add(new Group(p, name(p.subject()), items(r, f -> f.subject().equals(p.subject()))));
        }
        List<Group> influencers = new ArrayList<>();
        for (SubjectVerdict i : r.influencers()) {
            String handle = name(i.subject());
            String claims = "claim:" + handle + "/";
            influencers.add(new Group(
                    i,
                    handle,
                    items(r, f -> f.subject().equals(i.subject()) || f.subject().startsWith(claims))));
        }
        return new EvaluationView(campaign, posts, influencers);
    }

    private static List<Item> items(EvaluationResult r, Predicate<Finding> which) {
        return r.findings().stream()
                .filter(which)
                .map(f -> new Item(f, r.waiverOf(f).orElse(null)))
                .toList();
    }

    /** "p1" of "post:p1". */
    private static String name(String subject) {
        int colon = subject.indexOf(':');
        return colon < 0 ? subject : subject.substring(colon + 1);
    }
}
