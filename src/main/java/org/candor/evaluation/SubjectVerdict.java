package org.candor.evaluation;

import java.util.Collection;
import java.util.List;
import org.candor.campaign.Subject;

/**
 * The verdict on one post or influencer, with its counts of findings.
 *
 * @param subject the subject's key ({@link Subject#key()})
 * @param label a short description: the platform and format of a post, the name of an influencer
 * @param related for an influencer, how many of their posts failed; for a post, the influencer
 */
public record SubjectVerdict(
        String subject, String label, String related, Verdict verdict, int fails, int warnings, int infos) {

    /** The verdict on {@code subject} from the findings that stand: its own, and an influencer's claims'. */
    public static SubjectVerdict of(Subject subject, String label, String related, Collection<Finding> standing) {
        Tally tally = Tally.count(standing, f -> subject.covers(f.subject()));
        return new SubjectVerdict(
                subject.key(), label, related, tally.verdict(), tally.fails(), tally.warnings(), tally.infos());
    }

    /** The same subject judged again on the findings that stand now; label and related kept. */
    public SubjectVerdict recount(Collection<Finding> standing) {
        return of(Subject.parse(subject), label, related, standing);
    }

    /** Each of these judged again on the findings that stand now. */
    public static List<SubjectVerdict> recount(List<SubjectVerdict> verdicts, Collection<Finding> standing) {
        return verdicts == null
                ? null
                : verdicts.stream().map(v -> v.recount(standing)).toList();
    }
}
