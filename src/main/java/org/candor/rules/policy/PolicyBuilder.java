package org.candor.rules.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Collects the rows of the policy decision tables. Each table row is a rule whose actions call
 * this builder, one call per column; {@link #build()} checks the whole and names every bad row.
 */
public final class PolicyBuilder {

    private final List<TermRow> termRows = new ArrayList<>();
    private final List<FoldRow> foldRows = new ArrayList<>();
    private final Map<Threshold, Double> thresholds = new EnumMap<>(Threshold.class);
    private final List<String> problems = new ArrayList<>();
    private String currentRow = "a policy table";

    /** Called before each table row runs, so that problems can name the row. */
    public void atRow(String origin) {
        this.currentRow = origin;
    }

    public TermRow term(String phrase) {
        TermRow row = new TermRow(currentRow, phrase);
        termRows.add(row);
        return row;
    }

    public FoldRow fold(String platform) {
        FoldRow row = new FoldRow(currentRow, platform);
        foldRows.add(row);
        return row;
    }

    public ThresholdRow threshold(String name) {
        return new ThresholdRow(currentRow, name);
    }

    public Policy build() {
        List<Term> terms = new ArrayList<>();
        for (TermRow row : termRows) {
            Term t = row.toTerm();
            if (t != null) {
                terms.add(t);
            }
        }
        List<Fold> folds = new ArrayList<>();
        for (FoldRow row : foldRows) {
            Fold f = row.toFold();
            if (f != null) {
                folds.add(f);
            }
        }
        for (Threshold t : Threshold.values()) {
            if (!thresholds.containsKey(t)) {
                problems.add("threshold " + t + " is not set in the thresholds table");
            }
        }
        if (terms.stream().noneMatch(t -> t.meaning() == Meaning.CLEAR)) {
            problems.add("no CLEAR disclosure term is defined");
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new Policy(terms, folds, thresholds);
    }

    private static String text(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    /** One row of a term table, filled column by column. */
    public final class TermRow {
        private final String origin;
        private final String phrase;
        private String meaning;
        private String language;
        private String jurisdiction;

        TermRow(String origin, String phrase) {
            this.origin = origin;
            this.phrase = text(phrase);
        }

        public TermRow meaning(String value) {
            this.meaning = text(value);
            return this;
        }

        public TermRow language(String value) {
            this.language = text(value);
            return this;
        }

        public TermRow jurisdiction(String value) {
            this.jurisdiction = text(value);
            return this;
        }

        Term toTerm() {
            int before = problems.size();
            Meaning m = null;
            if (phrase == null) {
                problems.add(origin + ": the term is empty");
            }
            if (meaning == null) {
                problems.add(origin + ": no meaning given for '" + phrase + "'");
            } else {
                try {
                    m = Meaning.valueOf(meaning.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(origin + ": '" + meaning + "' is not a meaning; use one of "
                            + java.util.Arrays.toString(Meaning.values()));
                }
            }
            if (m != null && m.isPattern() && phrase != null) {
                try {
                    Pattern.compile(phrase);
                } catch (PatternSyntaxException e) {
                    problems.add(origin + ": '" + phrase + "' is not a valid pattern: " + e.getDescription());
                }
            }
            String lang = language == null ? "*" : language.toLowerCase(Locale.ROOT);
            String jur = jurisdiction == null ? null : jurisdiction.toUpperCase(Locale.ROOT);
            if (jur != null && !jur.matches("[A-Z]{2}")) {
                problems.add(origin + ": '" + jurisdiction + "' is not a jurisdiction code such as US, UK, FR");
            }
            return problems.size() == before ? new Term(phrase, m, lang, jur, origin) : null;
        }
    }

    /** One row of the caption fold table. */
    public final class FoldRow {
        private final String origin;
        private final String platform;
        private String format;
        private Integer characters;
        private Integer lineBreaks;

        FoldRow(String origin, String platform) {
            this.origin = origin;
            this.platform = text(platform);
        }

        public FoldRow format(String value) {
            this.format = text(value);
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

        Fold toFold() {
            int before = problems.size();
            if (platform == null) {
                problems.add(origin + ": the platform is empty");
            }
            if (characters == null || characters <= 0) {
                problems.add(origin + ": the preview needs a number of characters above 0");
            }
            if (lineBreaks == null || lineBreaks <= 0) {
                problems.add(origin + ": the preview needs a number of line breaks above 0");
            }
            if (problems.size() != before) {
                return null;
            }
            String f = format == null ? Policy.ANY : format.toUpperCase(Locale.ROOT);
            return new Fold(platform.toUpperCase(Locale.ROOT), f, characters, lineBreaks);
        }
    }

    /** One row of the thresholds table. */
    public final class ThresholdRow {
        private final String origin;
        private final Threshold name;

        ThresholdRow(String origin, String name) {
            this.origin = origin;
            Threshold t = null;
            try {
                t = Threshold.valueOf(text(name).toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                problems.add(origin + ": '" + name + "' is not a threshold; use one of "
                        + java.util.Arrays.toString(Threshold.values()));
            }
            this.name = t;
        }

        public void value(double value) {
            if (name == null) {
                return;
            }
            if (value < 0 || Double.isNaN(value)) {
                problems.add(origin + ": " + name + " must not be negative");
            } else if (thresholds.put(name, value) != null) {
                problems.add(origin + ": " + name + " is set twice");
            }
        }
    }
}
