package org.candor.evaluation.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.candor.campaign.Evidence;
import org.candor.campaign.Frame;
import org.candor.campaign.ImageAlteration;
import org.candor.campaign.Link;
import org.candor.campaign.Platform;
import org.candor.campaign.Post;
import org.candor.campaign.PostFormat;
import org.candor.campaign.ProductClaim;
import org.candor.campaign.RelationshipKind;
import org.candor.campaign.Subject;
import org.candor.campaign.VideoDisclosure;
import org.candor.rules.policy.Fold;
import org.candor.rules.policy.Meaning;

/** One post as the rules see it, with every phrase of the policy tables found in it. */
public final class PostFact {
    private final Post post;
    private final InfluencerFact influencer;
    private final List<Hit> hits;
    private final DisclosureScan disclosure;
    private final List<String> unsubstantiatedClaims = new ArrayList<>();
    private final List<Hit> unsubstantiatedPhrases = new ArrayList<>();
    private final CompiledPolicy policy;
    private final boolean frenchLaw;
    /** Whether a link is marked affiliate: rules ask it (through {@link #isConnected}) many times. */
    private final boolean affiliate;
    /** {@link #hits(Meaning)} as found; a fact is used by one session, on one thread. */
    private final java.util.Map<Meaning, List<Hit>> byMeaning = new java.util.EnumMap<>(Meaning.class);

    PostFact(
            Post post,
            InfluencerFact influencer,
            CampaignFact campaign,
            List<PhraseMatcher> matchers,
            Fold fold,
            CompiledPolicy policy) {
        this.post = post;
        this.influencer = influencer;
        this.policy = policy;
        this.affiliate = affiliateLink(post.links());
        this.frenchLaw = frenchLawApplies(influencer.getEstablishedIn(), campaign);
        TextIndex caption = new TextIndex(post.text());
        List<Hit> found = new ArrayList<>();
        scan(matchers, caption, Source.CAPTION, 0, found);
        if (post.imageOverlay() != null) {
            scan(matchers, new TextIndex(post.imageOverlay()), Source.IMAGE_OVERLAY, 0, found);
        }
        for (Frame f : post.frames()) {
            int idx = f.index() == null ? 0 : f.index();
            if (f.disclosureOverlay() != null) {
                scan(matchers, new TextIndex(f.disclosureOverlay()), Source.FRAME, idx, found);
            }
            if (f.text() != null) {
                scan(matchers, new TextIndex(f.text()), Source.FRAME_TEXT, idx, found);
            }
        }
        List<VideoDisclosure> videoEntries =
                post.video() == null ? List.of() : post.video().disclosures();
        for (int i = 0; i < videoEntries.size(); i++) {
            if (videoEntries.get(i).text() != null) {
                scan(matchers, new TextIndex(videoEntries.get(i).text()), Source.VIDEO, i, found);
            }
        }
        for (int i = 0; i < post.productClaims().size(); i++) {
            ProductClaim pc = post.productClaims().get(i);
            scan(matchers, new TextIndex(pc.statement()), Source.PRODUCT_CLAIM, i, found);
        }
        found.sort(Comparator.comparing(Hit::source)
                .thenComparingInt(Hit::sourceIndex)
                .thenComparingInt(Hit::position));
        this.hits = List.copyOf(found);
        RelationshipKind tie = influencer.getTie();
        boolean giftAccepted =
                tie == RelationshipKind.GIFTED && !(campaign.isListed("UK") && influencer.isBrandControlsContent());
        boolean commissionAccepted =
                tie == RelationshipKind.AFFILIATE || (tie == RelationshipKind.NONE && isAffiliate());
        this.disclosure = new DisclosureScan(
                found.stream().filter(h -> h.source() != Source.PRODUCT_CLAIM).toList(),
                campaign.getJurisdictions(),
                tie,
                giftAccepted,
                commissionAccepted,
                Boolean.TRUE.equals(post.platformDisclosureLabel()),
                videoEntries,
                fold,
                caption,
                baseLanguage(post.language()));
        for (ProductClaim pc : post.productClaims()) {
            if (pc.substantiation().stream().noneMatch(this::independentlyVerified)) {
                unsubstantiatedClaims.add(pc.statement());
            }
        }
        java.util.Set<String> places = new java.util.HashSet<>();
        for (Hit h : hits) {
            if (h.means(Meaning.PRODUCT_CLAIM)
                    && h.source() != Source.PRODUCT_CLAIM
                    && !coveredBySubstantiated(h)
                    && places.add(h.source() + "/" + h.sourceIndex() + "/" + h.position())) {
                unsubstantiatedPhrases.add(h);
            }
        }
    }

    private static String baseLanguage(String tag) {
        if (tag == null) {
            return null;
        }
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }

