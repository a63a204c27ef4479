package org.candor.evaluation.facts;

import java.util.ArrayList;
import java.util.List;
import org.candor.campaign.RelationshipKind;
import org.candor.campaign.VideoDisclosure;
import org.candor.rules.policy.Fold;
import org.candor.rules.policy.Meaning;

/**
 * What a post discloses and where, worked out once per post for the disclosure rules.
 *
 * <p>A found phrase is a <em>clear</em> disclosure for the post when it is clear in every
 * jurisdiction the campaign lists. A gift term ("gifted") is clear only for a pure gift: the tie
 * is GIFTED and, where the UK is listed, the brand does not control the content. A commission
 * term is clear for an affiliate tie; an employment, ownership or family term for that tie.
 * Anything else found is <em>unclear</em>. A disclosure term denied by the words before it
 * ("not an ad") is not found at all.
 *
 * <p>An in-video disclosure counts when its words carry a disclosure term, or when its words
 * are not given; it is clear when they carry a clear one (or are not given).
 */
public final class DisclosureScan {
    private final List<Hit> hits;
    private final List<Hit> clearHits = new ArrayList<>();
    private final List<Hit> unclearHits = new ArrayList<>();
    private final List<Hit> giftHits = new ArrayList<>();
    private final List<Hit> commissionHits = new ArrayList<>();
    private final List<Hit> vagueHits = new ArrayList<>();
    private final boolean platformLabel;
    private final boolean giftAccepted;
    private final List<VideoDisclosure> inVideo = new ArrayList<>();
    private final List<VideoDisclosure> clearInVideo = new ArrayList<>();
    private final Fold fold;
    private final Hit firstClearInCaption;
    private final boolean clearOnMedia;
    private final boolean clearInPreview;
    private final int buriedAmong;
    private final boolean clearInPostLanguage;
    private final boolean languageJudged;

    DisclosureScan(
            List<Hit> allHits,
            List<String> jurisdictions,
            RelationshipKind tie,
            boolean giftAccepted,
            boolean commissionAccepted,
            boolean platformLabel,
            List<VideoDisclosure> videoEntries,
            Fold fold,
            TextIndex caption,
            String language) {
        this.hits = allHits.stream().filter(Hit::isDisclosureTerm).toList();
        this.platformLabel = platformLabel;
        this.giftAccepted = giftAccepted;
        this.fold = fold;
        // A label read in the post's language needs to be clear where it is read, not everywhere:
        // "#ad Werbung" on an English post for the US and Germany speaks to each in its language.
        List<Hit> clearSomewhere = new ArrayList<>();
        for (Hit h : hits) {
            boolean clear = true;
            boolean clearInOne = false;
            for (String j : jurisdictions) {
                Meaning m = h.disclosureMeaningIn(j);
                boolean ok = m == Meaning.CLEAR
                        || (m == Meaning.GIFT && giftAccepted)
                        || (m == Meaning.COMMISSION && commissionAccepted)
                        || (m == Meaning.EMPLOYMENT && tie == RelationshipKind.EMPLOYEE)
                        || (m == Meaning.OWNERSHIP && tie == RelationshipKind.OWNER)
                        || (m == Meaning.FAMILY_TIE && tie == RelationshipKind.FAMILY_OR_FRIEND);
                if (!ok) {
                    clear = false;
                } else {
                    clearInOne = true;
                }
                if (m == Meaning.VAGUE && !vagueHits.contains(h)) {
                    vagueHits.add(h);
                }
            }
            (clear ? clearHits : unclearHits).add(h);
            if (clearInOne) {
                clearSomewhere.add(h);
            }
            if (h.means(Meaning.GIFT)) {
                giftHits.add(h);
            }
            if (h.means(Meaning.COMMISSION)) {
                commissionHits.add(h);
            }
        }
        for (int i = 0; i < videoEntries.size(); i++) {
            VideoDisclosure d = videoEntries.get(i);
            int index = i;
            boolean wordsGiven = d.text() != null && !d.text().isBlank();
            if (!wordsGiven || hits.stream().anyMatch(h -> h.source() == Source.VIDEO && h.sourceIndex() == index)) {
                inVideo.add(d);
            }
            if (!wordsGiven
                    || clearHits.stream().anyMatch(h -> h.source() == Source.VIDEO && h.sourceIndex() == index)) {
                clearInVideo.add(d);
            }
        }
        Hit first = null;
        boolean onMedia = false;
        boolean inPreview = false;
        for (Hit h : clearHits) {
            if (h.source() == Source.CAPTION) {
                if (first == null || h.position() < first.position()) {
                    first = h;
                }
                if (fold == null || withinFold(h, fold)) {
                    inPreview = true;
                }
            } else if (h.source().isOnMedia()) {
                onMedia = true;
            }
        }
        if (!clearInVideo.isEmpty()) {
            onMedia = true;
        }
        this.firstClearInCaption = first;
        this.clearOnMedia = onMedia;
        this.clearInPreview = inPreview;
        this.buriedAmong = buried(caption);
        this.languageJudged = language != null;
        this.clearInPostLanguage = language == null || clearSomewhere.stream().anyMatch(h -> h.inLanguage(language));
    }

    static boolean withinFold(Hit h, Fold fold) {
        return h.endPosition() <= fold.characters() && h.line() <= fold.lineBreaks();
    }

