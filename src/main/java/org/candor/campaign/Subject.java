package org.candor.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * What a finding is about: the campaign as a whole, one post, one influencer or one claim an
 * influencer makes about themselves. Findings, waivers and verdicts name their subject by its
 * {@linkplain #key() key} ({@code campaign}, {@code post:p1}, {@code influencer:jane.doe},
 * {@code claim:jane.doe/f1}); this type is the one place that writes and reads those keys. A key
 * a rule reports that names none of these (a rule of an officer's own) is kept as {@link Other}.
 */
public sealed interface Subject {

    /** The key findings and waivers carry, e.g. {@code post:p1}. */
    String key();

    /** The subject's own name within its kind: {@code p1} of {@code post:p1}, {@code jane.doe/f1} of a claim. */
    String name();

    /**
     * Whether a finding about the subject of this key counts towards this subject's verdict: a
     * post's and the campaign's own findings; an influencer's, and those on the claims they make.
     */
    default boolean covers(String key) {
        return key().equals(key);
    }

    /** The campaign as a whole. */
    record CampaignRef() implements Subject {
        static final String KEY = "campaign";

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public String name() {
            return KEY;
        }
    }

    /** One post, by its id. */
    record PostRef(String id) implements Subject {
        static final String PREFIX = "post:";

        @Override
        public String key() {
            return PREFIX + id;
        }

        @Override
        public String name() {
            return id;
        }
    }

    /** One influencer, by handle; their verdict covers the claims they make. */
    record InfluencerRef(String handle) implements Subject {
        static final String PREFIX = "influencer:";

        @Override
        public String key() {
            return PREFIX + handle;
        }

        @Override
        public String name() {
            return handle;
        }

        @Override
        public boolean covers(String key) {
            return key().equals(key) || key.startsWith(ClaimRef.PREFIX + handle + "/");
        }
    }

    /** One claim an influencer makes about themselves, by the influencer's handle and the claim's id. */
    record ClaimRef(String handle, String id) implements Subject {
        static final String PREFIX = "claim:";

        @Override
        public String key() {
            return PREFIX + handle + "/" + id;
        }

        @Override
        public String name() {
            return handle + "/" + id;
        }
    }

    /** A key that names none of the campaign's parts, kept as it was written. */
    record Other(String key) implements Subject {
        @Override
        public String name() {
            int colon = key.indexOf(':');
            return colon < 0 ? key : key.substring(colon + 1);
        }
    }

    /** The campaign as a whole: {@code campaign}. */
    Subject CAMPAIGN = new CampaignRef();

    static Subject post(String id) {
        return new PostRef(id);
    }

    static Subject influencer(String handle) {
        return new InfluencerRef(handle);
    }

    static Subject claim(String handle, String id) {
        return new ClaimRef(handle, id);
    }

    /**
     * The subject a key names. A claim key splits at its first {@code /}: the handle before it,
     * the claim's id after. Null stays null.
     */
    static Subject parse(String key) {
        if (key == null) {
            return null;
        }
        if (key.equals(CampaignRef.KEY)) {
            return CAMPAIGN;
        }
        if (key.startsWith(PostRef.PREFIX)) {
            return new PostRef(key.substring(PostRef.PREFIX.length()));
        }
        if (key.startsWith(InfluencerRef.PREFIX)) {
            return new InfluencerRef(key.substring(InfluencerRef.PREFIX.length()));
        }
        if (key.startsWith(ClaimRef.PREFIX)) {
            int slash = key.indexOf('/', ClaimRef.PREFIX.length());
            if (slash > 0) {
                return new ClaimRef(key.substring(ClaimRef.PREFIX.length(), slash), key.substring(slash + 1));
            }
        }
        return new Other(key);
    }

    /**
     * Every subject of a campaign in the order findings are listed: the campaign, then each
     * influencer followed by their claims, then the posts.
     */
    static List<Subject> of(Campaign campaign) {
        List<Subject> subjects = new ArrayList<>();
        subjects.add(CAMPAIGN);
        for (Influencer i : campaign.influencers()) {
            subjects.add(influencer(i.handle()));
            for (Claim c : i.claims()) {
                subjects.add(claim(i.handle(), c.id()));
            }
        }
        for (Post p : campaign.posts()) {
            subjects.add(post(p.id()));
        }
        return subjects;
    }
}
