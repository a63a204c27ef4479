package org.candor.rules.policy;

/**
 * The visible preview of a caption on a platform: what shows before "more". It ends at
 * {@code characters} characters or {@code lineBreaks} line breaks, whichever comes first.
 */
public record Fold(String platform, String format, int characters, int lineBreaks) {}
