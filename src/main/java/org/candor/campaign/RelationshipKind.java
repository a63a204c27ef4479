package org.candor.campaign;

/**
 * The tie between an influencer and the brand. Anything but NONE and BRAND_CHANNEL is a material
 * connection that must be disclosed.
 */
public enum RelationshipKind {
    PAID,
    GIFTED,
    AFFILIATE,
    EMPLOYEE,
    /** A person with an ownership tie: owner, founder, officer, investor, royalty or licence holder. */
    OWNER,
    FAMILY_OR_FRIEND,
    AMBASSADOR,
    NONE,
    /**
     * The brand's own account: its posts are the brand speaking, plainly its advertising, so there
     * is no hidden tie to disclose. A founder's or owner's personal account is OWNER.
     */
    BRAND_CHANNEL
}
