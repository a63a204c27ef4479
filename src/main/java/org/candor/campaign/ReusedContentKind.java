package org.candor.campaign;

/** Content taken from someone else. */
public enum ReusedContentKind {
    IMAGE,
    VIDEO,
    MUSIC,
    TEXT,
    QUOTE,
    TESTIMONIAL,
    LIKENESS;

    /** Kinds that speak for a named person, and so need that person's consent. */
    public boolean needsConsent() {
        return this == QUOTE || this == TESTIMONIAL || this == LIKENESS;
    }
}