    /**
     * When every clear disclosure of the caption sits in the run of hashtags that ends it, how
     * many other hashtags share that run; otherwise 0.
     */
    private int buried(TextIndex caption) {
        List<Hit> inCaption =
                clearHits.stream().filter(h -> h.source() == Source.CAPTION).toList();
        if (inCaption.isEmpty() || clearOnMedia) {
            return 0;
        }
        String text = caption.original();
        // Tokens as split("\\s+") of the stripped caption would give them, read from the end only
        // as far as the run of hashtags goes.
        String s = text.strip();
        int lead = s.isEmpty() ? 0 : text.length() - text.stripLeading().length();
        int hashtags = 0;
        int runStart = -1;
        int end = s.length();
        while (end > 0) {
            while (end > 0 && isRegexSpace(s.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && !isRegexSpace(s.charAt(start - 1))) {
                start--;
            }
            if (start == end) {
                break;
            }
            if (s.charAt(start) == '#') {
                for (int k = start; k < end; k++) {
                    if (s.charAt(k) == '#') {
                        hashtags++;
                    }
                }
                runStart = start;
            } else if (s.substring(start, end).codePoints().anyMatch(PhraseMatcher::isWordChar)) {
                break;
            }
            // else: emoji or punctuation between hashtags does not break the run
            end = start;
        }
        if (runStart < 0) {
            return 0;
        }
        // Code point position where the run starts.
        int runStartCodePoint = text.codePointCount(0, lead + runStart);
        int clearInRun = 0;
        for (Hit h : inCaption) {
            if (h.position() - 1 < runStartCodePoint) {
                return 0;
            }
            clearInRun++;
        }
        return Math.max(0, hashtags - clearInRun);
    }

    /** The characters of the regular expression {@code \s}: space, tab, line breaks, vertical tab, form feed. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Disclosure phrases found (clear, vague, gift or commission), in order of position. */
    public List<Hit> getHits() {
        return hits;
    }

    /** No disclosure anywhere: no phrase in caption, overlays, frames or video, and no platform label. */
    public boolean isNone() {
        return hits.isEmpty() && inVideo.isEmpty() && !platformLabel;
    }

    /** The platform's paid-partnership label is the only disclosure. */
    public boolean isLabelOnly() {
        return platformLabel && hits.isEmpty() && inVideo.isEmpty();
    }

    public boolean isPlatformLabel() {
        return platformLabel;
    }

    public List<Hit> getClearHits() {
        return clearHits;
    }

    public boolean isClear() {
        return !clearHits.isEmpty();
    }

    public List<Hit> getUnclearHits() {
        return unclearHits;
    }

    public List<Hit> getVagueHits() {
        return vagueHits;
    }

    public List<Hit> getGiftHits() {
        return giftHits;
    }

    /**
     * Whether a gift term ("gifted") names the post's tie: the tie is GIFTED and, where the UK is
     * listed, the brand does not control the content. For any other tie a gift term understates it.
     */
    public boolean isGiftAccepted() {
        return giftAccepted;
    }

    public List<Hit> getCommissionHits() {
        return commissionHits;
    }

    /** Disclosure phrases in the caption. */
    public List<Hit> getCaptionHits() {
        return hits.stream().filter(h -> h.source() == Source.CAPTION).toList();
    }

    public Fold getFold() {
        return fold;
    }

    public Hit getFirstClearInCaption() {
        return firstClearInCaption;
    }

    /** A clear disclosure sits on the picture or in the video itself. */
    public boolean isClearOnMedia() {
        return clearOnMedia;
    }

    /** A clear disclosure shows in the caption's preview, before "more". */
    public boolean isClearInPreview() {
        return clearInPreview;
    }

    public int getBuriedAmong() {
        return buriedAmong;
    }

    /** The post names its language, so the language of its disclosure can be judged. */
    public boolean isLanguageJudged() {
        return languageJudged;
    }

    public boolean isClearInPostLanguage() {
        return clearInPostLanguage;
    }

    /** In-video disclosures whose words carry a disclosure term (or are not given). */
    public List<VideoDisclosure> getInVideo() {
        return inVideo;
    }

    /** In-video disclosures whose words carry a clear disclosure (or are not given). */
    public List<VideoDisclosure> getClearInVideo() {
        return clearInVideo;
    }

    public boolean isDisclosedInVideo() {
        return !inVideo.isEmpty();
    }

    public boolean isClearlyDisclosedInVideo() {
        return !clearInVideo.isEmpty();
    }

    /** A clear in-video disclosure is said aloud. */
    public boolean isSpoken() {
        return clearInVideo.stream().anyMatch(d -> Boolean.TRUE.equals(d.spoken()));
    }

    /** A clear in-video disclosure is shown on screen. */
    public boolean isOnScreen() {
        return clearInVideo.stream().anyMatch(d -> Boolean.TRUE.equals(d.onScreen()));
    }

    /** Second of the first clear in-video disclosure; null when there is none. */
    public Integer getFirstInVideoAt() {
        return clearInVideo.stream()
                .map(VideoDisclosure::atSeconds)
                .filter(java.util.Objects::nonNull)
                .min(Integer::compare)
                .orElse(null);
    }

    /** Texts of the disclosure phrases, for messages: "'#sp', 'collab'". */
    public static String quote(List<Hit> hits) {
        java.util.Set<String> places = new java.util.HashSet<>();
        return hits.stream()
                .filter(h -> places.add(h.source() + "/" + h.sourceIndex() + "/" + h.position()))
                .map(h -> "'" + h.text() + "'")
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("none");
    }
}
