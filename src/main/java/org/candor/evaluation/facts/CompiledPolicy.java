package org.candor.evaluation.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.candor.rules.policy.Policy;
import org.candor.rules.policy.Term;

/**
 * A policy with its phrase lists compiled for search. Phrases naming the brand are compiled per
 * campaign, since they depend on the brand's name. Immutable; shared across threads.
 */
public final class CompiledPolicy {
    private final Policy policy;
    private final PhraseMatcher general;
    private final List<Term> brandTerms;
    private final List<String> negations;
    /** Matchers already compiled for a brand: a brand submits many campaigns. */
    private final Map<String, List<PhraseMatcher>> byBrand = new ConcurrentHashMap<>();

    private static final int MAX_BRANDS_CACHED = 4096;

    /** Matchers of the rows behind one hit, for finding the same phrase in a claim's statement. */
    private final Map<List<Term>, PhraseMatcher> byRows = new ConcurrentHashMap<>();

    private static final int MAX_ROWS_CACHED = 4096;

    public CompiledPolicy(Policy policy) {
        this.policy = policy;
        this.general = PhraseMatcher.of(
                policy.terms().stream().filter(t -> !t.mentionsBrand()).toList(), t -> List.of(t.phrase()));
        this.brandTerms = policy.terms().stream().filter(Term::mentionsBrand).toList();
        this.negations = policy.terms().stream()
                .filter(t -> t.meaning() == org.candor.rules.policy.Meaning.NEGATION)
                .map(t -> TextIndex.foldPhrase(t.phrase()))
                .distinct()
                .toList();
    }

    /**
     * Builds ahead the tables every compiled policy shares (which characters are case variants of
     * which, which fold into text), so that a caller with a spare thread can have them ready
     * before its first policy is compiled. Done once per JVM; compiling a policy does it anyway.
     */
    public static void prepareTables() {
        PatternPrefilter.prepareTables();
    }

    /**
     * Whether the words just before a folded position deny what follows ("not an #ad"): the
     * text before it, spaces and '#' aside, ends with a negation phrase as whole words.
     */
    public boolean negated(String folded, int foldedStart) {
        if (negations.isEmpty()) {
            return false;
        }
        // The text before, without the spaces and '#' that end it (as regex [\s#]+$ would strip).
        int end = Math.min(foldedStart, folded.length());
        while (end > 0 && " \t\n\u000B\f\r#".indexOf(folded.charAt(end - 1)) >= 0) {
            end--;
        }
        for (String n : negations) {
            int at = end - n.length();
            if (at >= 0 && folded.startsWith(n, at)) {
                if (at == 0 || !PhraseMatcher.isWordChar(folded.codePointBefore(at))) {
                    return true;
                }
            }
        }
        return false;
    }

    public Policy policy() {
        return policy;
    }

    /** Matchers for one campaign: the general phrases, then those naming the brand. */
    public List<PhraseMatcher> matchersFor(String brand) {
        if (brandTerms.isEmpty() || brand == null || brand.isBlank()) {
            return List.of(general);
        }
        List<PhraseMatcher> cached = byBrand.get(brand);
        if (cached == null) {
            if (byBrand.size() >= MAX_BRANDS_CACHED) {
                byBrand.clear();
            }
            cached = compileFor(brand);
            byBrand.put(brand, cached);
        }
        return cached;
    }

    /**
     * A matcher of the phrases of these rows alone, each as written (a hit's rows, looked for in
     * a claim that may back it); compiled once per policy, not once per post.
     */
    public PhraseMatcher matcherOf(List<Term> rows) {
        PhraseMatcher cached = byRows.get(rows);
        if (cached == null) {
            if (byRows.size() >= MAX_ROWS_CACHED) {
                byRows.clear();
            }
            cached = PhraseMatcher.of(rows, t -> List.of(t.phrase()));
            byRows.put(List.copyOf(rows), cached);
        }
        return cached;
    }

    private List<PhraseMatcher> compileFor(String brand) {
        List<String> names = brandNames(brand);
        PhraseMatcher branded = PhraseMatcher.of(brandTerms, t -> {
            List<String> out = new ArrayList<>();
            for (String name : names) {
                out.add(t.phrase().replace(Policy.BRAND_PLACEHOLDER, name));
            }
            return out;
        });
        return List.of(general, branded);
    }

    /** "Acme Skincare" is written "Acme Skincare", "AcmeSkincare" or just "Acme". */
    static List<String> brandNames(String brand) {
        Set<String> names = new LinkedHashSet<>();
        String b = brand.strip().toLowerCase(Locale.ROOT);
        names.add(b);
        names.add(b.replaceAll("[\\s\\-_.']+", ""));
        String first = b.split("[\\s\\-_.']+")[0];
        if (first.length() >= 3) {
            names.add(first);
        }
        return List.copyOf(names);
    }
}
