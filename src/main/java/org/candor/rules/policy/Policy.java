package org.candor.rules.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data the checks run on: term lists, caption folds and thresholds, read from the decision
 * tables of the rule pack. Immutable and shared by every evaluation under one rule set.
 */
public final class Policy {

    public static final String BRAND_PLACEHOLDER = "{brand}";
    public static final String ANY = "*";

    private final List<Term> terms;
    private final List<Fold> folds;
    private final Map<Threshold, Double> thresholds;
    private final Set<String> languagesWithClearTerms;

    Policy(List<Term> terms, List<Fold> folds, Map<Threshold, Double> thresholds) {
        this.terms = List.copyOf(terms);
        this.folds = List.copyOf(folds);
        this.thresholds = new EnumMap<>(thresholds);
        this.languagesWithClearTerms = terms.stream()
                .filter(t -> t.meaning() == Meaning.CLEAR)
                .map(Term::language)
                .collect(Collectors.toUnmodifiableSet());
    }

    public List<Term> terms() {
        return terms;
    }

    public List<Fold> folds() {
        return folds;
    }

    public double threshold(Threshold name) {
        return thresholds.get(name);
    }

    public Map<Threshold, Double> thresholds() {
        return Map.copyOf(thresholds);
    }

    /** Whether the tables hold clear disclosure terms for a language, so it can be judged. */
    public boolean knowsLanguage(String language) {
        return languagesWithClearTerms.contains(language);
    }

    /** The fold for a platform and format: an exact row first, then the platform's any-format row. */
    public Fold fold(String platform, String format) {
        Fold anyFormat = null;
        for (Fold f : folds) {
            if (f.platform().equals(platform)) {
                if (f.format().equals(format)) {
                    return f;
                }
                if (f.format().equals(ANY)) {
                    anyFormat = f;
                }
            }
        }
        return anyFormat;
    }
}
