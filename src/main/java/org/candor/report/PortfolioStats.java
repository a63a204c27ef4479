package org.candor.report;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Verdict;
import org.candor.rules.Category;

/**
 * The figures of a portfolio report, counted from the evaluations' own verdicts and findings:
 * totals, pass rates by agency and by brand, and the most frequent findings. A campaign (an
 * agency's reference) counts once, by its newest evaluation: resubmissions and re-evaluations
 * replace what came before. Findings a waiver covers do not count.
 */
final class PortfolioStats {

    /**
     * Campaigns that share an agency or a brand, each counted by its newest evaluation.
     *
     * @param name the agency or brand
     */
    record Group(String name, int campaigns, int passed, int failed) {

        /** Passed over campaigns; null when there are none. */
        Double passRate() {
            return campaigns == 0 ? null : (double) passed / campaigns;
        }
    }

    /**
     * One rule across the portfolio.
     *
     * @param title the title and category in the latest evaluation that reported the rule
     * @param findings how many findings it produced, in all
     * @param campaigns in how many campaigns it produced at least one
     */
    record RuleTally(String ruleId, String title, Category category, int findings, int campaigns) {}

    /**
     * The campaigns evaluated in one calendar month (UTC), each counted once by its newest
     * evaluation of that month.
     *
     * @param evaluations every evaluation of the month, resubmissions and re-evaluations included
     * @param warnings WARN findings in the campaigns' newest evaluations of the month
     */
    record MonthTally(YearMonth month, int campaigns, int evaluations, int passed, int failed, int warnings) {

        /** Passed over campaigns; null when there are none. */
        Double passRate() {
            return campaigns == 0 ? null : (double) passed / campaigns;
        }
    }

    /** Findings of one category across the portfolio (the sum of its rules' findings). */
    record CategoryTally(Category category, int findings) {}

    private static final Comparator<String> BY_NAME =
            Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));

    private final int evaluations;
    private final Group total;
    private final List<Group> byAgency;
    private final List<Group> byBrand;
    private final List<RuleTally> topFindings;
    private final List<MonthTally> byMonth;
    private final List<CategoryTally> byCategory;

    PortfolioStats(List<PortfolioEntry> entries) {
        List<EvaluationResult> results = latestPerCampaign(entries);
        this.evaluations = entries.size();
        this.total = group("", results);
        this.byAgency = groups(results, EvaluationResult::agency);
        this.byBrand = groups(results, EvaluationResult::brand);
        this.topFindings = tally(results);
        this.byMonth = months(entries);
        this.byCategory = categories(topFindings);
    }

    /**
     * Each campaign's newest result (by time of evaluation; the later entry among equal times),
     * in the order the campaigns first appear.
     */
    static List<EvaluationResult> latestPerCampaign(List<PortfolioEntry> entries) {
        Comparator<Instant> byTime = Comparator.nullsFirst(Comparator.naturalOrder());
        Map<List<String>, EvaluationResult> latest = new LinkedHashMap<>();
        for (PortfolioEntry e : entries) {
            EvaluationResult r = e.result();
            latest.merge(
                    java.util.Arrays.asList(r.agency(), r.reference()),
                    r,
                    (old, now) -> byTime.compare(now.evaluatedAt(), old.evaluatedAt()) >= 0 ? now : old);
        }
        return List.copyOf(latest.values());
    }

    /** Every evaluation given, resubmissions and re-evaluations included. */
    int evaluations() {
        return evaluations;
    }

    Group total() {
        return total;
    }

    /** By agency name, A to Z. */
    List<Group> byAgency() {
        return byAgency;
    }

    /** By brand name, A to Z. */
    List<Group> byBrand() {
        return byBrand;
    }

    /** Every rule that produced a finding, the most findings first, then by rule id. */
    List<RuleTally> topFindings() {
        return topFindings;
    }

    /** Every month with an evaluation, the newest month first. */
    List<MonthTally> byMonth() {
        return byMonth;
    }

    /** Every category with a finding, the most findings first, then in the categories' order. */
    List<CategoryTally> byCategory() {
        return byCategory;
    }

    private static List<MonthTally> months(List<PortfolioEntry> entries) {
        Map<YearMonth, List<PortfolioEntry>> byMonth = new TreeMap<>(Comparator.reverseOrder());
        for (PortfolioEntry e : entries) {
            Instant at = e.result().evaluatedAt();
            if (at != null) {
                byMonth.computeIfAbsent(YearMonth.from(at.atZone(ZoneOffset.UTC)), m -> new ArrayList<>())
                        .add(e);
            }
        }
        List<MonthTally> months = new ArrayList<>();
        byMonth.forEach((month, inMonth) -> {
            List<EvaluationResult> latest = latestPerCampaign(inMonth);
            Group g = group("", latest);
            int warnings = 0;
            for (EvaluationResult r : latest) {
                warnings += r.counts().warnings();
            }
            months.add(new MonthTally(month, g.campaigns(), inMonth.size(), g.passed(), g.failed(), warnings));
        });
        return List.copyOf(months);
    }

    private static List<CategoryTally> categories(List<RuleTally> rules) {
        Map<Category, Integer> findings = new EnumMap<>(Category.class);
        for (RuleTally t : rules) {
            if (t.category() != null) {
                findings.merge(t.category(), t.findings(), Integer::sum);
            }
        }
        return findings.entrySet().stream()
                .map(e -> new CategoryTally(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(CategoryTally::findings).reversed())
                .toList();
    }

    private static Group group(String name, List<EvaluationResult> results) {
        int passed = 0;
        int failed = 0;
        for (EvaluationResult r : results) {
            if (r.verdict() == Verdict.PASS) {
                passed++;
            } else if (r.verdict() == Verdict.FAIL) {
                failed++;
            }
        }
        return new Group(name, results.size(), passed, failed);
    }

    private static List<Group> groups(List<EvaluationResult> results, Function<EvaluationResult, String> key) {
        Map<String, List<EvaluationResult>> byKey = new HashMap<>();
        for (EvaluationResult r : results) {
            byKey.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return byKey.entrySet().stream()
                .map(e -> group(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Group::name, BY_NAME))
                .toList();
    }

    private static List<RuleTally> tally(List<EvaluationResult> results) {
        record Latest(String title, Category category, Instant at) {}
        Map<String, Integer> findings = new LinkedHashMap<>();
        Map<String, Integer> campaigns = new HashMap<>();
        Map<String, Latest> latest = new HashMap<>();
        Comparator<Instant> byTime = Comparator.nullsFirst(Comparator.naturalOrder());
        for (EvaluationResult r : results) {
            Set<String> seen = new HashSet<>();
            for (Finding f : r.findings() == null ? List.<Finding>of() : r.findings()) {
                if (f.waived() || r.waiverOf(f).isPresent()) {
                    continue;
                }
                findings.merge(f.ruleId(), 1, Integer::sum);
                if (seen.add(f.ruleId())) {
                    campaigns.merge(f.ruleId(), 1, Integer::sum);
                }
                Latest l = latest.get(f.ruleId());
                if (l == null || byTime.compare(r.evaluatedAt(), l.at()) > 0) {
                    latest.put(f.ruleId(), new Latest(f.title(), f.category(), r.evaluatedAt()));
                }
            }
        }
        return findings.entrySet().stream()
                .map(e -> {
                    Latest l = latest.get(e.getKey());
                    return new RuleTally(e.getKey(), l.title(), l.category(), e.getValue(), campaigns.get(e.getKey()));
                })
                .sorted(Comparator.comparingInt(RuleTally::findings)
                        .reversed()
                        .thenComparing(RuleTally::ruleId, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }
}
