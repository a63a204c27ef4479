package org.candor.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.candor.evaluation.EvaluationResult;
import org.candor.report.PortfolioStats.Group;
import org.candor.report.PortfolioStats.MonthTally;
import org.candor.report.PortfolioStats.RuleTally;
import org.candor.report.Table.Column;
import org.candor.rules.Severity;

/**
 * Writes the portfolio workbook for managers (SPEC section 7): many evaluations, by period, agency
 * or brand, with their verdicts, pass rates and most frequent findings. Every evaluation is listed,
 * the newest first; the figures count each campaign once, by its newest evaluation. Sheets
 * {@code Summary}, {@code Evaluations}, {@code By month} (newest month first), {@code By agency},
 * {@code By brand}, {@code Top findings} and {@code Charts} (native Excel charts over the other
 * sheets' cells). Stateless and safe to share between threads.
 */
public final class PortfolioReportWriter {

    static final List<String> SHEETS =
            List.of("Summary", "Evaluations", "By month", "By agency", "By brand", "Top findings", "Charts");

    static final List<Column> MONTH_COLUMNS = List.of(
            Column.of("Month", 10),
            Column.of("Campaigns", 12),
            Column.of("Evaluations", 13),
            Column.of("PASS", 8),
            Column.of("FAIL", 8),
            Column.of("WARN", 8),
            Column.of("Pass rate", 10));

    static final List<Column> CATEGORY_COLUMNS = List.of(Column.of("Category", 16), Column.of("Findings", 10));

    /** Chart titles on the {@code Charts} sheet, in the order they are laid out. */
    static final List<String> CHART_TITLES =
            List.of("Verdicts by month", "Findings by rule", "Findings by category", "Pass rate by agency");

    static final List<Column> EVALUATION_COLUMNS = List.of(
            Column.of("Id", 38),
            Column.of("Reference", 30),
            Column.of("Agency", 30),
            Column.of("Brand", 30),
            Column.of("Evaluated at (UTC)", 21),
            Column.of("Verdict", 10),
            Column.of("FAIL", 8),
            Column.of("WARN", 8),
            Column.of("INFO", 8),
            Column.of("Rule set", 14),
            Column.of("Submitted by", 30));

    static final List<Column> AGENCY_COLUMNS = groupColumns("Agency");
    static final List<Column> BRAND_COLUMNS = groupColumns("Brand");

    static final List<Column> TOP_FINDING_COLUMNS = List.of(
            Column.of("Rule", 12),
            Column.wrapped("Title", 40),
            Column.of("Category", 14),
            Column.of("Findings", 10),
            Column.of("Campaigns affected", 20));

    private final Clock clock;

    public PortfolioReportWriter() {
        this(Clock.systemUTC());
    }

