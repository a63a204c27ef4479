package org.candor.rules.policy;

/** The thresholds the checks read from the thresholds table; each must be set there. */
public enum Threshold {
    AUDIENCE_OVERCLAIM_PCT,
    VERIFICATION_MAX_AGE_DAYS,
    FAKE_FOLLOWERS_WARN_PCT,
    FAKE_FOLLOWERS_FAIL_PCT,
    UNDER18_AUDIENCE_MAX_PCT,
    VIDEO_DISCLOSURE_LATEST_SECONDS,
    LIVE_DISCLOSURE_REPEAT_SECONDS,
    BURIED_HASHTAG_RUN,
    UK_YOUNG_PERSON_AGE,
    ADULT_AGE
}
