package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.report.ReportFixtures.assertDateCell;
import static org.candor.report.ReportFixtures.assertPrintsAsTable;
import static org.candor.report.ReportFixtures.assertPrintsOnOnePage;
import static org.candor.report.ReportFixtures.summaryValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.workbook.Print;
import org.candor.evaluation.Verdict;
import org.candor.impact.ImpactChange;
import org.candor.impact.ImpactPreview;
import org.junit.jupiter.api.Test;

class ImpactReportWriterTest {

    private static XSSFWorkbook write(ImpactPreview preview, List<ImpactChange> changes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ImpactReportWriter().write(new org.candor.impact.ImpactService.Report(preview, changes), out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static ImpactPreview preview(Instant finishedAt) {
        return new ImpactPreview(
                "p-1",
                finishedAt == null ? ImpactPreview.Status.RUNNING : ImpactPreview.Status.DONE,
                "officer",
                Instant.parse("2026-12-03T09:15:30.250Z"),
                finishedAt,
                Instant.parse("2026-12-04T09:15:30Z"),
                "a".repeat(64),
                "b".repeat(64),
                "latest evaluation of each campaign",
                2,
                2,
                null);
    }

    @Test
    void itsTimesAreDateCellsAndItsSheetsPrintLikeTheReports() throws Exception {
        List<ImpactChange> changes = List.of(new ImpactChange(
                "ev-1",
                "ACME-SPRING-26",
                "Northwind Media",
                "Acme Skincare",
                Verdict.PASS,
                Verdict.FAIL,
                List.of(),
                List.of(),
                null));
        try (XSSFWorkbook wb = write(preview(Instant.parse("2026-12-03T09:16:02Z")), changes)) {
            Sheet summary = wb.getSheet("Summary");
            assertDateCell(
                    summaryValue(summary, "Asked for at (UTC)"),
                    LocalDateTime.parse("2026-12-03T09:15:30"),
                    Styles.TIME_FORMAT);
            assertDateCell(
                    summaryValue(summary, "Finished at (UTC)"),
                    LocalDateTime.parse("2026-12-03T09:16:02"),
                    Styles.TIME_FORMAT);
            assertPrintsOnOnePage(summary);
            for (String name : List.of("Campaigns", "Findings")) {
                Sheet sheet = wb.getSheet(name);
                int chars = 0;
                for (int c = 0; c < sheet.getRow(0).getLastCellNum(); c++) {
                    chars += sheet.getColumnWidth(c) / 256;
                }
                assertPrintsAsTable(sheet, chars > Print.PORTRAIT_CHARS);
            }
        }
    }

    @Test
    void aPreviewStillRunningHasNoFinishTime() throws Exception {
        try (XSSFWorkbook wb = write(preview(null), List.of())) {
            var finished = summaryValue(wb.getSheet("Summary"), "Finished at (UTC)");
            assertThat(finished.getCellType()).isEqualTo(CellType.STRING);
            assertThat(finished.getStringCellValue()).isEmpty();
        }
    }
}