    /** @param clock the time the report states it was generated at */
    public PortfolioReportWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes the report to {@code out}, which is left open. The evaluations are listed the newest
     * first.
     *
     * @param scope what the portfolio covers, e.g. "2026-10-01 to 2026-10-31, agency Northwind Media"
     */
    public void write(List<PortfolioEntry> entries, String scope, OutputStream out) throws IOException {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(out, "out");
        PortfolioStats stats = new PortfolioStats(entries);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ExcelReportWriter.ROW_WINDOW)) {
            try {
                workbook.setCompressTempFiles(true);
                workbook.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("Candor");
                CellWriter cells = new CellWriter(new Styles(workbook));
                summary(new LabelValues(workbook.createSheet(SHEETS.get(0)), cells), stats, scope);
                evaluations(new Table(workbook.createSheet(SHEETS.get(1)), cells, EVALUATION_COLUMNS), entries);
                months(new Table(workbook.createSheet(SHEETS.get(2)), cells, MONTH_COLUMNS), stats.byMonth());
                groups(new Table(workbook.createSheet(SHEETS.get(3)), cells, AGENCY_COLUMNS), stats.byAgency());
                groups(new Table(workbook.createSheet(SHEETS.get(4)), cells, BRAND_COLUMNS), stats.byBrand());
                topFindings(
                        new Table(workbook.createSheet(SHEETS.get(5)), cells, TOP_FINDING_COLUMNS),
                        stats.topFindings());
                // Charts need a drawing the streaming sheets do not offer: a small, ordinary sheet.
                PortfolioCharts.write(workbook.getXSSFWorkbook().createSheet(SHEETS.get(6)), cells, stats);
                workbook.write(out);
            } finally {
                workbook.dispose();
            }
        }
    }

    private void summary(LabelValues sheet, PortfolioStats stats, String scope) {
        Group total = stats.total();
        sheet.text("Scope", scope)
                .number("Campaigns", total.campaigns())
                .number("Evaluations", stats.evaluations())
                .number("Passed", total.passed())
                .number("Failed", total.failed())
                .percent("Pass rate", total.passRate())
                .time("Generated at (UTC)", clock.instant())
                .finish();
    }

    private static void evaluations(Table table, List<PortfolioEntry> entries) {
        for (PortfolioEntry e : newestFirst(entries)) {
            EvaluationResult r = e.result();
            table.line(Fill.NONE)
                    .text(e.evaluationId())
                    .text(r.reference())
                    .text(r.agency())
                    .text(r.brand())
                    .time(r.evaluatedAt())
                    .verdict(r.verdict())
                    .number(r.counts().of(Severity.FAIL))
                    .number(r.counts().of(Severity.WARN))
                    .number(r.counts().of(Severity.INFO))
                    .text(Cells.shortHash(r.ruleSetHash()))
                    .text(e.submittedBy());
        }
        table.finish();
    }

    /**
     * The entries by time of evaluation, the newest first; among equal times the later entry
     * first, and entries without a time last.
     */
    static List<PortfolioEntry> newestFirst(List<PortfolioEntry> entries) {
        List<PortfolioEntry> sorted = new ArrayList<>(entries);
        Collections.reverse(sorted);
        sorted.sort(Comparator.comparing(
                (PortfolioEntry e) -> e.result().evaluatedAt(), Comparator.nullsLast(Comparator.reverseOrder())));
        return sorted;
    }

    private static void months(Table table, List<MonthTally> months) {
        for (MonthTally m : months) {
            table.line(Fill.NONE)
                    .month(m.month())
                    .number(m.campaigns())
                    .number(m.evaluations())
                    .number(m.passed())
                    .number(m.failed())
                    .number(m.warnings())
                    .percent(m.passRate());
        }
        table.finish();
    }

    private static void groups(Table table, List<Group> groups) {
        for (Group g : groups) {
            table.line(Fill.NONE)
                    .text(g.name())
                    .number(g.campaigns())
                    .number(g.passed())
                    .number(g.failed())
                    .percent(g.passRate());
        }
        table.finish();
    }

    private static void topFindings(Table table, List<RuleTally> tallies) {
        for (RuleTally t : tallies) {
            table.line(Fill.NONE)
                    .text(t.ruleId())
                    .text(t.title())
                    .text(t.category() == null ? "" : t.category().name())
                    .number(t.findings())
                    .number(t.campaigns());
        }
        table.finish();
    }

    /**
     * The download name of a portfolio: its scope (the filters given, or {@code all}) and the day it
     * was made, e.g. {@code candor-portfolio-agency-northwind-media-from-2026-10-01-2026-12-03.xlsx}.
     * Filter values lose their accents, are lower-cased and reduced to letters, digits and single
     * dashes, at most {@value #MAX_NAME_PART} characters each.
     *
     * @param from the first day covered; null for no lower bound
     * @param to the last day covered; null for no upper bound
     */
    public static String fileNameFor(String agency, String brand, LocalDate from, LocalDate to, LocalDate today) {
        Objects.requireNonNull(today, "today");
        List<String> parts = new ArrayList<>();
        addPart(parts, "agency", agency);
        addPart(parts, "brand", brand);
        addPart(parts, "from", from == null ? null : from.toString());
        addPart(parts, "to", to == null ? null : to.toString());
        String scope = parts.isEmpty() ? "all" : String.join("-", parts);
        return "candor-portfolio-" + scope + "-" + today + ".xlsx";
    }

    /** The most characters one filter value keeps in a file name. */
    static final int MAX_NAME_PART = 40;

    private static void addPart(List<String> parts, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String slug = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_NAME_PART) {
            slug = slug.substring(0, MAX_NAME_PART).replaceAll("-+$", "");
        }
        parts.add(name + "-" + (slug.isEmpty() ? "x" : slug));
    }

    private static List<Column> groupColumns(String name) {
        return List.of(
                Column.of(name, 36),
                Column.of("Campaigns", 12),
                Column.of("Passed", 9),
                Column.of("Failed", 9),
                Column.of("Pass rate", 10));
    }
}
