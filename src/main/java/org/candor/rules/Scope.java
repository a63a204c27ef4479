package org.candor.rules;

/** What kind of subject a rule examines. */
public enum Scope {
    CAMPAIGN,
    INFLUENCER,
    CLAIM,
    POST
}
