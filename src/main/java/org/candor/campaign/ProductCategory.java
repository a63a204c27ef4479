package org.candor.campaign;

/** What the campaign promotes (SPEC section 3). */
public enum ProductCategory {
    GENERAL,
    COSMETICS,
    FOOD,
    SUPPLEMENTS,
    HEALTH,
    FINANCIAL,
    CRYPTO,
    ALCOHOL,
    GAMBLING,
    NICOTINE,
    COSMETIC_SURGERY,
    BETTING_TIPS,
    OTHER;

    /** Gambling includes betting tips throughout the codes. */
    public boolean isGambling() {
        return this == GAMBLING || this == BETTING_TIPS;
    }

    /** Categories the UK and US codes keep away from minors. */
    public boolean isAgeRestricted() {
        return isGambling() || this == ALCOHOL || this == NICOTINE;
    }
}
