package org.candor.campaign;

/** How the pictures of a post were altered. */
public enum ImageAlteration {
    NONE,
    FILTERED_BODY_OR_FACE,
    AI_GENERATED
}
