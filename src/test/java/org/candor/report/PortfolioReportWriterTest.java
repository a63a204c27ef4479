package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.candor.report.ReportFixtures.assertAutoFilter;
import static org.candor.report.ReportFixtures.assertDateCell;
import static org.candor.report.ReportFixtures.assertHeaderFrozen;
import static org.candor.report.ReportFixtures.assertNoFormulas;
import static org.candor.report.ReportFixtures.assertPrintSetup;
import static org.candor.report.ReportFixtures.assertPrintsAsTable;
import static org.candor.report.ReportFixtures.assertPrintsOnOnePage;
import static org.candor.report.ReportFixtures.display;
import static org.candor.report.ReportFixtures.evaluate;
import static org.candor.report.ReportFixtures.evaluateCampaign;
import static org.candor.report.ReportFixtures.fillOf;
import static org.candor.report.ReportFixtures.pack;
import static org.candor.report.ReportFixtures.result;
import static org.candor.report.ReportFixtures.sheetNames;
import static org.candor.report.ReportFixtures.summaryValue;
import static org.candor.report.ReportFixtures.texts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.workbook.Print;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarChart;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTPlotArea;
import org.openxmlformats.schemas.drawingml.x2006.chart.STCrosses;

class PortfolioReportWriterTest {

    private static final String SCOPE = "2026-10-01 to 2026-10-31, all agencies";

    private final PortfolioReportWriter writer =
            new PortfolioReportWriter(Clock.fixed(Instant.parse("2026-11-01T07:00:00Z"), ZoneOffset.UTC));

    @TempDir
    Path tmp;

    private Path write(List<PortfolioEntry> entries, String scope) throws IOException {
        Path file = tmp.resolve("portfolio.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(entries, scope, out);
        }
        return file;
    }

    /** Three real evaluations: two agencies, two brands, one pass and two fails. */
    private static List<PortfolioEntry> threeCampaigns() {
        return List.of(
                new PortfolioEntry("ev-1", "jane@northwind.example", evaluate(ReportFixtures.SPEC_EXAMPLE)),
                new PortfolioEntry("ev-2", "sam@northwind.example", evaluateCampaign("clean.json")),
                new PortfolioEntry("ev-3", "=ops@southwind.example", evaluateCampaign("southwind.json")));
    }