    /** A trigger phrase is covered when a listed claim with verified substantiation makes it, word for word. */
    private boolean coveredBySubstantiated(Hit h) {
        PhraseMatcher same = policy.matcherOf(h.rows());
        for (ProductClaim pc : post.productClaims()) {
            if (pc.substantiation().stream().anyMatch(this::independentlyVerified)
                    && !same.find(new TextIndex(pc.statement())).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Substantiation counts when someone other than the post's author checked it. */
    private boolean independentlyVerified(Evidence e) {
        return Independence.independent(e, influencer.influencer());
    }

    /**
     * What the post says about its author's standing ("keynote speaker", "as a dermatologist",
     * "top influencer") that no claim of the author backs: a claim making the same statement,
     * word for word, with independently verified evidence.
     */
    public List<Hit> getUnbackedSelfClaims() {
        List<Hit> out = new ArrayList<>();
        java.util.Set<String> places = new java.util.HashSet<>();
        for (Hit h : hits) {
            if ((h.means(Meaning.SELF_CREDENTIAL) || h.means(Meaning.SELF_STANDING))
                    && h.source() != Source.PRODUCT_CLAIM
                    && !backedByVerifiedClaim(h)
                    && places.add(h.source() + "/" + h.sourceIndex() + "/" + h.position())) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * The caption opens with a clear disclosure: nothing but white space, punctuation, '#' or
     * emoji comes before the first clear disclosure in it (Ireland: "#Ad" as the first word).
     */
    public boolean isClearDisclosureFirst() {
        Hit first = disclosure.getFirstClearInCaption();
        if (first == null) {
            return false;
        }
        String text = getText();
        int end = text.offsetByCodePoints(0, Math.min(first.position() - 1, text.codePointCount(0, text.length())));
        return text.substring(0, end).codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /**
     * Germany: the post goes beyond editorial mention of a product, as the BGH judged it (I ZR
     * 90/20): it links to a seller, or carries a call to buy or a discount code.
     */
    public boolean isPromotional() {
        return !post.links().isEmpty() || has(Meaning.PROMOTIONAL);
    }

    /** EU and EEA states other than France: an influencer established there answers to its own law. */
    private static final java.util.Set<String> OTHER_EU_EEA = java.util.Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

    /**
     * France (Ordonnance n° 2024-978): the law follows where the influencer is established. It
     * applies to an influencer established in France, and, where the campaign lists France, to
     * one whose establishment is not given or lies outside the EU and EEA; an influencer
     * established in another EU or EEA state answers to that state's law.
     */
    static boolean frenchLawApplies(String establishedIn, CampaignFact campaign) {
        if ("FR".equals(establishedIn)) {
            return true;
        }
        return campaign.isListedBySubmission("FR") && (establishedIn == null || !OTHER_EU_EEA.contains(establishedIn));
    }

    /** French law governs this post (see {@link #frenchLawApplies}). */
    public boolean isFrenchLaw() {
        return frenchLaw;
    }

    /** The post has caption text. */
    public boolean isCaptioned() {
        return !getText().isBlank();
    }

    public int getLinkCount() {
        return post.links().size();
    }

    /**
     * France (Ordonnance n° 2024-978): the commercial intent is already clear from the context,
     * since the post clearly says it is about the author's own company or their employer.
     */
    public boolean isCommercialIntentFromContext() {
        return disclosure.getClearHits().stream()
                .anyMatch(h -> h.means(Meaning.OWNERSHIP) || h.means(Meaning.EMPLOYMENT));
    }

    /** Some unbacked self-description is a credential or expertise. */
    public boolean isUnbackedCredential() {
        return getUnbackedSelfClaims().stream().anyMatch(h -> h.means(Meaning.SELF_CREDENTIAL));
    }

    private boolean backedByVerifiedClaim(Hit h) {
        PhraseMatcher same = policy.matcherOf(h.rows());
        for (ClaimFact c : influencer.getClaims()) {
            if (c.isVerified() && !same.find(new TextIndex(c.getStatement())).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void scan(List<PhraseMatcher> matchers, TextIndex text, Source source, int index, List<Hit> out) {
        for (PhraseMatcher m : matchers) {
            for (PhraseMatcher.Match match : m.find(text)) {
                boolean disclosure = match.phrase().rows().stream().anyMatch(t -> Hit.DISCLOSURE.contains(t.meaning()));
                if (disclosure && policy.negated(text.folded(), match.foldedStart())) {
                    continue;
                }
                out.add(new Hit(
                        match.text(),
                        source,
                        index,
                        match.start() + 1,
                        match.end(),
                        text.lineAt(match.start()) + 1,
                        match.hashtag(),
                        match.phrase().rows(),
                        text.excerpt(match.start(), match.end(), 30)));
            }
        }
    }

    public String getId() {
        return post.id();
    }

    public String getSubject() {
        return Subject.post(post.id()).key();
    }

    public InfluencerFact getInfluencer() {
        return influencer;
    }

    /** The post must disclose: its author has a material connection, or it carries affiliate links. */
    public boolean isConnected() {
        return influencer.isConnected() || isAffiliate();
    }

    public Platform getPlatform() {
        return post.platform();
    }

    public PostFormat getFormat() {
        return post.format();
    }

    public String getLanguage() {
        return post.language();
    }

    public String getText() {
        return post.text() == null ? "" : post.text();
    }

    public ImageAlteration getImageAlteration() {
        return post.imageAlteration() == null ? ImageAlteration.NONE : post.imageAlteration();
    }

    public boolean isFeaturesPeopleUnder25() {
        return Boolean.TRUE.equals(post.featuresPeopleUnder25());
    }

    public boolean isTimeBased() {
        return post.format().isTimeBased();
    }

    public boolean isVisualVideo() {
        return post.format().isVisualVideo();
    }

    public boolean isMultiFrame() {
        return post.format().isMultiFrame();
    }

    public boolean isImage() {
        return post.format().isImage();
    }

    public Integer getDurationSeconds() {
        return post.video() == null ? null : post.video().durationSeconds();
    }

    public DisclosureScan getDisclosure() {
        return disclosure;
    }

    /** All phrases found, of every meaning. */
    public List<Hit> getHits() {
        return hits;
    }

    /** Phrases found with the given meaning, in order. */
    public List<Hit> hits(Meaning meaning) {
        List<Hit> list = byMeaning.get(meaning);
        if (list == null) {
            List<Hit> of = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                if (hits.get(i).means(meaning)) {
                    of.add(hits.get(i));
                }
            }
            list = of.isEmpty() ? List.of() : Collections.unmodifiableList(of);
            byMeaning.put(meaning, list);
        }
        return list;
    }

    /** Rules ask this of every post, often: worked out once per meaning. */
    public boolean has(Meaning meaning) {
        return !hits(meaning).isEmpty();
    }

    /** Indexes of the frames whose overlay carries no clear disclosure (none, or words that are not one). */
    public List<Integer> getFramesWithoutOverlay() {
        return post.frames().stream()
                .filter(f -> disclosure.getClearHits().stream()
                        .noneMatch(
                                h -> h.source() == Source.FRAME && f.index() != null && h.sourceIndex() == f.index()))
                .map(Frame::index)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }

    public boolean isAffiliate() {
        return affiliate;
    }

    private static boolean affiliateLink(List<Link> links) {
        for (Link l : links) {
            if (Boolean.TRUE.equals(l.affiliate())) {
                return true;
            }
        }
        return false;
    }

    public List<String> getAffiliateLinks() {
        return post.links().stream()
                .filter(l -> Boolean.TRUE.equals(l.affiliate()))
                .map(Link::url)
                .toList();
    }

    /** Listed product claims with no verified substantiation. */
    public List<String> getUnsubstantiatedClaims() {
        return unsubstantiatedClaims;
    }

    /** Claim trigger phrases in the post that no substantiated listed claim covers. */
    public List<Hit> getUnsubstantiatedPhrases() {
        return unsubstantiatedPhrases;
    }

    /**
     * The longest stretch of a live stream without a clear disclosure, in seconds: from the start
     * to the first, between two, or from the last to the end. Null when there is none in the video.
     */
    public Integer getLongestDisclosureGap() {
        List<Integer> at = disclosure.getClearInVideo().stream()
                .map(VideoDisclosure::atSeconds)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
        if (at.isEmpty()) {
            return null;
        }
        int longest = at.get(0);
        for (int i = 1; i < at.size(); i++) {
            longest = Math.max(longest, at.get(i) - at.get(i - 1));
        }
        Integer duration = getDurationSeconds();
        if (duration != null) {
            longest = Math.max(longest, duration - at.get(at.size() - 1));
        }
        return longest;
    }

    /**
     * France: whether a legal mention appears on the content itself. An image format needs it on
     * the picture (overlay or frame); a video needs it on screen for the whole video, pieces
     * joined. Text and audio formats have no picture, so the caption is the content.
     */
    public boolean isOnMedia(Meaning mention) {
        List<Hit> mentions = hits(mention);
        if (isVisualVideo()) {
            Integer duration = getDurationSeconds();
            if (duration == null) {
                return false;
            }
            List<VideoDisclosure> entries = post.video().disclosures();
            List<int[]> shown = new ArrayList<>();
            for (Hit h : mentions) {
                if (h.source() == Source.VIDEO) {
                    VideoDisclosure d = entries.get(h.sourceIndex());
                    if (Boolean.TRUE.equals(d.onScreen()) && d.onScreenSeconds() != null && d.atSeconds() != null) {
                        shown.add(new int[] {d.atSeconds(), d.atSeconds() + d.onScreenSeconds()});
                    }
                }
            }
            shown.sort(Comparator.comparingInt(a -> a[0]));
            int covered = 0;
            for (int[] span : shown) {
                if (span[0] > covered) {
                    return false;
                }
                covered = Math.max(covered, span[1]);
            }
            return covered >= duration;
        }
        if (isImage()) {
            return mentions.stream()
                    .anyMatch(h -> h.source() == Source.IMAGE_OVERLAY
                            || h.source() == Source.FRAME
                            || h.source() == Source.FRAME_TEXT);
        }
        return !mentions.isEmpty();
    }

    /** France: "Publicité" or "Collaboration commerciale" on the content itself. */
    public boolean isCommercialMentionOnMedia() {
        return isOnMedia(Meaning.FR_COMMERCIAL);
    }
}
