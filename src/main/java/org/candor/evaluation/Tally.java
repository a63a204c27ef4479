package org.candor.evaluation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.candor.rules.Category;
import org.candor.rules.Severity;

/**
 * The findings that stand (no waiver covers them), counted by severity and by category, and how
 * many a waiver covers. The verdict follows from it: FAIL when a FAIL finding stands.
 *
 * <p>In JSON it is the {@code counts} object of SPEC section 6: every severity, then every
 * category, e.g. {@code {"FAIL": 3, "WARN": 0, "INFO": 0, "DISCLOSURE": 2, …}}, and {@code WAIVED}
 * once waivers were applied to the result.
 *
 * @param waived findings a waiver covers; null before waivers were applied (and then left out)
 */
public record Tally(Map<Severity, Integer> bySeverity, Map<Category, Integer> byCategory, Integer waived) {

    private static final String WAIVED = "WAIVED";

    public Tally {
        bySeverity = complete(Severity.class, bySeverity);
        byCategory = complete(Category.class, byCategory);
    }

    /** The findings that stand among these, by severity and category; waivers not yet applied. */
    public static Tally count(Collection<Finding> standing) {
        return count(standing, f -> true);
    }

    /** The findings among these that {@code which} accepts, by severity and category. */
    public static Tally count(Collection<Finding> findings, Predicate<Finding> which) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        for (Finding f : findings) {
            if (which.test(f)) {
                bySeverity.merge(f.severity(), 1, Integer::sum);
                byCategory.merge(f.category(), 1, Integer::sum);
            }
        }
        return new Tally(bySeverity, byCategory, null);
    }

    /** The same counts, with {@code waived} findings covered by a waiver. */
    public Tally withWaived(int waived) {
        return new Tally(bySeverity, byCategory, waived);
    }

    public int of(Severity severity) {
        return bySeverity.get(severity);
    }

    public int of(Category category) {
        return byCategory.get(category);
    }

    public int fails() {
        return of(Severity.FAIL);
    }

    public int warnings() {
        return of(Severity.WARN);
    }

    public int infos() {
        return of(Severity.INFO);
    }

    /** Findings covered by a waiver; 0 before waivers were applied. */
    public int waivedCount() {
        return waived == null ? 0 : waived;
    }

    /** The one verdict rule: FAIL when a FAIL finding stands, PASS otherwise. */
    public Verdict verdict() {
        return fails() > 0 ? Verdict.FAIL : Verdict.PASS;
    }

    /** The {@code counts} object: severities, categories, then {@code WAIVED} when known. */
    @JsonValue
    public Map<String, Integer> asMap() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySeverity.forEach((s, n) -> counts.put(s.name(), n));
        byCategory.forEach((c, n) -> counts.put(c.name(), n));
        if (waived != null) {
            counts.put(WAIVED, waived);
        }
        return counts;
    }

    /** Reads a {@code counts} object back; keys it does not know are ignored. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Tally fromMap(Map<String, Integer> counts) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        for (Severity s : Severity.values()) {
            bySeverity.put(s, counts.getOrDefault(s.name(), 0));
        }
        for (Category c : Category.values()) {
            byCategory.put(c, counts.getOrDefault(c.name(), 0));
        }
        return new Tally(bySeverity, byCategory, counts.get(WAIVED));
    }

    private static <E extends Enum<E>> Map<E, Integer> complete(Class<E> type, Map<E, Integer> counts) {
        Map<E, Integer> all = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            Integer n = counts == null ? null : counts.get(e);
            all.put(e, n == null ? 0 : n);
        }
        return java.util.Collections.unmodifiableMap(all);
    }
}
