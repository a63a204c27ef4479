package org.candor.evaluation.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.candor.campaign.Claim;
import org.candor.campaign.ClaimKind;
import org.candor.campaign.Evidence;
import org.candor.campaign.EvidenceKind;

/** One claim an influencer makes about themself. */
public final class ClaimFact {
    private final InfluencerFact influencer;
    private final Claim claim;
    private final LocalDate latestVerifiedOn;
    private final Long verifiedAgeDays;

    ClaimFact(InfluencerFact influencer, Claim claim, LocalDate asOf) {
        this.influencer = influencer;
        this.claim = claim;
        this.latestVerifiedOn = claim.evidence().stream()
                .filter(Evidence::isVerified)
                .map(Evidence::verifiedOn)
                .max(LocalDate::compareTo)
                .orElse(null);
        this.verifiedAgeDays = latestVerifiedOn == null ? null : ChronoUnit.DAYS.between(latestVerifiedOn, asOf);
    }

    public InfluencerFact getInfluencer() {
        return influencer;
    }

    public String getSubject() {
        return "claim:" + influencer.getHandle() + "/" + claim.id();
    }

    public String getId() {
        return claim.id();
    }

    public ClaimKind getKind() {
        return claim.kind();
    }

    public String getStatement() {
        return claim.statement() == null ? "" : claim.statement();
    }

    public Double getClaimedValue() {
        return claim.claimedValue();
    }

    /**
     * A follower claim that states the very figure the influencer's audience states: the same
     * fact, judged once, on the influencer.
     */
    public boolean isRepeatsStatedFollowers() {
        Long stated = influencer.getFollowers();
        return claim.kind() == ClaimKind.FOLLOWERS
                && stated != null
                && claim.claimedValue() != null
                && claim.claimedValue().doubleValue() == stated.doubleValue();
    }

    /** At least one evidence item names who checked it and when. */
    public boolean isVerified() {
        return latestVerifiedOn != null;
    }

    public LocalDate getLatestVerifiedOn() {
        return latestVerifiedOn;
    }

    /** Days from the latest verification to the date the campaign is judged; null when unverified. */
    public Long getVerifiedAgeDays() {
        return verifiedAgeDays;
    }

    public int getEvidenceCount() {
        return claim.evidence().size();
    }

    /** Verified evidence of one of the given kinds. */
    public boolean hasVerifiedEvidence(List<EvidenceKind> kinds) {
        return claim.evidence().stream().anyMatch(e -> e.isVerified() && kinds.contains(e.kind()));
    }

    /** Verified evidence of impact: a case study or conversion data. */
    public boolean isVerifiedImpact() {
        return claim.kind() == ClaimKind.IMPACT
                && hasVerifiedEvidence(List.of(EvidenceKind.CASE_STUDY, EvidenceKind.CONVERSION_DATA));
    }

    /** "3 evidence items, none verified", for messages. */
    public String getEvidenceSummary() {
        long verified = claim.evidence().stream().filter(Evidence::isVerified).count();
        int n = claim.evidence().size();
        if (n == 0) {
            return "no evidence";
        }
        return n + " evidence item" + (n == 1 ? "" : "s") + ", " + (verified == 0 ? "none" : verified + "")
                + " verified (verifiedBy and verifiedOn)";
    }
}
