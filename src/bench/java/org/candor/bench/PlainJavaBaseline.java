package org.candor.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.candor.campaign.Campaign;
import org.candor.campaign.ClaimKind;
import org.candor.campaign.RelationshipKind;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.evaluation.facts.CampaignFact;
import org.candor.evaluation.facts.CampaignFacts;
import org.candor.evaluation.facts.ClaimFact;
import org.candor.evaluation.facts.CompiledPolicy;
import org.candor.evaluation.facts.DisclosureScan;
import org.candor.evaluation.facts.Hit;
import org.candor.evaluation.facts.InfluencerFact;
import org.candor.evaluation.facts.Limits;
import org.candor.evaluation.facts.PostFact;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleSet;
import org.candor.rules.policy.Fold;

/**
 * DISC-001 to DISC-004, CLAIM-001 and CLAIM-006 written as straight Java, for the benchmarks
 * only: the yardstick the Drools path is measured against. It builds the same facts as the
 * evaluator (phrase search, disclosure scan) and applies the rules' conditions and messages by
 * hand, so the difference between the two is what the rule engine costs. Findings come out in the
 * evaluator's order and equal to its own on the same subset (checked when the benchmark starts).
 */
public final class PlainJavaBaseline {

    private final RuleSet ruleSet;
    private final CompiledPolicy policy;
    private final Map<String, RuleMeta> meta = new HashMap<>();

    public PlainJavaBaseline(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        this.policy = new CompiledPolicy(ruleSet.policy());
        for (RuleMeta m : ruleSet.catalog()) {
            meta.put(m.id(), m);
        }
    }

