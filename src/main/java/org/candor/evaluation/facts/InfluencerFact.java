package org.candor.evaluation.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.candor.campaign.Audience;
import org.candor.campaign.ClaimKind;
import org.candor.campaign.Influencer;
import org.candor.campaign.RelationshipKind;
import org.candor.campaign.Subject;

/** One influencer, with their tie to the brand and their audience figures. */
public final class InfluencerFact {
    private final Influencer influencer;
    private final Audience audience;
    private final Long audienceAgeDays;
    private final List<ClaimFact> claims = new ArrayList<>();

    InfluencerFact(Influencer influencer, LocalDate asOf) {
        this.influencer = influencer;
        this.audience = influencer.audience();
        this.audienceAgeDays = audience == null || audience.verifiedOn() == null
                ? null
                : ChronoUnit.DAYS.between(audience.verifiedOn(), asOf);
    }

    /** Where the influencer is established (ISO 3166 code, upper case); null when not given. */
    public String getEstablishedIn() {
        return influencer.establishedInCode();
    }

    Influencer influencer() {
        return influencer;
    }

    void addClaim(ClaimFact claim) {
        claims.add(claim);
    }

    public String getHandle() {
        return influencer.handle();
    }

    public String getSubject() {
        return Subject.influencer(influencer.handle()).key();
    }

    public Integer getAge() {
        return influencer.age();
    }

    public boolean isStrongAppealToUnder18() {
        return Boolean.TRUE.equals(influencer.strongAppealToUnder18());
    }

    /** The tie with the brand; NONE when the submission gives none. */
    public RelationshipKind getTie() {
        return influencer.relationship() == null || influencer.relationship().kind() == null
                ? RelationshipKind.NONE
                : influencer.relationship().kind();
    }

    /**
     * Any tie but NONE is a material connection that must be disclosed, except the brand's own
     * channel: the brand speaking for itself hides no tie.
     */
    public boolean isConnected() {
        return getTie() != RelationshipKind.NONE && getTie() != RelationshipKind.BRAND_CHANNEL;
    }

    /** The account is the brand's own. */
    public boolean isBrandChannel() {
        return getTie() == RelationshipKind.BRAND_CHANNEL;
    }

    public boolean isBrandControlsContent() {
        return influencer.relationship() != null
                && Boolean.TRUE.equals(influencer.relationship().brandControlsContent());
    }

    public boolean isForbidsNegativeOpinion() {
        return influencer.relationship() != null
                && Boolean.TRUE.equals(influencer.relationship().forbidsNegativeOpinion());
    }

    /** Whether the influencer used the product; null when not stated. */
    public Boolean getUsedProduct() {
        return influencer.usedProduct();
    }

    public boolean isHasAudience() {
        return audience != null;
    }

    public Long getFollowers() {
        return audience == null ? null : audience.followers();
    }

    public Long getVerifiedFollowers() {
        return audience == null ? null : audience.verifiedFollowers();
    }

    public Double getEngagementRate() {
        return audience == null ? null : audience.engagementRate();
    }

    public Double getFakeFollowersPct() {
        return audience == null ? null : audience.suspectedFakeFollowersPct();
    }

    public Double getUnder18Pct() {
        return audience == null ? null : audience.under18Pct();
    }

    public LocalDate getAudienceVerifiedOn() {
        return audience == null ? null : audience.verifiedOn();
    }

    public String getVerificationSource() {
        return audience == null ? null : audience.verificationSource();
    }

    /**
     * The audience figures say when and from what source they were verified, and that source is
     * not the influencer themself ({@link Independence}).
     */
    public boolean isAudienceVerified() {
        return audience != null
                && audience.verifiedOn() != null
                && audience.verificationSource() != null
                && !audience.verificationSource().isBlank()
                && !isAudienceSelfReported();
    }

    /** The audience's verification source is the influencer themself ("self-reported"). */
    public boolean isAudienceSelfReported() {
        return audience != null && Independence.namesInfluencer(audience.verificationSource(), influencer);
    }

    /** Days from the audience verification to the date the campaign is judged; null when never verified. */
    public Long getAudienceAgeDays() {
        return audienceAgeDays;
    }

    public List<ClaimFact> getClaims() {
        return claims;
    }

    /** Claims resting on vanity metrics: follower counts, reach, influence scores. */
    public List<ClaimFact> getVanityClaims() {
        return claims.stream()
                .filter(c -> c.getKind() == ClaimKind.FOLLOWERS
                        || c.getKind() == ClaimKind.REACH
                        || c.getKind() == ClaimKind.INFLUENCE_SCORE)
                .toList();
    }

    public boolean isVerifiedImpact() {
        return claims.stream().anyMatch(ClaimFact::isVerifiedImpact);
    }
}
