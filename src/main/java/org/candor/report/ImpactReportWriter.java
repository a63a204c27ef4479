package org.candor.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.candor.evaluation.Verdict;
import org.candor.impact.ImpactChange;
import org.candor.impact.ImpactChange.FindingRef;
import org.candor.impact.ImpactPreview;
import org.candor.impact.ImpactService;
import org.candor.report.Table.Column;

/**
 * The workbook of an impact preview, written with POI's streaming writer: {@code Summary} (the
 * preview, its progress and how many campaigns flip each way), {@code Campaigns} (each campaign
 * judged differently: verdict before and after, findings that appear and disappear, or why its
 * judgement stopped) and {@code Findings} (one row per finding that appears or disappears).
 */
public final class ImpactReportWriter {

    static final List<String> SHEETS = List.of("Summary", "Campaigns", "Findings");

    static final List<Column> CAMPAIGN_COLUMNS = List.of(
            Column.of("Reference", 30),
            Column.of("Agency", 30),
            Column.of("Brand", 30),
            Column.of("Verdict now", 12),
            Column.of("Verdict with the change", 14),
            Column.of("Findings appearing", 12),
            Column.of("Findings disappearing", 12),
            Column.wrapped("Stopped", 50),
            Column.of("Evaluation", 38));

    static final List<Column> FINDING_COLUMNS = List.of(
            Column.of("Reference", 30),
            Column.of("Agency", 30),
            Column.of("Change", 12),
            Column.of("Rule", 12),
            Column.of("Subject", 30),
            Column.of("Severity", 10),
            Column.wrapped("Message", 60));

    /** Writes the workbook to {@code out}, which is left open. */
    public void write(ImpactService.Report report, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ExcelReportWriter.ROW_WINDOW)) {
            try {
                workbook.setCompressTempFiles(true);
                workbook.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("Candor");
                CellWriter cells = new CellWriter(new Styles(workbook));
                summary(new LabelValues(workbook.createSheet(SHEETS.get(0)), cells), report);
                campaigns(new Table(workbook.createSheet(SHEETS.get(1)), cells, CAMPAIGN_COLUMNS), report.changes());
                findings(new Table(workbook.createSheet(SHEETS.get(2)), cells, FINDING_COLUMNS), report.changes());
                workbook.write(out);
            } finally {
                workbook.dispose();
            }
        }
    }

    /** A preview as a workbook to download. */
    public static Download download(ImpactService.Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new ImpactReportWriter().write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Download(fileNameFor(report.preview()), out.toByteArray());
    }

    /** The download name: {@code candor-impact-<candidate rule set, short>-<preview id, short>.xlsx}. */
    public static String fileNameFor(ImpactPreview preview) {
        return "candor-impact-" + Cells.shortHash(preview.candidateHash()) + "-"
                + preview.id().substring(0, Math.min(8, preview.id().length())) + ".xlsx";
    }

    private static void summary(LabelValues sheet, ImpactService.Report report) {
        ImpactPreview p = report.preview();
        List<ImpactChange> changes = report.changes();
        long stopped = changes.stream().filter(c -> c.stopped() != null).count();
        sheet.text("Preview", p.id())
                .text("Status", p.status().name())
                .text("Scope", p.scope())
                .text("Rules in force", Cells.shortHash(p.baseHash()))
                .text("Rules with the change", Cells.shortHash(p.candidateHash()))
                .number("Campaigns judged", p.done())
                .number("Campaigns in scope", p.total())
                .number("Campaigns judged differently", changes.size())
                .number("PASS to FAIL", report.flipsTo(Verdict.FAIL))
                .number("FAIL to PASS", report.flipsTo(Verdict.PASS))
                .number("Stopped at a bound", stopped)
                .text("Asked for by", p.requestedBy())
                .time("Asked for at (UTC)", p.createdAt())
                .time("Finished at (UTC)", p.finishedAt());
        if (p.error() != null) {
            sheet.text("Error", p.error());
        }
        sheet.finish();
    }

    private static void campaigns(Table table, List<ImpactChange> changes) {
        for (ImpactChange c : changes) {
            table.line(c.flipped() ? Fill.of(c.verdictAfter()) : Fill.NONE)
                    .text(c.reference())
                    .text(c.agency())
                    .text(c.brand())
                    .verdict(c.verdictBefore())
                    .verdict(c.verdictAfter())
                    .number(c.appeared().size())
                    .number(c.disappeared().size())
                    .text(c.stopped() == null ? "" : c.stopped())
                    .text(c.evaluationId());
        }
        table.finish();
    }

    private static void findings(Table table, List<ImpactChange> changes) {
        for (ImpactChange c : changes) {
            for (FindingRef f : c.appeared()) {
                finding(table, c, "appears", f);
            }
            for (FindingRef f : c.disappeared()) {
                finding(table, c, "disappears", f);
            }
        }
        table.finish();
    }

    private static void finding(Table table, ImpactChange c, String change, FindingRef f) {
        table.line(Fill.NONE)
                .text(c.reference())
                .text(c.agency())
                .text(change)
                .text(f.ruleId())
                .text(f.subject())
                .text(f.severity() == null ? "" : f.severity().name())
                .text(f.message());
    }
}
