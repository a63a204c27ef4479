package org.candor.campaign;

/** What an influencer claims about themself. */
public enum ClaimKind {
    FOLLOWERS,
    REACH,
    ENGAGEMENT,
    CREDENTIAL,
    EXPERTISE,
    PAST_WORK,
    SPEAKING,
    AWARD,
    IMPACT,
    INFLUENCE_SCORE
}
