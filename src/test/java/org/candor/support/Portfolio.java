package org.candor.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Verdict;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.Submission;
import org.candor.intake.SubmissionStore;
import org.candor.rules.RuleService;
import org.springframework.core.io.ClassPathResource;

/**
 * A stored portfolio for impact previews: campaigns of one brand of the agency Northwind Media,
 * each stored with its evaluation on the rules in force, as a submission of the demo agency user
 * leaves them. The campaigns are the 1-post passing campaign ({@code cli/passing.json}) with its
 * influencer's audience varied: the i-th is of {@code kinds.get(i % kinds.size())}.
 */
public final class Portfolio {

    /** How a campaign's influencer's audience is set: followers and percentage of suspected fakes. */
    public record Kind(int followers, int suspectedFakeFollowersPct) {}

    private static final Instant AT = Instant.parse("2026-10-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Portfolio() {}

    /**
     * Stores {@code n} campaigns of {@code brand}.
     *
     * @param reference the i-th campaign's reference
     * @return the verdict of each kind on the rules in force, in the order of {@code kinds}
     */
    public static List<Verdict> store(
            SubmissionStore submissions,
            RuleService rules,
            String brand,
            int n,
            List<Kind> kinds,
            IntFunction<String> reference)
            throws IOException {
        Evaluator evaluator = new Evaluator();
        List<String> payloads = new ArrayList<>();
        List<EvaluationResult> results = new ArrayList<>();
        for (Kind k : kinds) {
            ObjectNode c =
                    (ObjectNode) JSON.readTree(new ClassPathResource("cli/passing.json").getContentAsByteArray());
            c.put("brand", brand);
            ((ObjectNode) c.path("influencers").get(0).path("audience"))
                    .put("followers", k.followers())
                    .put("suspectedFakeFollowersPct", k.suspectedFakeFollowersPct());
            String json = JSON.writeValueAsString(c);
            try (RuleService.Lease lease = rules.lease()) {
                results.add(evaluator.evaluate(
                        new CampaignReader().read(json.getBytes(StandardCharsets.UTF_8)), lease.ruleSet()));
            }
            payloads.add(json);
        }
        for (int i = 0; i < n; i++) {
            int k = i % kinds.size();
            String ref = reference.apply(i);
            Submission s = new Submission(
                    UUID.randomUUID().toString(),
                    ref,
                    "Northwind Media",
                    brand,
                    "northwind",
                    AT,
                    AT,
                    Submission.RECEIVED,
                    ref,
                    "application/json",
                    payloads.get(k).replace("\"CALM-TEA-US\"", "\"" + ref + "\""));
            submissions.insert(s);
            submissions.insert(
                    new StoredEvaluation(
                            UUID.randomUUID().toString(),
                            s.id(),
                            "northwind",
                            "northwind",
                            results.get(k).withReference(ref)),
                    true);
        }
        return results.stream().map(EvaluationResult::verdict).toList();
    }
}