    public List<Finding> evaluate(Campaign campaign) {
        Instant asOf = campaign.submittedAt() != null ? campaign.submittedAt() : Instant.now();
        CampaignFacts facts = CampaignFacts.of(campaign, asOf, policy);
        Limits l = facts.limits();
        CampaignFact c = facts.campaign();
        List<Finding> out = new ArrayList<>();
        for (PostFact p : facts.posts()) {
            DisclosureScan d = p.getDisclosure();
            boolean connected = p.isConnected();
            if (connected && d.isNone()) {
                add(out, "DISC-001", p.getSubject(),
                        "no disclosure of the " + p.getInfluencer().getTie() + " tie with the brand"
                                + (p.isAffiliate() && !p.getInfluencer().isConnected() ? " (affiliate links)" : "")
                                + ": none in the caption, overlays, frames or video, and no platform label",
                        "caption: " + abbreviate(p.getText()));
            }
            if (connected
                    && !d.isClear()
                    && !d.getUnclearHits().isEmpty()
                    && !(!d.getGiftHits().isEmpty()
                            && (p.getInfluencer().getTie() != RelationshipKind.GIFTED
                                    || p.getInfluencer().isBrandControlsContent()))) {
                Hit first = d.getUnclearHits().get(0);
                add(out, "DISC-002", p.getSubject(),
                        "only vague disclosure " + DisclosureScan.quote(d.getUnclearHits()) + ", not clear in "
                                + String.join(", ", c.getJurisdictions()),
                        first.where() + ": " + first.excerpt());
            }
            if (connected
                    && d.getFirstClearInCaption() != null
                    && d.getFold() != null
                    && !d.isClearInPreview()
                    && !d.isClearOnMedia()) {
                Hit h = d.getFirstClearInCaption();
                Fold f = d.getFold();
                add(out, "DISC-003", p.getSubject(),
                        "first clear disclosure '" + h.text() + "' at character " + h.position() + " (line " + h.line()
                                + "), after the " + f.characters() + "-character, " + f.lineBreaks() + "-line "
                                + p.getPlatform() + " preview",
                        h.excerpt());
            }
            if (connected && d.getBuriedAmong() >= l.get("BURIED_HASHTAG_RUN")) {
                Hit h = d.getFirstClearInCaption();
                add(out, "DISC-004", p.getSubject(),
                        "disclosure '" + h.text() + "' sits among " + d.getBuriedAmong()
                                + " other hashtags closing the caption (limit " + Limits.fmt(l.get("BURIED_HASHTAG_RUN")) + ")",
                        h.excerpt());
            }
            if (!p.getUnsubstantiatedClaims().isEmpty() || !p.getUnsubstantiatedPhrases().isEmpty()) {
                StringBuilder what = new StringBuilder();
                for (String s : p.getUnsubstantiatedClaims()) {
                    what.append(what.length() > 0 ? "; " : "").append("listed claim \"").append(s).append("\"");
                }
                for (Hit h : p.getUnsubstantiatedPhrases()) {
                    what.append(what.length() > 0 ? "; " : "").append(h.where());
                }
                add(out, "CLAIM-006", p.getSubject(),
                        "product claim without verified substantiation: " + what,
                        p.getUnsubstantiatedPhrases().isEmpty()
                                ? p.getUnsubstantiatedClaims().get(0)
                                : p.getUnsubstantiatedPhrases().get(0).excerpt());
            }
        }
        double factor = 1 + l.get("AUDIENCE_OVERCLAIM_PCT") / 100;
        for (InfluencerFact i : facts.influencers()) {
            if (i.getFollowers() != null
                    && i.getVerifiedFollowers() != null
                    && i.getFollowers() > i.getVerifiedFollowers() * factor) {
                double over = 100.0 * (i.getFollowers() - i.getVerifiedFollowers()) / Math.max(1, i.getVerifiedFollowers());
                add(out, "CLAIM-001", i.getSubject(),
                        String.format("states %,d followers, %.1f%% above the %,d verified (limit %s%%)",
                                i.getFollowers(), over, i.getVerifiedFollowers(), Limits.fmt(l.get("AUDIENCE_OVERCLAIM_PCT"))),
                        "audience.followers " + i.getFollowers() + ", verifiedFollowers " + i.getVerifiedFollowers()
                                + (i.getVerificationSource() != null ? " (" + i.getVerificationSource() + ")" : ""));
            }
        }
        for (ClaimFact cl : facts.claims()) {
            Double claimed = cl.getClaimedValue();
            InfluencerFact i = cl.getInfluencer();
            if (claimed == null) {
                continue;
            }
            boolean followers = cl.getKind() == ClaimKind.FOLLOWERS
                    && i.getVerifiedFollowers() != null
                    && claimed > i.getVerifiedFollowers() * factor;
            boolean engagement = cl.getKind() == ClaimKind.ENGAGEMENT
                    && i.getEngagementRate() != null
                    && claimed > i.getEngagementRate() * factor;
            if (followers || engagement) {
                double verified = cl.getKind() == ClaimKind.FOLLOWERS ? i.getVerifiedFollowers() : i.getEngagementRate();
                double over = 100.0 * (claimed - verified) / Math.max(0.0001, verified);
                add(out, "CLAIM-001", cl.getSubject(),
                        String.format("claims %s %s, %.1f%% above the verified %s (limit %s%%)",
                                cl.getKind().name().toLowerCase(), Limits.fmt(claimed), over, Limits.fmt(verified),
                                Limits.fmt(l.get("AUDIENCE_OVERCLAIM_PCT"))),
                        "\"" + cl.getStatement() + "\"");
            }
        }
        return Evaluator.ordered(campaign, ruleSet, out);
    }

    private void add(List<Finding> out, String id, String subject, String message, String evidence) {
        RuleMeta m = meta.get(id);
        out.add(new Finding(m.id(), m.title(), m.category(), m.severity(), subject, message, evidence, m.source(),
                m.remediation()));
    }

    static String abbreviate(String s) {
        if (s == null || s.isEmpty()) {
            return "(empty)";
        }
        String one = s.replace("\n", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

    RuleSet ruleSet() {
        return ruleSet;
    }

}
