package org.candor.rules.policy;

import java.util.Locale;

/** One row of the caption fold table. */
public final class FoldRow {
    private final PolicyBuilder builder;
    private final RowOrigin origin;
    private final String platform;
    private String format;
    private Integer characters;
    private Integer lineBreaks;

    FoldRow(PolicyBuilder builder, RowOrigin origin, String platform) {
        this.builder = builder;
        this.origin = origin;
        this.platform = PolicyBuilder.text(platform);
    }

    public FoldRow format(String value) {
        this.format = PolicyBuilder.text(value);
        return this;
    }

    public FoldRow characters(int value) {
        this.characters = value;
        return this;
    }

    public FoldRow lineBreaks(int value) {
        this.lineBreaks = value;
        return this;
    }

    RowOrigin origin() {
        return origin;
    }

    Fold toFold() {
        int before = builder.problemCount();
        if (platform == null) {
            builder.problem(origin, "the platform is empty");
        }
        if (characters == null || characters <= 0) {
            builder.problem(origin, "the preview needs a number of characters above 0");
        }
        if (lineBreaks == null || lineBreaks <= 0) {
            builder.problem(origin, "the preview needs a number of line breaks above 0");
        }
        if (builder.problemCount() != before) {
            return null;
        }
        String f = format == null ? Policy.ANY : format.toUpperCase(Locale.ROOT);
        return new Fold(platform.toUpperCase(Locale.ROOT), f, characters, lineBreaks);
    }
}
