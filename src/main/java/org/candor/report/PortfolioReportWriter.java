package org.candor.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.candor.evaluation.EvaluationResult;
import org.candor.report.PortfolioStats.Group;
import org.candor.report.PortfolioStats.RuleTally;
import org.candor.report.Table.Column;
import org.candor.rules.Severity;

/**
 * Writes the portfolio workbook for managers (SPEC section 7): many evaluations, by period, agency
 * or brand, with their verdicts, pass rates and most frequent findings. Every evaluation is listed;
 * the figures count each campaign once, by its newest evaluation. Sheets {@code Summary},
 * {@code Evaluations}, {@code By agency}, {@code By brand} and {@code Top findings}. Stateless and
 * safe to share between threads.
 */
public final class PortfolioReportWriter {

    static final List<String> SHEETS = List.of("Summary", "Evaluations", "By agency", "By brand", "Top findings");

    static final List<Column> EVALUATION_COLUMNS = List.of(
            Column.of("Id", 38),
            Column.of("Reference", 30),
            Column.of("Agency", 30),
            Column.of("Brand", 30),
            Column.of("Evaluated at", 22),
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
     * Writes the report to {@code out}, which is left open. The evaluations are listed in the
     * order given.
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
                groups(new Table(workbook.createSheet(SHEETS.get(2)), cells, AGENCY_COLUMNS), stats.byAgency());
                groups(new Table(workbook.createSheet(SHEETS.get(3)), cells, BRAND_COLUMNS), stats.byBrand());
                topFindings(
                        new Table(workbook.createSheet(SHEETS.get(4)), cells, TOP_FINDING_COLUMNS),
                        stats.topFindings());
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
                .text("Generated at", Cells.time(clock.instant()))
                .finish();
    }

    private static void evaluations(Table table, List<PortfolioEntry> entries) {
        for (PortfolioEntry e : entries) {
            EvaluationResult r = e.result();
            table.line(Fill.NONE)
                    .text(e.evaluationId())
                    .text(r.reference())
                    .text(r.agency())
                    .text(r.brand())
                    .text(Cells.time(r.evaluatedAt()))
                    .verdict(r.verdict())
                    .number(count(r, Severity.FAIL))
                    .number(count(r, Severity.WARN))
                    .number(count(r, Severity.INFO))
                    .text(Cells.shortHash(r.ruleSetHash()))
                    .text(e.submittedBy());
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

    private static int count(EvaluationResult r, Severity severity) {
        return r.counts() == null ? 0 : r.count(severity.name());
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
