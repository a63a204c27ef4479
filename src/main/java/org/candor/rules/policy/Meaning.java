package org.candor.rules.policy;

/** What a term or phrase from the policy tables tells the checks when it appears in a post. */
public enum Meaning {
    /** A clear disclosure of a commercial tie ("#ad", "advertisement"). */
    CLEAR,
    /** An attempt at disclosure that readers may not understand ("#sp", "collab", "thanks"). */
    VAGUE,
    /** Discloses a gift only; names a lesser tie when the real one is paid. */
    GIFT,
    /** Discloses that the author earns a commission on sales through links. */
    COMMISSION,
    /** Discloses employment by the brand ("#employee", "I work at"); clear for an EMPLOYEE tie. */
    EMPLOYMENT,
    /** Discloses owning or running the brand ("my company", "founder"); clear for an OWNER tie. */
    OWNERSHIP,
    /** Discloses a family or friendship tie ("my sister's brand"); clear for that tie. */
    FAMILY_TIE,
    /** A word that, just before a disclosure term, denies it: "not an ad". */
    NEGATION,
    /** France: the mention "Publicité" or "Collaboration commerciale". */
    FR_COMMERCIAL,
    /** France: the mention "Images retouchées". */
    FR_RETOUCHED,
    /** France: the mention "Images virtuelles". */
    FR_VIRTUAL,
    /** A label saying an image is AI-generated. */
    AI_LABEL,
    /** A product claim that needs substantiation ("clinically proven", "100%"). */
    PRODUCT_CLAIM,
    /**
     * A regular expression for a medicinal claim: a verb of curing, treating or preventing near
     * a disease or condition ("helps fight cancer", "soigne l'eczéma").
     */
    MEDICINAL,
    /** The author speaks of using the product themself. */
    PERSONAL_USE,
    /** A note on the results people generally get. */
    TYPICAL_RESULTS,
    /** A regular expression for a specific personal result ("lost 10 kg"). */
    PERSONAL_RESULT,
    /** The author claims a credential or expertise ("as a dermatologist", "consultant to"). */
    SELF_CREDENTIAL,
    /** The author claims standing: speaking, awards, rank or influence ("keynote speaker", "top influencer"). */
    SELF_STANDING,
    /** A call to buy or a discount code ("use my code", "link in bio", "jetzt kaufen"). */
    PROMOTIONAL;

    /** The meanings that say which tie a disclosure names; a term has one of them at most. */
    public static final String DISCLOSURE_FAMILY = "CLEAR/VAGUE/GIFT/COMMISSION/EMPLOYMENT/OWNERSHIP/FAMILY_TIE";

    /**
     * The family a meaning belongs to in the term tables: the disclosure meanings form one
     * family, since one phrase cannot be a clear and a vague disclosure at once; every other
     * meaning is a family of its own, so a phrase may also have a row there.
     */
    public String family() {
        return switch (this) {
            case CLEAR, VAGUE, GIFT, COMMISSION, EMPLOYMENT, OWNERSHIP, FAMILY_TIE -> "DISCLOSURE";
            default -> name();
        };
    }

    /** Meanings whose rows are regular expressions rather than plain phrases. */
    public boolean isPattern() {
        return this == PERSONAL_RESULT || this == MEDICINAL;
    }
}
