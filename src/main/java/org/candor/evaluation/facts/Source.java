package org.candor.evaluation.facts;

/** Where in a post a phrase was found. */
public enum Source {
    CAPTION("the caption"),
    IMAGE_OVERLAY("the image overlay"),
    FRAME("frame overlay"),
    FRAME_TEXT("frame text"),
    VIDEO("the in-video disclosure"),
    PRODUCT_CLAIM("the listed product claim");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** On the picture or in the video itself, as opposed to the caption around it. */
    public boolean isOnMedia() {
        return this == IMAGE_OVERLAY || this == FRAME || this == FRAME_TEXT || this == VIDEO;
    }
}
