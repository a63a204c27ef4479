package org.candor.rules.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data the checks run on: term lists, caption folds and thresholds, read from the policy
 * tables of the rule pack ({@link PolicyTables}). Immutable and shared by every evaluation under
 * one rule set.
 */
public final class Policy {

    public static final String BRAND_PLACEHOLDER = "{brand}";
    public static final String ANY = "*";

    private final List<Term> terms;
    private final List<Fold> folds;
    private final Map<String, Threshold> thresholds;
    private final Set<String> languagesWithClearTerms;

    Policy(List<Term> terms, List<Fold> folds, Map<String, Threshold> thresholds) {
        this.terms = List.copyOf(terms);
        this.folds = List.copyOf(folds);
        this.thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
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

    /**
     * The value of the threshold named {@code name} in the thresholds tables.
     *
     * @throws IllegalArgumentException naming the thresholds known when no row has that name
     */
    public double threshold(String name) {
        Threshold t = name == null ? null : thresholds.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no threshold named '" + name
                    + "' in the thresholds tables; add a row for it, or use one of " + thresholds.keySet());
        }
        return t.value();
    }

    /** Every threshold by name, in the order of the tables. */
    public Map<String, Threshold> thresholds() {
        return thresholds;
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