    @Test
    void summaryCountsEvaluationsAndThePassRate() throws Exception {
        List<PortfolioEntry> entries = threeCampaigns();
        assertThat(entries)
                .extracting(e -> e.result().verdict())
                .as("precondition")
                .containsExactly(Verdict.FAIL, Verdict.PASS, Verdict.FAIL);
        Path file = write(entries, SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertThat(sheetNames(wb))
                    .containsExactly(
                            "Summary", "Evaluations", "By month", "By agency", "By brand", "Top findings", "Charts");
            Sheet s = wb.getSheet("Summary");
            assertThat(summaryValue(s, "Scope").getStringCellValue()).isEqualTo(SCOPE);
            assertThat(summaryValue(s, "Campaigns").getNumericCellValue()).isEqualTo(3);
            assertThat(summaryValue(s, "Evaluations").getNumericCellValue()).isEqualTo(3);
            assertThat(summaryValue(s, "Passed").getNumericCellValue()).isEqualTo(1);
            assertThat(summaryValue(s, "Failed").getNumericCellValue()).isEqualTo(2);
            Cell rate = summaryValue(s, "Pass rate");
            assertThat(rate.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(rate.getNumericCellValue()).isCloseTo(1.0 / 3, within(1e-9));
            assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertDateCell(
                    summaryValue(s, "Generated at (UTC)"),
                    LocalDateTime.parse("2026-11-01T07:00:00"),
                    Styles.TIME_FORMAT);
            assertThat(display(summaryValue(s, "Generated at (UTC)"))).isEqualTo("2026-11-01 07:00:00");
        }
    }

    /** The result as if made for another campaign reference at another time. */
    private static EvaluationResult as(EvaluationResult r, String reference, String at) {
        return r.withReference(reference).withEvaluatedAt(Instant.parse(at));
    }

    @Test
    void figuresCountEachCampaignOnceByItsNewestEvaluation() throws Exception {
        EvaluationResult failed = evaluate(ReportFixtures.SPEC_EXAMPLE);
        EvaluationResult fixed = evaluateCampaign("clean.json");
        EvaluationResult other = evaluateCampaign("southwind.json");
        String ref = failed.reference();
        List<PortfolioEntry> entries = List.of(
                new PortfolioEntry("first", "jane", as(failed, ref, "2026-10-01T10:00:00Z")),
                new PortfolioEntry("reevaluated", "officer", as(failed, ref, "2026-10-02T10:00:00Z")),
                new PortfolioEntry("resubmitted", "jane", as(fixed, ref, "2026-10-03T10:00:00Z")),
                new PortfolioEntry("other", "ops", other));
        assertThat(fixed.agency()).as("precondition").isEqualTo(failed.agency());
        assertThat(other.verdict()).as("precondition").isEqualTo(Verdict.FAIL);
        Path file = write(entries, SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Summary");
            assertThat(summaryValue(s, "Campaigns").getNumericCellValue()).isEqualTo(2);
            assertThat(summaryValue(s, "Evaluations").getNumericCellValue()).isEqualTo(4);
            assertThat(summaryValue(s, "Passed").getNumericCellValue())
                    .as("the resubmission that passed replaces the two that failed")
                    .isEqualTo(1);
            assertThat(summaryValue(s, "Failed").getNumericCellValue()).isEqualTo(1);
            assertThat(summaryValue(s, "Pass rate").getNumericCellValue()).isCloseTo(0.5, within(1e-9));
            assertGroup(wb.getSheet("By agency").getRow(1), failed.agency(), 1, 1, 0, 1.0);
            Sheet top = wb.getSheet("Top findings");
            for (int i = 1; i <= top.getLastRowNum(); i++) {
                assertThat(texts(top.getRow(i)).get(4))
                        .as(
                                "campaigns affected by %s: only the other campaign still has findings",
                                texts(top.getRow(i)).get(0))
                        .isEqualTo("1");
            }
            assertThat(wb.getSheet("Evaluations").getLastRowNum())
                    .as("every evaluation is still listed")
                    .isEqualTo(4);
        }
    }

    @Test
    void waivedFindingsDoNotCountAmongTheTopFindings() throws Exception {
        EvaluationResult r = evaluateCampaign("southwind.json");
        org.candor.evaluation.Finding f = r.findings().get(0);
        org.candor.evaluation.Waiver w = new org.candor.evaluation.Waiver(
                "w-1",
                "other",
                f.ruleId(),
                f.subject(),
                "reason",
                "Head of Compliance",
                java.time.LocalDate.parse("2099-12-31"),
                "officer",
                Instant.parse("2026-10-03T10:00:00Z"));
        EvaluationResult waived =
                org.candor.waiver.Waivers.apply(r, List.of(w), java.time.LocalDate.parse("2026-10-03"));
        long sameRule =
                r.findings().stream().filter(x -> x.ruleId().equals(f.ruleId())).count();
        Path file = write(List.of(new PortfolioEntry("other", "ops", waived)), SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet top = wb.getSheet("Top findings");
            boolean listed = false;
            for (int i = 1; i <= top.getLastRowNum(); i++) {
                if (texts(top.getRow(i)).get(0).equals(f.ruleId())) {
                    assertThat(texts(top.getRow(i)).get(3)).isEqualTo(Long.toString(sameRule - 1));
                    listed = true;
                }
            }
            assertThat(listed).isEqualTo(sameRule > 1);
        }
    }

    @Test
    void evaluationsListEachEvaluationNewestFirstTheLaterEntryFirstAmongEqualTimes() throws Exception {
        Path file = write(threeCampaigns(), SCOPE);
        String hash = pack().hash().substring(0, 12);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Evaluations");
            assertThat(texts(s.getRow(0)))
                    .containsExactly(
                            "Id",
                            "Reference",
                            "Agency",
                            "Brand",
                            "Evaluated at (UTC)",
                            "Verdict",
                            "FAIL",
                            "WARN",
                            "INFO",
                            "Rule set",
                            "Submitted by");
            assertThat(s.getLastRowNum()).isEqualTo(3);
            assertThat(texts(s.getRow(3)))
                    .containsExactly(
                            "ev-1",
                            "ACME-SPRING-26",
                            "Northwind Media",
                            "Acme Skincare",
                            "2026-10-20 14:05:09",
                            "FAIL",
                            "3",
                            "0",
                            "0",
                            hash,
                            "jane@northwind.example");
            assertThat(texts(s.getRow(2)))
                    .containsExactly(
                            "ev-2",
                            "BOREALIS-OATS-26",
                            "Northwind Media",
                            "Borealis Foods",
                            "2026-10-20 14:05:09",
                            "PASS",
                            "0",
                            "0",
                            "0",
                            hash,
                            "sam@northwind.example");
            assertThat(texts(s.getRow(1)).subList(0, 7))
                    .containsExactly(
                            "ev-3",
                            "ACME-GLOW-26",
                            "Southwind Partners",
                            "Acme Skincare",
                            "2026-10-20 14:05:09",
                            "FAIL",
                            "2");
            assertDateCell(s.getRow(3).getCell(4), LocalDateTime.parse("2026-10-20T14:05:09"), Styles.TIME_FORMAT);
            assertThat(fillOf(s.getRow(3).getCell(5))).isEqualTo("FFC7CE");
            assertThat(fillOf(s.getRow(2).getCell(5))).isEqualTo("C6EFCE");
            Cell submitter = s.getRow(1).getCell(10);
            assertThat(submitter.getCellType()).isEqualTo(CellType.STRING);
            assertThat(submitter.getStringCellValue()).isEqualTo("=ops@southwind.example");
            assertThat(submitter.getCellStyle().getQuotePrefixed()).isTrue();
            assertHeaderFrozen(s);
            assertAutoFilter(s, "A1:K4");
            assertNoFormulas(wb, file);
        }
    }

