package org.candor.evaluation.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.candor.campaign.Claim;
import org.candor.campaign.ClaimKind;
import org.candor.campaign.Evidence;
import org.candor.campaign.EvidenceKind;
import org.candor.campaign.Subject;

/** One claim an influencer makes about themself. */
public final class ClaimFact {
    private final InfluencerFact influencer;
    private final Claim claim;
    private final LocalDate latestVerifiedOn;
    private final Long verifiedAgeDays;

    /** The claims of the same influencer making the same statement, this one first among them or not. */
    private List<ClaimFact> sameStatement = List.of(this);
    /** The statement words a credential or expertise ("board-certified", "consultant to"). */
    private boolean credentialWording;

    ClaimFact(InfluencerFact influencer, Claim claim, LocalDate asOf) {
        this.influencer = influencer;
        this.claim = claim;
        this.latestVerifiedOn = claim.evidence().stream()
                .filter(e -> Independence.independent(e, influencer.influencer()))
                .map(Evidence::verifiedOn)
                .max(LocalDate::compareTo)
                .orElse(null);
        this.verifiedAgeDays = latestVerifiedOn == null ? null : ChronoUnit.DAYS.between(latestVerifiedOn, asOf);
    }

    public InfluencerFact getInfluencer() {
        return influencer;
    }

    public String getSubject() {
        return Subject.claim(influencer.getHandle(), claim.id()).key();
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

    /**
     * At least one evidence item names who checked it and when, and that checker is not the
     * influencer ({@link Independence}).
     */
    public boolean isVerified() {
        return latestVerifiedOn != null;
    }

    void sameStatementAs(List<ClaimFact> group, boolean credentialWording) {
        this.sameStatement = List.copyOf(group);
        this.credentialWording = credentialWording;
    }

    /** Credentials, expertise, past work, speaking and awards: statements about who the influencer is. */
    static boolean isStanding(ClaimKind kind) {
        return kind == ClaimKind.CREDENTIAL
                || kind == ClaimKind.EXPERTISE
                || kind == ClaimKind.PAST_WORK
                || kind == ClaimKind.SPEAKING
                || kind == ClaimKind.AWARD;
    }

    /**
     * The first claim of the influencer making this statement: a statement filed twice, under
     * two kinds, is judged once.
     */
    public boolean isFirstOfStatement() {
        return sameStatement.get(0) == this;
    }

    /** Other claims of the influencer making the same statement, for messages. */
    public List<String> getSameStatementIds() {
        return sameStatement.stream()
                .filter(c -> c != this)
                .map(ClaimFact::getId)
                .toList();
    }

    /**
     * Judged as a credential or expertise (FTC 16 CFR 255.3): filed as one, filed as one under
     * the same statement elsewhere, or worded as one, whatever kind it was filed under.
     */
    public boolean isJudgedAsCredential() {
        return isStanding(getKind())
                && sameStatement.stream()
                        .anyMatch(c -> c.getKind() == ClaimKind.CREDENTIAL
                                || c.getKind() == ClaimKind.EXPERTISE
                                || c.credentialWording);
    }

    /** Judged as past work, speaking or an award: a statement about standing that is no credential. */
    public boolean isJudgedAsTrackRecord() {
        return isStanding(getKind()) && !isJudgedAsCredential();
    }

    /** Some claim making this statement has independently verified evidence. */
    public boolean isStatementVerified() {
        return sameStatement.stream().anyMatch(ClaimFact::isVerified);
    }

    /** "CREDENTIAL", or "PAST_WORK, judged as a credential", for messages. */
    public String getJudgedLabel() {
        if (isJudgedAsCredential() && getKind() != ClaimKind.CREDENTIAL && getKind() != ClaimKind.EXPERTISE) {
            return getKind() + " (judged as a credential or expertise claim)";
        }
        return getKind().name();
    }

    /** Evidence items that only the influencer verified. */
    public long getSelfVerifiedCount() {
        return claim.evidence().stream()
                .filter(e -> Independence.selfVerified(e, influencer.influencer()))
                .count();
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

    /** Independently verified evidence of one of the given kinds. */
    public boolean hasVerifiedEvidence(List<EvidenceKind> kinds) {
        return claim.evidence().stream()
                .anyMatch(e -> Independence.independent(e, influencer.influencer()) && kinds.contains(e.kind()));
    }

    /** Verified evidence of impact: a case study or conversion data. */
    public boolean isVerifiedImpact() {
        return claim.kind() == ClaimKind.IMPACT
                && hasVerifiedEvidence(List.of(EvidenceKind.CASE_STUDY, EvidenceKind.CONVERSION_DATA));
    }

    /** "3 evidence items, none verified", for messages; names self-verification. */
    public String getEvidenceSummary() {
        long verified = claim.evidence().stream()
                .filter(e -> Independence.independent(e, influencer.influencer()))
                .count();
        long self = getSelfVerifiedCount();
        int n = claim.evidence().size();
        if (n == 0) {
            return "no evidence";
        }
        String summary = n + " evidence item" + (n == 1 ? "" : "s") + ", " + (verified == 0 ? "none" : verified + "")
                + " verified by someone other than the influencer (verifiedBy and verifiedOn)";
        if (self > 0) {
            String by = claim.evidence().stream()
                    .filter(e -> Independence.selfVerified(e, influencer.influencer()))
                    .map(e -> "'" + e.verifiedBy() + "'")
                    .distinct()
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            summary += "; " + self + " verified only by the influencer themself (verifiedBy " + by + ")";
        }
        return summary;
    }
}
