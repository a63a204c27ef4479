package org.candor.rules.policy;

import java.util.Locale;

/** One row of a term table, filled column by column. */
public final class TermRow {
    private final PolicyBuilder builder;
    private final RowOrigin origin;
    private final String phrase;
    private String meaning;
    private String language;
    private String jurisdiction;

    TermRow(PolicyBuilder builder, RowOrigin origin, String phrase) {
        this.builder = builder;
        this.origin = origin;
        this.phrase = PolicyBuilder.text(phrase);
    }

    public TermRow meaning(String value) {
        this.meaning = PolicyBuilder.text(value);
        return this;
    }

    public TermRow language(String value) {
        this.language = PolicyBuilder.text(value);
        return this;
    }

    public TermRow jurisdiction(String value) {
        this.jurisdiction = PolicyBuilder.text(value);
        return this;
    }

    RowOrigin origin() {
        return origin;
    }

    Term toTerm() {
        int before = builder.problemCount();
        Meaning m = null;
        if (phrase == null) {
            builder.problem(origin, "the term is empty");
        }
        if (meaning == null) {
            builder.problem(origin, "no meaning given for '" + phrase + "'");
        } else {
            try {
                m = Meaning.valueOf(meaning.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                builder.problem(
                        origin,
                        "'" + meaning + "' is not a meaning; use one of "
                                + java.util.Arrays.toString(Meaning.values()));
            }
        }
        if (m != null && m.isPattern() && phrase != null) {
            try {
                PhrasePatterns.compile(phrase);
            } catch (IllegalArgumentException e) {
                builder.problem(origin, "'" + phrase + "' is " + e.getMessage());
            }
        }
        String lang = language == null ? "*" : language.toLowerCase(Locale.ROOT);
        String jur = jurisdiction == null ? null : jurisdiction.toUpperCase(Locale.ROOT);
        if (jur != null && !jur.matches("[A-Z]{2}")) {
            builder.problem(origin, "'" + jurisdiction + "' is not a jurisdiction code such as US, UK, FR");
        }
        return builder.problemCount() == before ? new Term(phrase, m, lang, jur, origin.toString()) : null;
    }
}
