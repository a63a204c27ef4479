package org.candor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;

/**
 * Generates a corpus of realistic campaigns from a fixed seed, so every run judges the same
 * input: captions of 100 to 600 characters with emoji, hashtags and line breaks, and a mix of
 * clean posts, vague, late, buried and missing disclosures, product claims with and without
 * substantiation, overstated audiences. Campaigns are built as submission JSON and read with the
 * service's own {@link CampaignReader}, so they are valid exactly as a submitted campaign is.
 */
public final class CorpusGenerator {

    public static final long SEED = 20260401L;

    private static final String[] BRANDS = {
        "Acme Skincare", "GreenBowl", "Northpeak", "Wayfarer Packs", "Kaffeewerk", "Maison Lumière", "GlowVita"
    };
    private static final String[] CATEGORIES = {"COSMETICS", "FOOD", "FINANCIAL", "GENERAL", "SUPPLEMENTS"};
    private static final String[][] JURISDICTIONS = {{"US"}, {"US", "UK"}, {"UK"}, {"US", "UK", "EU"}};
    private static final String[] TIES = {"PAID", "PAID", "PAID", "GIFTED", "AFFILIATE", "AMBASSADOR"};
    private static final String[][] PLATFORM_FORMATS = {
        {"INSTAGRAM", "FEED"}, {"INSTAGRAM", "FEED"}, {"INSTAGRAM", "CAROUSEL"}, {"TIKTOK", "SHORT_VIDEO"},
        {"X", "TEXT_POST"}, {"FACEBOOK", "FEED"}, {"LINKEDIN", "TEXT_POST"}, {"BLOG", "ARTICLE"}
    };
    private static final String[] SENTENCES = {
        "Three weeks in and my morning routine finally feels calm ✨",
        "I tried this on a rainy Tuesday and honestly did not expect much.",
        "Packed it for the weekend trip and it survived two flights 🧳",
        "My favourite part is how quick it is, two minutes and done.",
        "Link in bio if you want to see the full routine!",
        "It is not perfect: the lid is fiddly and the smell is strong at first.",
        "Made this with my sister last night, we could not stop laughing 😂",
        "The texture is light, it sinks in fast and leaves no film.",
        "Budgeting used to stress me out, now it takes ten minutes on Sunday.",
        "Coffee tastes different when you grind it yourself ☕",
        "Here is what a normal weekday looks like for me now 👇",
        "Full review on the blog, with the bits I did not like too.",
        "Swipe for the before and after, same light, same camera 📸",
        "Would I buy it again? Probably yes, at least the small size."
    };
    private static final String[] CLEAN_TAGS = {"#ad", "Advertisement", "#ad", "Paid partnership with {brand}", "#advert"};
    private static final String[] VAGUE_TAGS = {"#sp", "#collab", "thanks {brand}!", "#partner", "#spon"};
    private static final String[] FILLER_TAGS = {
        "#skincare", "#morningroutine", "#selfcare", "#travel", "#coffee", "#budget", "#foodie", "#ootd", "#glow",
        "#weekend", "#newin", "#review"
    };
    private static final String[] CLAIM_PHRASES = {
        "clinically proven to reduce redness", "100% natural", "boosts your immune system", "dermatologist approved",
        "guaranteed returns", "no side effects"
    };

    private final SplittableRandom random;
    private final ObjectMapper mapper = new ObjectMapper();

    public CorpusGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The standard corpus: 1,000 campaigns of 10 posts. */
    public static List<Campaign> standard() {
        return campaigns(1000, 10, SEED);
    }

