package org.candor.campaign;

/** The tie between an influencer and the brand; anything but NONE is a material connection. */
public enum RelationshipKind {
    PAID,
    GIFTED,
    AFFILIATE,
    EMPLOYEE,
    OWNER,
    FAMILY_OR_FRIEND,
    AMBASSADOR,
    NONE
}