    @Test
    void passRatesByAgencyAndByBrand() throws Exception {
        Path file = write(threeCampaigns(), SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet agencies = wb.getSheet("By agency");
            assertThat(texts(agencies.getRow(0)))
                    .containsExactly("Agency", "Campaigns", "Passed", "Failed", "Pass rate");
            assertThat(agencies.getLastRowNum()).isEqualTo(2);
            assertGroup(agencies.getRow(1), "Northwind Media", 2, 1, 1, 0.5);
            assertGroup(agencies.getRow(2), "Southwind Partners", 1, 0, 1, 0.0);
            assertHeaderFrozen(agencies);
            assertAutoFilter(agencies, "A1:E3");

            Sheet brands = wb.getSheet("By brand");
            assertThat(texts(brands.getRow(0))).containsExactly("Brand", "Campaigns", "Passed", "Failed", "Pass rate");
            assertThat(brands.getLastRowNum()).isEqualTo(2);
            assertGroup(brands.getRow(1), "Acme Skincare", 2, 0, 2, 0.0);
            assertGroup(brands.getRow(2), "Borealis Foods", 1, 1, 0, 1.0);
            assertHeaderFrozen(brands);
            assertAutoFilter(brands, "A1:E3");
        }
    }

    @Test
    void topFindingsOfRealEvaluations() throws Exception {
        Path file = write(threeCampaigns(), SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Top findings");
            assertThat(texts(s.getRow(0)))
                    .containsExactly("Rule", "Title", "Category", "Findings", "Campaigns affected");
            assertThat(s.getLastRowNum()).isEqualTo(4);
            assertThat(texts(s.getRow(1)))
                    .as("the unproven product claim, in both failed campaigns")
                    .containsExactly("CLAIM-006", titleOf("CLAIM-006"), "CLAIMS", "2", "2");
            assertThat(texts(s.getRow(2)).get(0)).isEqualTo("CLAIM-001");
            assertThat(texts(s.getRow(3)).get(0)).isEqualTo("DISC-001");
            assertThat(texts(s.getRow(4))).containsExactly("DISC-012", titleOf("DISC-012"), "DISCLOSURE", "1", "1");
            assertHeaderFrozen(s);
            assertAutoFilter(s, "A1:E5");
        }
    }

