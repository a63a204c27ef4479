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
    final Map<Threshold, Double> thresholds = new EnumMap<>(Threshold.class);
    final List<String> problems = new ArrayList<>();
    private String currentRow = "a policy table";

    /** Called before each table row runs, so that problems can name the row. */
    public void atRow(String origin) {
        this.currentRow = origin;
    }

    public TermRow term(String phrase) {
        TermRow row = new TermRow(this, currentRow, phrase);
        termRows.add(row);
        return row;
    }

    public FoldRow fold(String platform) {
        FoldRow row = new FoldRow(this, currentRow, platform);
        foldRows.add(row);
        return row;
    }

    public ThresholdRow threshold(String name) {
        return new ThresholdRow(this, currentRow, name);
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

    static String text(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }



}
