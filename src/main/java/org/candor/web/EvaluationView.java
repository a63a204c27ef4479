package org.candor.web;

import java.util.ArrayList;
import java.util.List;
import org.candor.campaign.Subject;
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
        List<Item> campaign = items(r, Subject.CAMPAIGN);
        List<Group> posts = new ArrayList<>();
        for (SubjectVerdict p : r.posts()) {
            Subject s = Subject.parse(p.subject());
            posts.add(new Group(p, s.name(), items(r, s)));
        }
        List<Group> influencers = new ArrayList<>();
        for (SubjectVerdict i : r.influencers()) {
            Subject s = Subject.parse(i.subject());
            influencers.add(new Group(i, s.name(), items(r, s)));
        }
        return new EvaluationView(campaign, posts, influencers);
    }

    /** The findings that count towards the subject: its own, and for an influencer their claims'. */
    private static List<Item> items(EvaluationResult r, Subject subject) {
        return r.findings().stream()
                .filter(f -> subject.covers(f.subject()))
                .map(f -> new Item(f, r.waiverOf(f).orElse(null)))
                .toList();
    }
}