    public static List<Campaign> campaigns(int count, int postsPerCampaign, long seed) {
        CorpusGenerator g = new CorpusGenerator(seed);
        CampaignReader reader = new CampaignReader();
        List<Campaign> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(reader.read(g.json(i, postsPerCampaign)));
        }
        return out;
    }

    /** One campaign as submission JSON. */
    public byte[] json(int n, int postsPerCampaign) {
        try {
            return mapper.writeValueAsBytes(campaign(n, postsPerCampaign));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> campaign(int n, int postsPerCampaign) {
        String brand = pick(BRANDS);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("formatVersion", 1);
        c.put("reference", "BENCH-" + n);
        c.put("agency", "Northwind Media");
        c.put("brand", brand);
        c.put("productCategory", pick(CATEGORIES));
        c.put("jurisdictions", List.of(JURISDICTIONS[random.nextInt(JURISDICTIONS.length)]));
        c.put("submittedAt", "2026-10-01T09:00:00Z");
        int influencerCount = 1 + random.nextInt(3);
        List<Map<String, Object>> influencers = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < influencerCount; i++) {
            String handle = "creator" + n + "." + i;
            handles.add(handle);
            influencers.add(influencer(handle));
        }
        c.put("influencers", influencers);
        List<Map<String, Object>> posts = new ArrayList<>();
        for (int p = 0; p < postsPerCampaign; p++) {
            posts.add(post("p" + p, handles.get(p % handles.size()), brand));
        }
        c.put("posts", posts);
        return c;
    }

    private Map<String, Object> influencer(String handle) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("handle", handle);
        i.put("displayName", "Creator " + handle);
        i.put("age", 19 + random.nextInt(30));
        i.put("relationship", Map.of("kind", pick(TIES), "brandControlsContent", random.nextInt(3) == 0));
        i.put("usedProduct", true);
        long verified = 5_000 + random.nextInt(200_000);
        boolean overstated = random.nextInt(6) == 0;
        long stated = overstated ? verified * (120 + random.nextInt(40)) / 100 : verified;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("followers", stated);
        a.put("verifiedFollowers", verified);
        a.put("engagementRate", 1.0 + random.nextInt(50) / 10.0);
        a.put("suspectedFakeFollowersPct", (double) random.nextInt(20));
        a.put("under18Pct", (double) random.nextInt(15));
        a.put("verifiedOn", "2026-09-0" + (1 + random.nextInt(9)));
        a.put("verificationSource", "platform insights export");
        i.put("audience", a);
        Map<String, Object> evidence = Map.of(
                "kind", "PLATFORM_DATA",
                "description", "Insights export",
                "verifiedBy", "compliance@northwind",
                "verifiedOn", "2026-09-10");
        i.put(
                "claims",
                List.of(Map.of(
                        "id",
                        "followers",
                        "kind",
                        "FOLLOWERS",
                        "statement",
                        stated + " followers",
                        "claimedValue",
                        stated,
                        "evidence",
                        List.of(evidence))));
        return i;
    }

    /** Kinds of post, by share of the corpus. */
    private enum Kind {
        CLEAN,
        VAGUE,
        LATE,
        BURIED,
        NONE,
        CLAIMS
    }

    private Map<String, Object> post(String id, String handle, String brand) {
        String[] pf = PLATFORM_FORMATS[random.nextInt(PLATFORM_FORMATS.length)];
        int roll = random.nextInt(100);
        Kind kind = roll < 40
                ? Kind.CLEAN
                : roll < 52 ? Kind.VAGUE : roll < 64 ? Kind.LATE : roll < 76 ? Kind.BURIED : roll < 84 ? Kind.NONE : Kind.CLAIMS;
        int target = 100 + random.nextInt(501);
        String text = caption(kind, brand, target);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("influencer", handle);
        p.put("platform", pf[0]);
        p.put("format", pf[1]);
        p.put("language", "en");
        p.put("text", text);
        p.put("platformDisclosureLabel", random.nextInt(10) == 0);
        if (random.nextInt(5) == 0) {
            p.put("links", List.of(Map.of("url", "https://shop.example.com/r/" + id, "affiliate", true)));
        }
        if (kind == Kind.CLAIMS || random.nextInt(8) == 0) {
            boolean verified = random.nextBoolean();
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("statement", pick(CLAIM_PHRASES));
            claim.put(
                    "substantiation",
                    verified
                            ? List.of(Map.of(
                                    "kind",
                                    "CLINICAL_STUDY",
                                    "description",
                                    "Study 2025",
                                    "verifiedBy",
                                    "qa@brand",
                                    "verifiedOn",
                                    "2026-08-01"))
                            : List.of());
            p.put("productClaims", List.of(claim));
        }
        return p;
    }

    private String caption(Kind kind, String brand, int target) {
        StringBuilder body = new StringBuilder();
        while (body.length() < target) {
            body.append(pick(SENTENCES));
            body.append(random.nextInt(4) == 0 ? "\n\n" : random.nextInt(3) == 0 ? "\n" : " ");
        }
        if (kind == Kind.CLAIMS) {
            int at = body.indexOf(" ", body.length() / 2);
            body.insert(Math.max(0, at), " It is " + pick(CLAIM_PHRASES) + ".");
        }
        String tags = fillerTags(2 + random.nextInt(5));
        String label;
        switch (kind) {
            case CLEAN, CLAIMS -> {
                label = pick(CLEAN_TAGS).replace("{brand}", brand);
                return label + " " + body.toString().strip() + "\n" + tags;
            }
            case VAGUE -> {
                label = pick(VAGUE_TAGS).replace("{brand}", brand);
                return body.toString().strip() + "\n" + label + " " + tags;
            }
            case LATE -> {
                return body.toString().strip() + "\n\n\n\nAdvertisement " + tags;
            }
            case BURIED -> {
                return body.toString().strip() + "\n" + fillerTags(4) + " #ad " + tags;
            }
            default -> {
                return body.toString().strip() + "\n" + tags;
            }
        }
    }

    private String fillerTags(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? " " : "").append(pick(FILLER_TAGS));
        }
        return sb.toString();
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }
}