    @Test
    void topFindingsAreTheMostFrequentFirstThenByRuleId() throws Exception {
        List<PortfolioEntry> entries = List.of(
                new PortfolioEntry("t1", "a", result("tally-1.json")),
                new PortfolioEntry("t2", "b", result("tally-2.json")),
                new PortfolioEntry("t3", "c", result("tally-3.json")));
        Path file = write(entries, "synthetic");
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Top findings");
            assertThat(s.getLastRowNum()).isEqualTo(5);
            assertThat(texts(s.getRow(1))).containsExactly("DISC-002", "Vague disclosure", "DISCLOSURE", "3", "2");
            assertThat(texts(s.getRow(2))).containsExactly("ATTR-001", "Uncredited reuse", "ATTRIBUTION", "2", "2");
            assertThat(texts(s.getRow(3)))
                    .as("title as the latest evaluation states it")
                    .containsExactly("CLAIM-006", "Product claim unproven (renamed)", "CLAIMS", "2", "2");
            assertThat(texts(s.getRow(4)))
                    .containsExactly("CLAIM-002", "Unverified audience figure", "CLAIMS", "1", "1");
            assertThat(texts(s.getRow(5))).containsExactly("CLAIM-005", "Vanity metrics only", "CLAIMS", "1", "1");

            Sheet agencies = wb.getSheet("By agency");
            assertGroup(agencies.getRow(1), "aardvark agency", 1, 1, 0, 1.0);
            assertGroup(agencies.getRow(2), "Alpha Agency", 2, 0, 2, 0.0);
            Sheet brands = wb.getSheet("By brand");
            assertGroup(brands.getRow(1), "Xeno Brand", 2, 1, 1, 0.5);
            assertGroup(brands.getRow(2), "Yonder Brand", 1, 0, 1, 0.0);
        }
    }

    @Test
    void anEmptyPortfolioStillHasEverySheetAndHeader() throws Exception {
        Path file = write(List.of(), "2026-12-01 to 2026-12-31, agency Nobody");
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertThat(sheetNames(wb))
                    .containsExactly(
                            "Summary", "Evaluations", "By month", "By agency", "By brand", "Top findings", "Charts");
            Sheet s = wb.getSheet("Summary");
            assertThat(summaryValue(s, "Scope").getStringCellValue())
                    .isEqualTo("2026-12-01 to 2026-12-31, agency Nobody");
            assertThat(summaryValue(s, "Evaluations").getNumericCellValue()).isZero();
            assertThat(summaryValue(s, "Passed").getNumericCellValue()).isZero();
            assertThat(summaryValue(s, "Failed").getNumericCellValue()).isZero();
            Cell rate = summaryValue(s, "Pass rate");
            assertThat(rate.getCellType()).isEqualTo(CellType.STRING);
            assertThat(rate.getStringCellValue()).isEqualTo("n/a");

            assertThat(texts(wb.getSheet("Evaluations").getRow(0))).hasSize(11).startsWith("Id", "Reference");
            assertThat(texts(wb.getSheet("By agency").getRow(0)))
                    .containsExactly("Agency", "Campaigns", "Passed", "Failed", "Pass rate");
            assertThat(texts(wb.getSheet("By brand").getRow(0))).startsWith("Brand");
            assertThat(texts(wb.getSheet("Top findings").getRow(0))).startsWith("Rule", "Title");
            for (String name : List.of("Evaluations", "By agency", "By brand", "Top findings")) {
                Sheet sheet = wb.getSheet(name);
                assertThat(sheet.getLastRowNum()).as(name).isZero();
                assertHeaderFrozen(sheet);
            }
            assertAutoFilter(wb.getSheet("Evaluations"), "A1:K1");
            assertAutoFilter(wb.getSheet("By agency"), "A1:E1");
            assertAutoFilter(wb.getSheet("Top findings"), "A1:E1");
            assertThat(wb.getSheet("By month").getLastRowNum()).isZero();
            assertThat(texts(wb.getSheet("By month").getRow(0)))
                    .containsExactly("Month", "Campaigns", "Evaluations", "PASS", "FAIL", "WARN", "Pass rate");
            XSSFSheet charts = wb.getSheet("Charts");
            assertThat(charts.getLastRowNum()).as("only the category header").isZero();
            assertThat(charts.getDrawingPatriarch().getCharts())
                    .as("no chart without data")
                    .isEmpty();
        }
    }

    @Test
    void scopeAndIdsThatLookLikeFormulasStayLiteral() throws Exception {
        List<PortfolioEntry> entries = List.of(new PortfolioEntry("@SUM(A1)", "+1", evaluateCampaign("hostile.json")));
        Path file = write(entries, "=HYPERLINK(\"http://x\",\"y\")");
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Cell scope = summaryValue(wb.getSheet("Summary"), "Scope");
            assertThat(scope.getCellType()).isEqualTo(CellType.STRING);
            assertThat(scope.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
            assertThat(scope.getCellStyle().getQuotePrefixed()).isTrue();
            Row row = wb.getSheet("Evaluations").getRow(1);
            assertThat(texts(row).subList(0, 4))
                    .containsExactly("@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2");
            assertThat(row.getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(texts(row).get(10)).isEqualTo("+1");
            assertThat(wb.getSheet("By agency").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("+1");
            assertThat(wb.getSheet("By brand").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("-2");
            assertNoFormulas(wb, file);
        }
    }

    /**
     * One campaign failed, fixed and failed again over three months, another campaign in
     * November and a third in September, listed oldest first.
     */
    private static List<PortfolioEntry> overThreeMonths() {
        EvaluationResult failed = evaluate(ReportFixtures.SPEC_EXAMPLE);
        EvaluationResult fixed = evaluateCampaign("clean.json");
        EvaluationResult other = evaluateCampaign("southwind.json");
        return List.of(
                new PortfolioEntry("sep", "sam", as(fixed, "R2", "2026-09-30T23:59:59Z")),
                new PortfolioEntry("oct-1", "jane", as(failed, "R1", "2026-10-05T10:00:00Z")),
                new PortfolioEntry("oct-2", "jane", as(fixed, "R1", "2026-10-09T10:00:00Z")),
                new PortfolioEntry("nov-1", "ops", as(other, other.reference(), "2026-11-02T00:00:00Z")),
                new PortfolioEntry("nov-2", "officer", as(failed, "R1", "2026-11-20T10:00:00Z")));
    }

    @Test
    void byMonthCountsEachMonthsCampaignsByTheirNewestEvaluationNewestMonthFirst() throws Exception {
        List<PortfolioEntry> entries = overThreeMonths();
        EvaluationResult failed = entries.get(1).result();
        EvaluationResult fixed = entries.get(2).result();
        EvaluationResult other = entries.get(3).result();
        assertThat(fixed.verdict()).as("precondition").isEqualTo(Verdict.PASS);
        assertThat(other.verdict()).as("precondition").isEqualTo(Verdict.FAIL);
        Path file = write(entries, SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("By month");
            assertThat(texts(s.getRow(0)))
                    .containsExactly("Month", "Campaigns", "Evaluations", "PASS", "FAIL", "WARN", "Pass rate");
            assertThat(s.getLastRowNum()).isEqualTo(3);
            assertThat(texts(s.getRow(1)).subList(0, 6))
                    .containsExactly(
                            "2026-11",
                            "2",
                            "2",
                            "0",
                            "2",
                            Integer.toString(
                                    other.counts().warnings() + failed.counts().warnings()));
            assertThat(texts(s.getRow(2)).subList(0, 6))
                    .as("the fix replaces the failure of the same month")
                    .containsExactly(
                            "2026-10",
                            "1",
                            "2",
                            "1",
                            "0",
                            Integer.toString(fixed.counts().warnings()));
            assertThat(texts(s.getRow(3)).subList(0, 6))
                    .as("months are UTC months")
                    .containsExactly(
                            "2026-09",
                            "1",
                            "1",
                            "1",
                            "0",
                            Integer.toString(fixed.counts().warnings()));
            assertDateCell(s.getRow(1).getCell(0), LocalDateTime.parse("2026-11-01T00:00:00"), "yyyy-mm");
            assertDateCell(s.getRow(3).getCell(0), LocalDateTime.parse("2026-09-01T00:00:00"), "yyyy-mm");
            assertThat(s.getRow(1).getCell(6).getNumericCellValue()).isZero();
            assertThat(s.getRow(2).getCell(6).getNumericCellValue()).isEqualTo(1.0);
            assertThat(s.getRow(2).getCell(6).getCellStyle().getDataFormatString())
                    .isEqualTo("0.0%");
            assertHeaderFrozen(s);
            assertAutoFilter(s, "A1:G4");
        }
    }

    @Test
    void summaryPrintsOnOnePageTablesAcrossOnePageWithTheirHeaderAndChartsLandscape() throws Exception {
        Path file = write(overThreeMonths(), SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertPrintsOnOnePage(wb.getSheet("Summary"));
            for (String name : List.of("Evaluations", "By month", "By agency", "By brand", "Top findings")) {
                Sheet sheet = wb.getSheet(name);
                int chars = 0;
                for (int c = 0; c < sheet.getRow(0).getLastCellNum(); c++) {
                    chars += sheet.getColumnWidth(c) / 256;
                }
                assertPrintsAsTable(sheet, chars > Print.PORTRAIT_CHARS);
            }
            assertThat(wb.getSheet("Evaluations").getPrintSetup().getLandscape())
                    .isTrue();
            assertThat(wb.getSheet("By month").getPrintSetup().getLandscape()).isFalse();
            assertPrintSetup(wb.getSheet("Charts"), true, 1);
        }
    }

    @Test
    void evaluationsAreListedNewestFirst() throws Exception {
        Path file = write(overThreeMonths(), SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            List<String> ids = new java.util.ArrayList<>();
            Sheet s = wb.getSheet("Evaluations");
            for (int i = 1; i <= s.getLastRowNum(); i++) {
                ids.add(texts(s.getRow(i)).get(0));
            }
            assertThat(ids).containsExactly("nov-2", "nov-1", "oct-2", "oct-1", "sep");
        }
    }

    @Test
    void chartsAreNativeExcelChartsOverTheSheetsCells() throws Exception {
        Path file = write(overThreeMonths(), SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            XSSFSheet sheet = wb.getSheet("Charts");
            List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
            assertThat(charts)
                    .extracting(c -> c.getTitleText().getString())
                    .containsExactly(
                            "Verdicts by month", "Findings by rule", "Findings by category", "Pass rate by agency");

            XSSFChart months = charts.get(0);
            CTBarChart bars = months.getCTChart().getPlotArea().getBarChartArray(0);
            assertThat(bars.getSerList())
                    .extracting(ser -> ser.getTx().getStrRef().getF())
                    .containsExactly("'By month'!$D$1", "'By month'!$E$1", "'By month'!$F$1");
            XDDFChartData data = months.getChartSeries().get(0);
            assertThat(data.getSeriesCount()).isEqualTo(3);
            assertThat(data.getSeries(0).getCategoryData().getDataRangeReference())
                    .isEqualTo("'By month'!$A$2:$A$4");
            assertThat(data.getSeries(0).getValuesData().getDataRangeReference())
                    .isEqualTo("'By month'!$D$2:$D$4");
            assertThat(data.getSeries(1).getValuesData().getDataRangeReference())
                    .isEqualTo("'By month'!$E$2:$E$4");
            assertThat(data.getSeries(2).getValuesData().getDataRangeReference())
                    .isEqualTo("'By month'!$F$2:$F$4");
            Sheet byMonth = wb.getSheet("By month");
            for (int i = 0; i < 3; i++) {
                assertThat(data.getSeries(0).getCategoryData().getPointAt(i))
                        .as("cached month %d", i)
                        .isEqualTo(display(byMonth.getRow(i + 1).getCell(0)));
                assertThat(data.getSeries(1).getValuesData().getPointAt(i).doubleValue())
                        .as("cached FAIL count %d", i)
                        .isEqualTo(byMonth.getRow(i + 1).getCell(4).getNumericCellValue());
            }
            assertThat(months.getAxes().get(0).getOrientation())
                    .as("newest month first in the sheet, so the axis runs backwards: time reads left to right")
                    .isEqualTo(AxisOrientation.MAX_MIN);

            Sheet top = wb.getSheet("Top findings");
            int rules = top.getLastRowNum();
            assertThat(rules).as("precondition").isPositive();
            XDDFChartData byRule = charts.get(1).getChartSeries().get(0);
            assertThat(byRule.getSeries(0).getCategoryData().getDataRangeReference())
                    .isEqualTo("'Top findings'!$A$2:$A$" + (rules + 1));
            assertThat(byRule.getSeries(0).getValuesData().getDataRangeReference())
                    .isEqualTo("'Top findings'!$D$2:$D$" + (rules + 1));

            int categories = sheet.getLastRowNum();
            assertThat(texts(sheet.getRow(0))).containsExactly("Category", "Findings");
            double sumByCategory = 0;
            for (int i = 1; i <= categories; i++) {
                sumByCategory += sheet.getRow(i).getCell(1).getNumericCellValue();
            }
            double sumByRule = 0;
            for (int i = 1; i <= rules; i++) {
                sumByRule += top.getRow(i).getCell(3).getNumericCellValue();
            }
            assertThat(sumByCategory).isEqualTo(sumByRule);
            XDDFChartData byCategory = charts.get(2).getChartSeries().get(0);
            assertThat(byCategory.getSeries(0).getCategoryData().getDataRangeReference())
                    .isEqualTo("Charts!$A$2:$A$" + (categories + 1));
            assertThat(byCategory.getSeries(0).getValuesData().getDataRangeReference())
                    .isEqualTo("Charts!$B$2:$B$" + (categories + 1));

            XDDFChartData byAgency = charts.get(3).getChartSeries().get(0);
            assertThat(byAgency.getSeries(0).getCategoryData().getDataRangeReference())
                    .isEqualTo("'By agency'!$A$2:$A$3");
            assertThat(byAgency.getSeries(0).getValuesData().getDataRangeReference())
                    .isEqualTo("'By agency'!$E$2:$E$3");
            Sheet agencies = wb.getSheet("By agency");
            for (int i = 0; i < 2; i++) {
                assertThat(byAgency.getSeries(0).getValuesData().getPointAt(i).doubleValue())
                        .isEqualTo(agencies.getRow(i + 1).getCell(4).getNumericCellValue());
            }
            assertNoFormulas(wb, file);
        }
    }

    @Test
    void chartSeriesHaveColoursOfTheirOwnTheMonthsAxisOnTheLeftAndTheChartsTwoToARow() throws Exception {
        Path file = write(overThreeMonths(), SCOPE);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            XSSFSheet sheet = wb.getSheet("Charts");
            List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(4);
            CTPlotArea months = charts.get(0).getCTChart().getPlotArea();
            assertThat(months.getBarChartArray(0).getSerList())
                    .extracting(ser -> HexFormat.of()
                            .withUpperCase()
                            .formatHex(ser.getSpPr().getSolidFill().getSrgbClr().getVal()))
                    .as("PASS green, FAIL red, WARN amber")
                    .containsExactly(
                            PortfolioCharts.PASS_COLOUR, PortfolioCharts.FAIL_COLOUR, PortfolioCharts.WARN_COLOUR);
            assertThat(months.getValAxArray(0).getCrosses().getVal())
                    .as("the months run backwards, so the value axis crosses at the last, drawn on the left")
                    .isEqualTo(STCrosses.MAX);
            assertThat(months.getValAxArray(0).isSetMajorGridlines()).isTrue();
            for (XSSFChart chart : charts.subList(1, 4)) {
                CTPlotArea plot = chart.getCTChart().getPlotArea();
                assertThat(plot.getBarChartArray(0).getSerArray(0).getSpPr().getSolidFill())
                        .as("every series has its own fill")
                        .isNotNull();
                assertThat(plot.getValAxArray(0).getCrosses().getVal()).isEqualTo(STCrosses.AUTO_ZERO);
            }
            List<int[]> corners = new java.util.ArrayList<>();
            for (org.apache.poi.xssf.usermodel.XSSFShape shape :
                    sheet.getDrawingPatriarch().getShapes()) {
                org.apache.poi.xssf.usermodel.XSSFClientAnchor a =
                        (org.apache.poi.xssf.usermodel.XSSFClientAnchor) shape.getAnchor();
                corners.add(new int[] {a.getCol1(), a.getRow1(), a.getCol2(), a.getRow2()});
            }
            assertThat(corners.get(0)[1]).isEqualTo(corners.get(1)[1]);
            assertThat(corners.get(1)[0]).as("side by side").isGreaterThan(corners.get(0)[2]);
            assertThat(corners.get(2)[1]).as("the next row below").isGreaterThan(corners.get(0)[3]);
            assertThat(corners.get(2)[0]).isEqualTo(corners.get(0)[0]);
            assertThat(corners.get(3)[0]).isEqualTo(corners.get(1)[0]);
            assertThat(corners.get(0)[0]).as("right of the category table").isGreaterThan(1);
        }
    }

    @Test
    void fileNameSaysTheScopeAndTheDay() {
        LocalDate today = LocalDate.parse("2026-12-03");
        assertThat(PortfolioReportWriter.fileNameFor(null, null, null, null, today))
                .isEqualTo("candor-portfolio-all-2026-12-03.xlsx");
        assertThat(PortfolioReportWriter.fileNameFor(" ", "", null, null, today))
                .isEqualTo("candor-portfolio-all-2026-12-03.xlsx");
        assertThat(PortfolioReportWriter.fileNameFor(
                        "Northwind Media",
                        "Acme Skincare",
                        LocalDate.parse("2026-10-01"),
                        LocalDate.parse("2026-10-31"),
                        today))
                .isEqualTo(
                        "candor-portfolio-agency-northwind-media-brand-acme-skincare-from-2026-10-01-to-2026-10-31-2026-12-03.xlsx");
    }

    @Test
    void fileNameOfHostileFilterValuesIsPlainAndShort() {
        LocalDate today = LocalDate.parse("2026-12-03");
        assertThat(PortfolioReportWriter.fileNameFor("../../etc/passwd\\\"; x=\r\n", null, null, null, today))
                .isEqualTo("candor-portfolio-agency-etc-passwd-x-2026-12-03.xlsx");
        assertThat(PortfolioReportWriter.fileNameFor(null, "Crème Brûlée", null, null, today))
                .isEqualTo("candor-portfolio-brand-creme-brulee-2026-12-03.xlsx");
        assertThat(PortfolioReportWriter.fileNameFor("日本", null, null, null, today))
                .isEqualTo("candor-portfolio-agency-x-2026-12-03.xlsx");
        assertThat(PortfolioReportWriter.fileNameFor("a".repeat(500), null, null, null, today))
                .isEqualTo("candor-portfolio-agency-" + "a".repeat(40) + "-2026-12-03.xlsx");
    }

    private static String titleOf(String ruleId) {
        return pack().catalog().stream()
                .filter(m -> m.id().equals(ruleId))
                .findFirst()
                .orElseThrow()
                .title();
    }

    private static void assertGroup(Row row, String name, int evaluations, int passed, int failed, double rate) {
        assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
        assertThat(texts(row).subList(0, 4))
                .containsExactly(
                        name, Integer.toString(evaluations), Integer.toString(passed), Integer.toString(failed));
        Cell cell = row.getCell(4);
        assertThat(cell.getCellType()).as("%s pass rate", name).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getNumericCellValue()).as("%s pass rate", name).isCloseTo(rate, within(1e-9));
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
    }
}
