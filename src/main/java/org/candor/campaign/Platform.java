package org.candor.campaign;

/** Where a post is published. */
public enum Platform {
    INSTAGRAM,
    TIKTOK,
    YOUTUBE,
    X,
    FACEBOOK,
    LINKEDIN,
    PINTEREST,
    TWITCH,
    SNAPCHAT,
    BLOG,
    PODCAST,
    OTHER
}
