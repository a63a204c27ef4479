package org.candor.rules.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Collects the rows of the policy tables, each already read as typed values ({@link
 * PolicyTables}); {@link #build()} checks the whole and names every bad row: rows that repeat
 * another row, and rows that contradict another row with the same key.
 *
 * <p>The keys: a term is known by its phrase (case and spacing ignored, as matching ignores them;
 * a pattern as written), its language, its jurisdiction and its meaning's {@link
 * Meaning#family() family}, so one phrase may have rows in several families ("thanks" is a vague
 * disclosure and a personal-use phrase) but only one meaning among the disclosure meanings; a
 * caption fold by its platform and format; a threshold by its name.
 */
public final class PolicyBuilder {

    private final List<TermAt> termsAt = new ArrayList<>();
    private final List<FoldAt> foldsAt = new ArrayList<>();
    private final List<ThresholdAt> thresholdRows = new ArrayList<>();
    private final List<PolicyProblem> problems = new ArrayList<>();

    public void term(Term term, RowOrigin origin) {
        termsAt.add(new TermAt(term, origin));
    }

    public void fold(Fold fold, RowOrigin origin) {
        foldsAt.add(new FoldAt(fold, origin));
    }

    public void threshold(Threshold threshold, RowOrigin origin) {
        thresholdRows.add(new ThresholdAt(threshold.name(), threshold.value(), threshold, origin));
    }

    public void problem(PolicyProblem problem) {
        problems.add(problem);
    }

    void problem(RowOrigin origin, String message) {
        problems.add(new PolicyProblem(origin, message));
    }

    public Policy build() {
        List<Term> terms = termsAt.stream().map(TermAt::term).toList();
        List<Fold> folds = foldsAt.stream().map(FoldAt::fold).toList();
        // Rows are compared in the order of their files and rows, not the order they ran in, so
        // the later of two rows is the one named.
        Map<List<Object>, TermAt> termKeys = new LinkedHashMap<>();
        for (TermAt at : sorted(termsAt, TermAt::origin)) {
            Term t = at.term();
            List<Object> key = List.of(
                    t.meaning().isPattern() ? t.phrase() : foldPhrase(t.phrase()),
                    t.language(),
                    Objects.requireNonNullElse(t.jurisdiction(), Policy.ANY),
                    t.meaning().family());
            TermAt first = termKeys.putIfAbsent(key, at);
            if (first != null) {
                repeatedTerm(first, t, at.origin());
            }
        }
        Map<List<String>, FoldAt> foldKeys = new LinkedHashMap<>();
        for (FoldAt at : sorted(foldsAt, FoldAt::origin)) {
            FoldAt first =
                    foldKeys.putIfAbsent(List.of(at.fold().platform(), at.fold().format()), at);
            if (first != null) {
                repeatedFold(first, at.fold(), at.origin());
            }
        }
        Map<String, Threshold> thresholds = new LinkedHashMap<>();
        Map<String, ThresholdAt> thresholdKeys = new LinkedHashMap<>();
        for (ThresholdAt at : sorted(thresholdRows, ThresholdAt::origin)) {
            ThresholdAt first = thresholdKeys.putIfAbsent(at.name(), at);
            if (first == null) {
                thresholds.put(at.name(), at.threshold());
            } else {
                repeatedThreshold(first, at);
            }
        }
        if (terms.stream().noneMatch(t -> t.meaning() == Meaning.CLEAR)) {
            problem(RowOrigin.NONE, "no CLEAR disclosure term is defined");
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new Policy(terms, folds, thresholds);
    }

    private static final Comparator<RowOrigin> BY_FILE_AND_ROW = Comparator.comparing(
                    RowOrigin::file, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(RowOrigin::sheet, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparingInt(RowOrigin::row);

    private static <T> List<T> sorted(List<T> rows, Function<T, RowOrigin> origin) {
        List<T> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(origin, BY_FILE_AND_ROW));
        return copy;
    }

    private record ThresholdAt(String name, double value, Threshold threshold, RowOrigin origin) {}

    private void repeatedThreshold(ThresholdAt first, ThresholdAt at) {
        if (Double.compare(first.value(), at.value()) == 0) {
            problem(
                    at.origin(),
                    "duplicate row: " + at.name() + " is set to " + number(at.value()) + " here and in "
                            + first.origin().rowSeenFrom(at.origin()) + "; delete one of the two rows");
        } else {
            problem(
                    at.origin(),
                    "conflicting rows: " + at.name() + " is set to " + number(at.value())
                            + " here but to " + number(first.value()) + " in "
                            + first.origin().rowSeenFrom(at.origin())
                            + "; keep one value");
        }
    }

    private record TermAt(Term term, RowOrigin origin) {}

    private record FoldAt(Fold fold, RowOrigin origin) {}

    private void repeatedTerm(TermAt first, Term t, RowOrigin here) {
        String where = "'" + t.phrase() + "' (" + (t.language().equals(Policy.ANY) ? "any language" : t.language())
                + ", " + (t.jurisdiction() == null ? "every jurisdiction" : t.jurisdiction()) + ")";
        if (first.term().meaning() == t.meaning()) {
            problem(
                    here,
                    "duplicate row: the term " + where + " is already " + t.meaning() + " in "
                            + first.origin().rowSeenFrom(here) + "; delete one of the two rows");
        } else {
            problem(
                    here,
                    "conflicting rows: the term " + where + " is " + t.meaning() + " here but "
                            + first.term().meaning() + " in " + first.origin().rowSeenFrom(here)
                            + "; a term has one of " + Meaning.DISCLOSURE_FAMILY + " at most, so keep one meaning");
        }
    }

    private void repeatedFold(FoldAt first, Fold f, RowOrigin here) {
        String which = f.platform() + " (" + (f.format().equals(Policy.ANY) ? "every format" : f.format()) + ")";
        Fold known = first.fold();
        if (known.characters() == f.characters() && known.lineBreaks() == f.lineBreaks()) {
            problem(
                    here,
                    "duplicate row: the caption fold of " + which + " is already set in "
                            + first.origin().rowSeenFrom(here) + "; delete one of the two rows");
        } else {
            problem(
                    here,
                    "conflicting rows: the caption fold of " + which + " is " + describe(f) + " here but "
                            + describe(known) + " in " + first.origin().rowSeenFrom(here) + "; keep one");
        }
    }

    private static String describe(Fold f) {
        return f.characters() + " characters or " + f.lineBreaks() + " line breaks";
    }

    /** A phrase as matching sees it: case and runs of spacing ignored. */
    static String foldPhrase(String phrase) {
        return phrase.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
