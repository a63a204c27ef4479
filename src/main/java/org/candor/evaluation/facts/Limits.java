package org.candor.evaluation.facts;

import org.candor.rules.policy.Policy;
import org.candor.rules.policy.Threshold;

/** The thresholds of the policy tables, as a fact the rules can read by name. */
public final class Limits {
    private final Policy policy;

    public Limits(Policy policy) {
        this.policy = policy;
    }

    private double get(Threshold t) {
        return policy.threshold(t);
    }

    public double getAudienceOverclaimPct() {
        return get(Threshold.AUDIENCE_OVERCLAIM_PCT);
    }

    public double getVerificationMaxAgeDays() {
        return get(Threshold.VERIFICATION_MAX_AGE_DAYS);
    }

    public double getFakeFollowersWarnPct() {
        return get(Threshold.FAKE_FOLLOWERS_WARN_PCT);
    }

    public double getFakeFollowersFailPct() {
        return get(Threshold.FAKE_FOLLOWERS_FAIL_PCT);
    }

    public double getUnder18AudienceMaxPct() {
        return get(Threshold.UNDER18_AUDIENCE_MAX_PCT);
    }

    public double getVideoDisclosureLatestSeconds() {
        return get(Threshold.VIDEO_DISCLOSURE_LATEST_SECONDS);
    }

    public double getLiveDisclosureRepeatSeconds() {
        return get(Threshold.LIVE_DISCLOSURE_REPEAT_SECONDS);
    }

    public double getBuriedHashtagRun() {
        return get(Threshold.BURIED_HASHTAG_RUN);
    }

    public double getUkYoungPersonAge() {
        return get(Threshold.UK_YOUNG_PERSON_AGE);
    }

    public double getAdultAge() {
        return get(Threshold.ADULT_AGE);
    }

    /** A figure as people write it: 10 rather than 10.0. */
    public static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
