package org.candor.campaign;

/** The shape of a post. */
public enum PostFormat {
    FEED,
    CAROUSEL,
    STORY,
    REEL,
    SHORT_VIDEO,
    LONG_VIDEO,
    LIVE,
    TEXT_POST,
    ARTICLE,
    AUDIO,
    PIN;

    /** The most characters a short format's text (a caption) may have: 10,000. */
    public static final int MAX_CAPTION = 10_000;

    /**
     * The most characters a long format's text may have: 100,000, for video descriptions,
     * transcripts of videos, lives and audio, and articles.
     */
    public static final int MAX_LONG_TEXT = 100_000;

    /** The most characters a post of this format may carry in its {@code text}. */
    public int maxTextLength() {
        return this == LONG_VIDEO || this == LIVE || this == ARTICLE || this == AUDIO ? MAX_LONG_TEXT : MAX_CAPTION;
    }

    /** Formats whose content plays over time: disclosures must sit in the content itself. */
    public boolean isTimeBased() {
        return this == REEL || this == SHORT_VIDEO || this == LONG_VIDEO || this == LIVE || this == AUDIO;
    }

    /** Time-based formats with pictures, where a disclosure can be shown on screen. */
    public boolean isVisualVideo() {
        return isTimeBased() && this != AUDIO;
    }

    /** Formats made of several frames, each of which needs its own overlay. */
    public boolean isMultiFrame() {
        return this == STORY || this == CAROUSEL;
    }

    /** Formats whose content is a picture that text can be put on. */
    public boolean isImage() {
        return this == FEED || this == CAROUSEL || this == STORY || this == PIN;
    }
}
