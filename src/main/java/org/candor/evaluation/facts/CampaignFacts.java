package org.candor.evaluation.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.campaign.Campaign;
import org.candor.campaign.Claim;
import org.candor.campaign.Influencer;
import org.candor.campaign.Post;
import org.candor.rules.policy.Fold;

/** Every fact of one campaign, built from the submission and the policy, ready to insert. */
public record CampaignFacts(
        CampaignFact campaign,
        Limits limits,
        List<InfluencerFact> influencers,
        List<ClaimFact> claims,
        List<PostFact> posts,
        List<ReuseFact> reuses) {

    public static CampaignFacts of(Campaign c, Instant asOf, CompiledPolicy policy) {
        CampaignFact campaign = new CampaignFact(c, asOf);
        Map<String, InfluencerFact> byHandle = new LinkedHashMap<>();
        List<ClaimFact> claims = new ArrayList<>();
        for (Influencer i : c.influencers()) {
            InfluencerFact inf = new InfluencerFact(i, campaign.getAsOfDate());
            byHandle.put(i.handle(), inf);
            for (Claim claim : i.claims()) {
                ClaimFact cf = new ClaimFact(inf, claim, campaign.getAsOfDate());
                inf.addClaim(cf);
                claims.add(cf);
            }
        }
        List<PhraseMatcher> matchers = policy.matchersFor(c.brand());
        for (InfluencerFact inf : byHandle.values()) {
            groupStatements(inf, matchers);
        }
        List<PostFact> posts = new ArrayList<>();
        List<ReuseFact> reuses = new ArrayList<>();
        for (Post p : c.posts()) {
            Fold fold = policy.policy().fold(p.platform().name(), p.format().name());
            PostFact pf = new PostFact(p, byHandle.get(p.influencer()), campaign, matchers, fold, policy);
            posts.add(pf);
            for (int k = 0; k < p.reusedContent().size(); k++) {
                reuses.add(new ReuseFact(pf, p.reusedContent().get(k), k));
            }
        }
        return new CampaignFacts(
                campaign,
                new Limits(policy.policy()),
                List.copyOf(byHandle.values()),
                List.copyOf(claims),
                List.copyOf(posts),
                List.copyOf(reuses));
    }

    /**
     * Claims about standing (credential, expertise, past work, speaking, award) that make the same
     * statement, in any case or spacing, are one statement: judged once, the same way. A statement
     * worded as a credential or expertise is judged as one whatever kind it was filed under.
     */
    private static void groupStatements(InfluencerFact inf, List<PhraseMatcher> matchers) {
        Map<String, List<ClaimFact>> byStatement = new LinkedHashMap<>();
        Map<ClaimFact, Boolean> credential = new java.util.HashMap<>();
        for (ClaimFact cf : inf.getClaims()) {
            if (!ClaimFact.isStanding(cf.getKind())) {
                continue;
            }
            TextIndex text = new TextIndex(cf.getStatement());
            byStatement
                    .computeIfAbsent(text.folded().strip(), k -> new ArrayList<>())
                    .add(cf);
            boolean worded = false;
            for (PhraseMatcher m : matchers) {
                for (PhraseMatcher.Match match : m.find(text)) {
                    if (match.phrase().rows().stream()
                            .anyMatch(t -> t.meaning() == org.candor.rules.policy.Meaning.SELF_CREDENTIAL)) {
                        worded = true;
                    }
                }
            }
            credential.put(cf, worded);
        }
        for (List<ClaimFact> group : byStatement.values()) {
            for (ClaimFact cf : group) {
                cf.sameStatementAs(group, credential.get(cf));
            }
        }
    }

    /** Everything to insert into a session. */
    public List<Object> all() {
        List<Object> all = new ArrayList<>();
        all.add(campaign);
        all.add(limits);
        all.addAll(influencers);
        all.addAll(claims);
        all.addAll(posts);
        all.addAll(reuses);
        return all;
    }
}
