package org.candor.rules;

/** The duty a rule enforces. */
public enum Category {
    DISCLOSURE,
    ATTRIBUTION,
    CLAIMS,
    AUDIENCE
}
