package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.candor.report.ReportFixtures.assertAutoFilter;
import static org.candor.report.ReportFixtures.assertDateCell;
import static org.candor.report.ReportFixtures.assertHeaderFrozen;
import static org.candor.report.ReportFixtures.assertNoFormulas;
import static org.candor.report.ReportFixtures.assertPrintsAsTable;
import static org.candor.report.ReportFixtures.assertPrintsOnOnePage;
import static org.candor.report.ReportFixtures.display;
import static org.candor.report.ReportFixtures.evaluate;
import static org.candor.report.ReportFixtures.evaluateCampaign;
import static org.candor.report.ReportFixtures.fillOf;
import static org.candor.report.ReportFixtures.isBold;
import static org.candor.report.ReportFixtures.pack;
import static org.candor.report.ReportFixtures.result;
import static org.candor.report.ReportFixtures.sheetNames;
import static org.candor.report.ReportFixtures.summaryValue;
import static org.candor.report.ReportFixtures.texts;
import static org.candor.report.ReportFixtures.withChecks;
import static org.candor.report.ReportFixtures.withFindings;
import static org.candor.report.ReportFixtures.withReference;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.workbook.Print;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.RuleCheck;
import org.candor.evaluation.SubjectVerdict;
import org.candor.evaluation.Verdict;
import org.candor.rules.Category;
import org.candor.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelReportWriterTest {

    private static final String SUBMITTER = "jane@northwind.example";

    private final ExcelReportWriter writer = new ExcelReportWriter();

    @TempDir
    Path tmp;

    private Path write(EvaluationResult result) throws IOException {
        return writer.writeTo(tmp, result, SUBMITTER);
    }

    @Test
    void hasTheSixSheetsInOrder() throws Exception {
        Path file = write(evaluate(ReportFixtures.SPEC_EXAMPLE));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertThat(sheetNames(wb))
                    .containsExactly("Summary", "Findings", "Posts", "Influencers", "Checks", "Waivers");
        }
    }

    @Test
    void summaryStatesTheCampaignVerdictCountsRuleSetAndTimes() throws Exception {
        EvaluationResult r = evaluate(ReportFixtures.SPEC_EXAMPLE);
        assertThat(r.verdict()).as("precondition").isEqualTo(Verdict.FAIL);
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Summary");
            assertThat(summaryValue(s, "Campaign").getStringCellValue()).isEqualTo("ACME-SPRING-26");
            assertThat(summaryValue(s, "Agency").getStringCellValue()).isEqualTo("Northwind Media");
            assertThat(summaryValue(s, "Brand").getStringCellValue()).isEqualTo("Acme Skincare");
            assertThat(summaryValue(s, "Product category").getStringCellValue()).isEqualTo("COSMETICS");
            assertThat(summaryValue(s, "Jurisdictions").getStringCellValue()).isEqualTo("US, UK");

            Cell verdict = summaryValue(s, "Verdict");
            assertThat(verdict.getStringCellValue()).isEqualTo("FAIL");
            assertThat(fillOf(verdict)).isEqualTo("FFC7CE");
            assertThat(isBold(wb, verdict)).isTrue();

            assertThat(summaryValue(s, "FAIL").getNumericCellValue()).isEqualTo(3);
            assertThat(summaryValue(s, "WARN").getNumericCellValue()).isEqualTo(0);
            assertThat(summaryValue(s, "INFO").getNumericCellValue()).isEqualTo(0);
            assertThat(summaryValue(s, "DISCLOSURE").getNumericCellValue()).isEqualTo(1);
            assertThat(summaryValue(s, "ATTRIBUTION").getNumericCellValue()).isEqualTo(0);
            assertThat(summaryValue(s, "CLAIMS").getNumericCellValue()).isEqualTo(2);
            assertThat(summaryValue(s, "AUDIENCE").getNumericCellValue()).isEqualTo(0);

            assertThat(summaryValue(s, "Rule set").getStringCellValue())
                    .isEqualTo(pack().hash())
                    .hasSize(64);
            assertDateCell(
                    summaryValue(s, "Judged as of (UTC)"),
                    LocalDateTime.parse("2026-10-01T09:00:00"),
                    Styles.TIME_FORMAT);
            assertDateCell(
                    summaryValue(s, "Evaluated at (UTC)"),
                    LocalDateTime.parse("2026-10-20T14:05:09"),
                    Styles.TIME_FORMAT);
            assertThat(summaryValue(s, "Submitted by").getStringCellValue()).isEqualTo(SUBMITTER);
        }
    }

    @Test
    void aPassingCampaignHasAGreenVerdict() throws Exception {
        EvaluationResult r = evaluateCampaign("clean.json");
        assertThat(r.verdict()).as("precondition").isEqualTo(Verdict.PASS);
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Cell verdict = summaryValue(wb.getSheet("Summary"), "Verdict");
            assertThat(verdict.getStringCellValue()).isEqualTo("PASS");
            assertThat(fillOf(verdict)).isEqualTo("C6EFCE");
            assertThat(isBold(wb, verdict)).isTrue();
            assertThat(summaryValue(wb.getSheet("Summary"), "FAIL").getNumericCellValue())
                    .isZero();
        }
    }

    @Test
    void timesAreDateCellsOfTheirUtcTimeToTheSecondUnderALabelThatSaysUtc() throws Exception {
        EvaluationResult base = result("all-severities.json");
        Path file = write(base.withEvaluatedAt(Instant.parse("2026-10-05T08:30:15.987654Z")));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Cell at = summaryValue(wb.getSheet("Summary"), "Evaluated at (UTC)");
            assertDateCell(at, LocalDateTime.parse("2026-10-05T08:30:15"), "yyyy-mm-dd hh:mm:ss");
            assertThat(display(at)).isEqualTo("2026-10-05 08:30:15");
            assertThat(wb.getSheet("Summary").getColumnWidth(1))
                    .as("the value column shows a whole time")
                    .isGreaterThanOrEqualTo(display(at).length() * 256);
        }
    }

    @Test
    void aTimeASpreadsheetCannotHoldAsADateStaysIsoText() throws Exception {
        EvaluationResult base = result("all-severities.json");
        Path file = write(base.withEvaluatedAt(Instant.parse("1899-12-31T23:59:59Z")));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Cell at = summaryValue(wb.getSheet("Summary"), "Evaluated at (UTC)");
            assertThat(at.getCellType()).isEqualTo(CellType.STRING);
            assertThat(at.getStringCellValue()).isEqualTo("1899-12-31T23:59:59Z");
        }
        Path none = write(base.withEvaluatedAt(null));
        try (XSSFWorkbook wb = new XSSFWorkbook(none.toFile())) {
            assertThat(summaryValue(wb.getSheet("Summary"), "Evaluated at (UTC)")
                            .getStringCellValue())
                    .isEmpty();
        }
    }

    @Test
    void findingsHaveOneRowPerFindingWithEveryField() throws Exception {
        EvaluationResult r = evaluate(ReportFixtures.SPEC_EXAMPLE);
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Findings");
            assertThat(texts(s.getRow(0)))
                    .containsExactly(
                            "Rule",
                            "Title",
                            "Category",
                            "Severity",
                            "Subject",
                            "Message",
                            "Evidence",
                            "Source",
                            "Remediation",
                            "Waived");
            assertThat(s.getLastRowNum()).isEqualTo(3);
            for (int i = 0; i < r.findings().size(); i++) {
                Finding f = r.findings().get(i);
                assertThat(texts(s.getRow(i + 1)))
                        .as("row %d", i + 1)
                        .containsExactly(
                                f.ruleId(),
                                f.title(),
                                f.category().name(),
                                f.severity().name(),
                                f.subject(),
                                f.message(),
                                f.evidence(),
                                f.source(),
                                f.remediation(),
                                "");
            }
            Row claim001 = s.getRow(1);
            assertThat(claim001.getCell(0).getStringCellValue()).isEqualTo("CLAIM-001");
            assertThat(claim001.getCell(4).getStringCellValue()).isEqualTo("influencer:jane.doe");
            assertThat(claim001.getCell(5).getStringCellValue())
                    .isEqualTo("states 120,000 followers, 22.4% above the 98,000 verified (limit 10%)");
            for (Cell cell : claim001) {
                assertThat(fillOf(cell))
                        .as("FAIL row, column %d", cell.getColumnIndex())
                        .isEqualTo("FDE9E7");
            }
            assertHeaderFrozen(s);
            assertAutoFilter(s, "A1:J4");
        }
    }

    @Test
    void waiversShowInTheSummaryOnTheirSheetAndOnTheFindingsTheyCover() throws Exception {
        EvaluationResult r = evaluate(ReportFixtures.SPEC_EXAMPLE);
        Finding waived = r.findings().stream()
                .filter(f -> f.ruleId().equals("DISC-012"))
                .findFirst()
                .orElseThrow();
        org.candor.evaluation.Waiver w = new org.candor.evaluation.Waiver(
                "w-1",
                "e-1",
                waived.ruleId(),
                waived.subject(),
                "Commission disclosed in the bio link page",
                "Head of Compliance",
                java.time.LocalDate.parse("2026-12-31"),
                "officer",
                java.time.Instant.parse("2026-10-03T10:00:00Z"));
        EvaluationResult applied =
                org.candor.waiver.Waivers.apply(r, java.util.List.of(w), java.time.LocalDate.parse("2026-10-03"));
        Path file = write(applied);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet waivers = wb.getSheet("Waivers");
            assertThat(texts(waivers.getRow(0)))
                    .containsExactly(
                            "Rule",
                            "Subject",
                            "Justification",
                            "Approver",
                            "Expires on",
                            "Created by",
                            "Created at (UTC)",
                            "Ended by",
                            "Ended at (UTC)",
                            "Waiver");
            assertThat(texts(waivers.getRow(1)))
                    .containsExactly(
                            "DISC-012",
                            "post:p1",
                            "Commission disclosed in the bio link page",
                            "Head of Compliance",
                            "2026-12-31",
                            "officer",
                            "2026-10-03 10:00:00",
                            "",
                            "",
                            "w-1");
            assertDateCell(waivers.getRow(1).getCell(4), LocalDateTime.parse("2026-12-31T00:00:00"), "yyyy-mm-dd");
            assertDateCell(
                    waivers.getRow(1).getCell(6), LocalDateTime.parse("2026-10-03T10:00:00"), Styles.TIME_FORMAT);
            Sheet findings = wb.getSheet("Findings");
            boolean marked = false;
            for (int i = 1; i <= findings.getLastRowNum(); i++) {
                Row row = findings.getRow(i);
                if (row.getCell(0).getStringCellValue().equals("DISC-012")) {
                    assertThat(row.getCell(9).getStringCellValue())
                            .as("the approver and the expiry, not the waiver id")
                            .isEqualTo("waived by Head of Compliance until 2026-12-31");
                    marked = true;
                }
            }
            assertThat(marked).isTrue();
            Sheet summary = wb.getSheet("Summary");
            boolean counted = false;
            for (Row row : summary) {
                if (row.getCell(0) != null
                        && row.getCell(0).getStringCellValue().equals("Findings waived")) {
                    assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(1.0);
                    counted = true;
                }
            }
            assertThat(counted).isTrue();
        }
    }

    @Test
    void findingRowsAreColouredBySeverity() throws Exception {
        Path file = write(result("all-severities.json"));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Findings");
            assertThat(s.getRow(1).getCell(3).getStringCellValue()).isEqualTo("FAIL");
            assertThat(s.getRow(2).getCell(3).getStringCellValue()).isEqualTo("WARN");
            assertThat(s.getRow(3).getCell(3).getStringCellValue()).isEqualTo("INFO");
            for (int c = 0; c < 9; c++) {
                assertThat(fillOf(s.getRow(1).getCell(c))).as("FAIL light red").isEqualTo("FDE9E7");
                assertThat(fillOf(s.getRow(2).getCell(c)))
                        .as("WARN light amber")
                        .isEqualTo("FFF2CC");
                assertThat(fillOf(s.getRow(3).getCell(c))).as("INFO light blue").isEqualTo("DDEBF7");
            }
            assertThat(fillOf(s.getRow(0).getCell(0))).as("header").isEqualTo("D9E1F2");
            assertThat(isBold(wb, s.getRow(0).getCell(0))).isTrue();
            assertThat(s.getRow(1).getCell(6).getStringCellValue())
                    .as("line breaks kept")
                    .isEqualTo("caption: Loving this serum\nsecond line of the caption");
        }
    }

    @Test
    void findingColumnsAreSizedToBeReadAndLongTextWraps() throws Exception {
        Path file = write(evaluate(ReportFixtures.SPEC_EXAMPLE));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Findings");
            for (int c = 0; c < 9; c++) {
                assertThat(s.getColumnWidth(c)).as("column %d", c).isBetween(8 * 256, 60 * 256);
            }
            assertThat(s.getColumnWidth(5))
                    .as("Message column: wider than its header, at most 60 characters")
                    .isGreaterThan(20 * 256)
                    .isLessThanOrEqualTo(60 * 256);
            assertThat(s.getColumnWidth(0)).as("Rule column fits 'CLAIM-001'").isGreaterThanOrEqualTo(9 * 256);
            Row row = s.getRow(1);
            assertThat(row.getCell(5).getCellStyle().getWrapText())
                    .as("Message wraps")
                    .isTrue();
            assertThat(row.getCell(8).getCellStyle().getWrapText())
                    .as("Remediation wraps")
                    .isTrue();
            assertThat(row.getCell(0).getCellStyle().getWrapText())
                    .as("Rule does not")
                    .isFalse();
        }
    }

    @Test
    void postsAndInfluencersShowEachSubjectWithItsVerdictAndCounts() throws Exception {
        EvaluationResult r = evaluateCampaign("southwind.json");
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet posts = wb.getSheet("Posts");
            assertThat(texts(posts.getRow(0)))
                    .containsExactly("Post", "Influencer", "Platform/format", "Verdict", "FAIL", "WARN", "INFO");
            assertThat(posts.getLastRowNum()).isEqualTo(2);
            assertThat(texts(posts.getRow(1)))
                    .containsExactly("glow-1", "mia.k", "INSTAGRAM FEED", "FAIL", "2", "0", "0");
            assertThat(texts(posts.getRow(2)))
                    .containsExactly("glow-2", "leo.r", "TIKTOK SHORT_VIDEO", "PASS", "0", "0", "0");
            assertThat(posts.getRow(1).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(fillOf(posts.getRow(1).getCell(3))).isEqualTo("FFC7CE");
            assertThat(fillOf(posts.getRow(2).getCell(3))).isEqualTo("C6EFCE");
            assertThat(fillOf(posts.getRow(1).getCell(0)))
                    .as("only the verdict is coloured")
                    .isNull();
            assertHeaderFrozen(posts);
            assertAutoFilter(posts, "A1:G3");

            Sheet influencers = wb.getSheet("Influencers");
            assertThat(texts(influencers.getRow(0)))
                    .containsExactly("Influencer", "Name", "Posts failed", "Verdict", "FAIL", "WARN", "INFO");
            List<SubjectVerdict> expected = r.influencers();
            assertThat(influencers.getLastRowNum()).isEqualTo(expected.size());
            assertThat(texts(influencers.getRow(1)))
                    .containsExactly(
                            "mia.k",
                            "Mia K",
                            "1 failed post(s)",
                            expected.get(0).verdict().name(),
                            Integer.toString(expected.get(0).fails()),
                            "0",
                            "0");
            assertThat(texts(influencers.getRow(2)))
                    .containsExactly("leo.r", "Leo R", "0 failed post(s)", "PASS", "0", "0", "0");
            assertThat(fillOf(influencers.getRow(2).getCell(3))).isEqualTo("C6EFCE");
            assertHeaderFrozen(influencers);
            assertAutoFilter(influencers, "A1:G3");
        }
    }

    @Test
    void checksListEveryRuleOfThePackWithWhatItExaminedAndFailed() throws Exception {
        EvaluationResult r = evaluate(ReportFixtures.SPEC_EXAMPLE);
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Checks");
            assertThat(texts(s.getRow(0)))
                    .containsExactly(
                            "Rule", "Title", "Category", "Severity", "Applies", "Examined", "Failed", "Warned");
            int rules = pack().catalog().size();
            assertThat(rules).as("precondition").isGreaterThan(30);
            assertThat(s.getLastRowNum()).isEqualTo(rules);
            for (int i = 0; i < rules; i++) {
                RuleCheck c = r.checks().get(i);
                assertThat(texts(s.getRow(i + 1)))
                        .as("row %d", i + 1)
                        .containsExactly(
                                c.ruleId(),
                                c.title(),
                                c.category().name(),
                                c.severity().name(),
                                c.applicable() ? "yes" : "no",
                                Integer.toString(c.examined()),
                                Integer.toString(c.failed()),
                                Integer.toString(c.warned()));
            }
            Row disc012 = rowOf(s, "DISC-012");
            assertThat(texts(disc012).subList(4, 8)).containsExactly("yes", "1", "1", "0");
            Row disc014 = rowOf(s, "DISC-014");
            assertThat(texts(disc014).subList(4, 8))
                    .as("FR rule, US/UK campaign")
                    .containsExactly("no", "0", "0", "0");
            assertHeaderFrozen(s);
            assertAutoFilter(s, "A1:H" + (rules + 1));
        }
    }

    @Test
    void aCleanReportHasNoFindingRowsButStillShowsWhatWasChecked() throws Exception {
        EvaluationResult r = evaluateCampaign("clean.json");
        assertThat(r.findings()).as("precondition").isEmpty();
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet findings = wb.getSheet("Findings");
            assertThat(findings.getLastRowNum()).isZero();
            assertThat(texts(findings.getRow(0))).hasSize(10);
            assertHeaderFrozen(findings);
            assertAutoFilter(findings, "A1:J1");
            assertThat(wb.getSheet("Checks").getLastRowNum())
                    .isEqualTo(pack().catalog().size());
            assertThat(texts(rowOf(wb.getSheet("Checks"), "DISC-001")).subList(4, 8))
                    .containsExactly("yes", "1", "0", "0");
        }
    }

    @Test
    void submissionTextThatLooksLikeAFormulaStaysLiteralText() throws Exception {
        EvaluationResult r = evaluateCampaign("hostile.json");
        Path file = write(r);
        String hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet summary = wb.getSheet("Summary");
            assertLiteral(summaryValue(summary, "Campaign"), hyperlink, true);
            assertLiteral(summaryValue(summary, "Agency"), "+1", true);
            assertLiteral(summaryValue(summary, "Brand"), "-2", true);

            Row post = wb.getSheet("Posts").getRow(1);
            assertLiteral(post.getCell(0), "-2", true);
            assertLiteral(post.getCell(1), "@SUM(A1)", true);
            assertLiteral(post.getCell(2), "INSTAGRAM FEED", false);

            Sheet influencers = wb.getSheet("Influencers");
            assertLiteral(influencers.getRow(1).getCell(0), "@SUM(A1)", true);
            assertLiteral(influencers.getRow(1).getCell(1), hyperlink, true);
            assertLiteral(influencers.getRow(2).getCell(0), "plain", false);
            assertLiteral(influencers.getRow(2).getCell(1), "+1 the plain one", true);

            Row finding = wb.getSheet("Findings").getRow(1);
            assertLiteral(finding.getCell(4), "post:-2", false);
            assertLiteral(finding.getCell(6), "caption: " + hyperlink + " the best thing I bought this year", false);

            assertNoFormulas(wb, file);
        }
    }

    @Test
    void everyTextFieldOfAFindingStaysLiteral() throws Exception {
        Path file = write(result("hostile-finding.json"));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Row row = wb.getSheet("Findings").getRow(1);
            assertLiteral(row.getCell(1), "\tTabbed title", true);
            assertLiteral(row.getCell(4), "\rsubject", true);
            assertLiteral(row.getCell(5), "=HYPERLINK(\"http://x\",\"y\")", true);
            assertLiteral(row.getCell(6), "+1", true);
            assertLiteral(row.getCell(7), "-2", true);
            assertLiteral(row.getCell(8), "@SUM(A1)", true);

            Row odd = wb.getSheet("Findings").getRow(2);
            assertLiteral(odd.getCell(4), "post:=cmd|' /C calc'!A0", false);
            assertLiteral(odd.getCell(5), "bell \uFFFD and nul \uFFFD here", false);
            assertLiteral(odd.getCell(6), "\uFF1D1+1", true);
            assertLiteral(odd.getCell(7), "ok = fine", false);
            assertLiteral(odd.getCell(8), "-", true);

            Row escapeLike = wb.getSheet("Findings").getRow(3);
            assertLiteral(escapeLike.getCell(5), "_x003D_HYPERLINK(\"http://x\",\"y\")", false);
            assertLiteral(escapeLike.getCell(6), "_x0041_x0042_", false);
            assertLiteral(escapeLike.getCell(7), "a_x005F_b", false);
            assertLiteral(escapeLike.getCell(8), "_x12_", false);

            assertLiteral(wb.getSheet("Posts").getRow(1).getCell(0), "=cmd|' /C calc'!A0", true);
            assertLiteral(wb.getSheet("Posts").getRow(1).getCell(1), "+influencer", true);
            assertLiteral(wb.getSheet("Influencers").getRow(1).getCell(0), "-rm", true);
            assertLiteral(wb.getSheet("Influencers").getRow(1).getCell(1), "=1+1", true);
            assertLiteral(summaryValue(wb.getSheet("Summary"), "Agency"), "@agency", true);
            assertLiteral(summaryValue(wb.getSheet("Summary"), "Brand"), "\tbrand", true);

            assertNoFormulas(wb, file);
        }
    }

    @Test
    void textLongerThanACellHoldsIsCutAndMarked() throws Exception {
        EvaluationResult base = result("all-severities.json");
        String longMessage = "x".repeat(40_000);
        String emojiAtTheCut =
                "y".repeat(Cells.MAX_TEXT - Cells.TRUNCATED.length() - 1) + "\uD83D\uDE00" + "z".repeat(100);
        Finding f = base.findings().get(0);
        EvaluationResult r = withFindings(
                base,
                List.of(new Finding(
                        f.ruleId(),
                        f.title(),
                        f.category(),
                        f.severity(),
                        f.subject(),
                        longMessage,
                        emojiAtTheCut,
                        f.source(),
                        f.remediation())));
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Row row = wb.getSheet("Findings").getRow(1);
            String message = row.getCell(5).getStringCellValue();
            assertThat(message).hasSize(32_767).startsWith("xxxx").endsWith(" [... truncated]");
            String evidence = row.getCell(6).getStringCellValue();
            assertThat(evidence)
                    .as("cut before the emoji, not through it")
                    .isEqualTo("y".repeat(Cells.MAX_TEXT - Cells.TRUNCATED.length() - 1) + " [... truncated]");
        }
    }

    @Test
    void fileNameIsTheReferenceAndTheShortRuleSetHash() {
        EvaluationResult r = evaluate(ReportFixtures.SPEC_EXAMPLE);
        assertThat(ExcelReportWriter.fileNameFor(r))
                .isEqualTo("ACME-SPRING-26-" + pack().hash().substring(0, 12) + ".xlsx");
    }

    @Test
    void fileNameOfAHostileReferenceStaysInsideItsFolder() {
        EvaluationResult base = result("all-severities.json");
        String hash = "abcdef012345";
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, "../../etc/passwd")))
                .isEqualTo("etc_passwd-" + hash + ".xlsx");
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, "a/b\\c"))).isEqualTo("a_b_c-" + hash + ".xlsx");
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, ".."))).isEqualTo("campaign-" + hash + ".xlsx");
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, ""))).isEqualTo("campaign-" + hash + ".xlsx");
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, null))).isEqualTo("campaign-" + hash + ".xlsx");
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, "C:\\Windows\\win.ini")))
                .isEqualTo("C_Windows_win.ini-" + hash + ".xlsx");
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, ".hidden..name.")))
                .isEqualTo("hidden_name-" + hash + ".xlsx");
        assertThat(ExcelReportWriter.fileNameFor(withReference(base, "  Spring ünïcode  ")))
                .isEqualTo("Spring_n_code-" + hash + ".xlsx");

        String longName = ExcelReportWriter.fileNameFor(withReference(base, "A".repeat(5_000)));
        assertThat(longName).isEqualTo("A".repeat(80) + "-" + hash + ".xlsx");

        for (String hostile : List.of(
                "../../etc/passwd",
                "a/b\\c",
                "..\\..\\x",
                "/abs/path",
                "x/../../y",
                "....//....//",
                "-rf",
                "nul\u0000byte",
                "%2e%2e%2f",
                "a".repeat(300) + "/..")) {
            String name = ExcelReportWriter.fileNameFor(withReference(base, hostile));
            assertThat(name)
                    .as(hostile)
                    .matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}-[0-9a-f]{12}\\.xlsx")
                    .doesNotContain("..")
                    .doesNotContain("/")
                    .doesNotContain("\\");
            Path dir = tmp.resolve("reports");
            assertThat(dir.resolve(name).normalize().getParent()).isEqualTo(dir);
        }
    }

    @Test
    void writeToMakesTheFolderAndPutsTheReportInsideIt() throws Exception {
        Path dir = tmp.resolve("reports").resolve("2026");
        EvaluationResult r = withReference(evaluate(ReportFixtures.SPEC_EXAMPLE), "../../etc/passwd");
        Path file = writer.writeTo(dir, r, SUBMITTER);
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).isEqualTo(ExcelReportWriter.fileNameFor(r));
        assertThat(file).isRegularFile();

        Path again = writer.writeTo(dir, r, "someone else");
        assertThat(again).isEqualTo(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("one report, no partial files left").containsExactly(file);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).as("nothing written outside the folder").containsExactly(tmp.resolve("reports"));
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet summary = wb.getSheet("Summary");
            assertThat(summaryValue(summary, "Campaign").getStringCellValue()).isEqualTo("../../etc/passwd");
            assertThat(summaryValue(summary, "Submitted by").getStringCellValue())
                    .as("the second write replaced the first")
                    .isEqualTo("someone else");
        }
    }

    @Test
    void aCopyThatCannotTakeItsPlaceFailsAndLeavesNoPartialFile() throws Exception {
        Path dir = tmp.resolve("reports");
        EvaluationResult r = evaluate(ReportFixtures.SPEC_EXAMPLE);
        // a folder, not empty, where the report's file would go: the rename onto it fails
        Path taken = Files.createDirectories(dir.resolve(ExcelReportWriter.fileNameFor(r)));
        Files.writeString(taken.resolve("keep.txt"), "someone's file");

        assertThatThrownBy(() -> writer.writeTo(dir, r, SUBMITTER)).isInstanceOf(IOException.class);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files)
                    .as("the written part removed, the folder in the way untouched")
                    .containsExactly(taken);
        }
        assertThat(taken.resolve("keep.txt")).hasContent("someone's file");
    }

    @Test
    void writeLeavesTheCallersStreamOpen() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream out = new FilterOutputStream(bytes) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        writer.write(result("all-severities.json"), null, out);
        assertThat(closed[0]).isFalse();
        assertThat(bytes.toByteArray()).startsWith((byte) 'P', (byte) 'K');
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(summaryValue(wb.getSheet("Summary"), "Submitted by").getStringCellValue())
                    .isEmpty();
            assertThat(summaryValue(wb.getSheet("Summary"), "Jurisdictions").getStringCellValue())
                    .isEqualTo("US, FR");
        }
    }

    @Test
    void severityAndCategoryRowsCoverEveryValueOfTheEnums() throws Exception {
        Path file = write(result("all-severities.json"));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Summary");
            for (Severity sev : Severity.values()) {
                assertThat(summaryValue(s, sev.name()).getNumericCellValue())
                        .as(sev.name())
                        .isEqualTo(1);
            }
            assertThat(summaryValue(s, Category.AUDIENCE.name()).getNumericCellValue())
                    .isZero();
            assertThat(summaryValue(s, Category.CLAIMS.name()).getNumericCellValue())
                    .isEqualTo(1);
        }
    }

    @Test
    void summaryPrintsOnOnePageAndEveryTableAcrossOnePageWithItsHeaderOnEach() throws Exception {
        Path file = write(evaluate(ReportFixtures.SPEC_EXAMPLE));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertPrintsOnOnePage(wb.getSheet("Summary"));
            for (String name : List.of("Findings", "Posts", "Influencers", "Checks", "Waivers")) {
                Sheet sheet = wb.getSheet(name);
                int chars = 0;
                for (int c = 0; c < sheet.getRow(0).getLastCellNum(); c++) {
                    chars += sheet.getColumnWidth(c) / 256;
                }
                assertPrintsAsTable(sheet, chars > Print.PORTRAIT_CHARS);
            }
            assertThat(wb.getSheet("Findings").getPrintSetup().getLandscape())
                    .as("ten columns of text print landscape")
                    .isTrue();
            assertThat(wb.getSheet("Posts").getPrintSetup().getLandscape())
                    .as("the narrow posts table prints portrait")
                    .isFalse();
        }
    }

    @Test
    void rowsOfWrappedTextAreTallEnoughForTheLinesTheyTake() throws Exception {
        EvaluationResult base = result("all-severities.json");
        Finding template = base.findings().get(0);
        // 90 words of 5 letters: 9 to a line of the Message column (60 wide, 58 characters to a
        // line: 9 words and their spaces take 53, 10 take 59), so 10 lines of 15 points.
        String ninetyWords = String.join(" ", java.util.Collections.nCopies(90, "lorem"));
        Finding tall = copy(template, ninetyWords, "evidence");
        Finding fiveLines = copy(template, "short", "one\ntwo\nthree\nfour\nfive");
        Finding huge = copy(template, "x ".repeat(20_000), "evidence");
        Finding plain = copy(template, "short", "evidence");
        Path file = write(withFindings(base, List.of(tall, fiveLines, huge, plain)));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Findings");
            assertThat(s.getColumnWidth(5))
                    .as("precondition: Message at its cap")
                    .isEqualTo(60 * 256);
            assertThat(s.getRow(1).getHeightInPoints()).isEqualTo(150f);
            assertThat(s.getRow(2).getHeightInPoints())
                    .as("one line per line of the text")
                    .isEqualTo(75f);
            assertThat(s.getRow(3).getHeightInPoints())
                    .as("as tall as a row gets")
                    .isEqualTo(409f);
            assertThat(((org.apache.poi.xssf.usermodel.XSSFRow) s.getRow(4))
                            .getCTRow()
                            .isSetHt())
                    .as("a row of one line keeps the default height")
                    .isFalse();
        }
    }

    @Test
    void aLongSummaryValueWrapsInATallerRow() throws Exception {
        // 200 characters without a space, in a value column of 80 (78 to a line): 3 lines.
        Path file = write(withReference(result("all-severities.json"), "R".repeat(200)));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Cell campaign = summaryValue(wb.getSheet("Summary"), "Campaign");
            assertThat(campaign.getCellStyle().getWrapText()).isTrue();
            assertThat(campaign.getRow().getHeightInPoints()).isEqualTo(45f);
            assertThat(wb.getSheet("Summary").getColumnWidth(1)).isEqualTo(LabelValues.VALUE_WIDTH * 256);
        }
    }

    @Test
    void checksColourTheRulesThatFailedRedAndThoseThatWarnedAmber() throws Exception {
        EvaluationResult base = result("all-severities.json");
        List<RuleCheck> checks = List.of(
                new RuleCheck("DISC-001", "No disclosure", Category.DISCLOSURE, Severity.FAIL, true, 2, 1, 0),
                new RuleCheck("DISC-010", "Platform label only", Category.DISCLOSURE, Severity.WARN, true, 2, 0, 1),
                new RuleCheck("CLAIM-001", "Audience overstated", Category.CLAIMS, Severity.FAIL, true, 1, 0, 0),
                new RuleCheck("DISC-014", "French mention", Category.DISCLOSURE, Severity.FAIL, false, 0, 0, 0));
        Path file = write(withChecks(base, checks));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Checks");
            for (int c = 0; c < 8; c++) {
                assertThat(fillOf(s.getRow(1).getCell(c)))
                        .as("failed, column %d", c)
                        .isEqualTo("FDE9E7");
                assertThat(fillOf(s.getRow(2).getCell(c)))
                        .as("warned, column %d", c)
                        .isEqualTo("FFF2CC");
                assertThat(fillOf(s.getRow(3).getCell(c)))
                        .as("passed, column %d", c)
                        .isNull();
                assertThat(fillOf(s.getRow(4).getCell(c)))
                        .as("did not apply, column %d", c)
                        .isNull();
            }
        }
        Path real = write(evaluate(ReportFixtures.SPEC_EXAMPLE));
        try (XSSFWorkbook wb = new XSSFWorkbook(real.toFile())) {
            Sheet s = wb.getSheet("Checks");
            assertThat(fillOf(rowOf(s, "DISC-012").getCell(0))).isEqualTo("FDE9E7");
            assertThat(fillOf(rowOf(s, "DISC-001").getCell(0))).isNull();
        }
    }

    @Test
    void aWaiverEndedEarlySaysWhoEndedItAndWhenBesideItsExpiry() throws Exception {
        EvaluationResult base = result("all-severities.json");
        Finding f = base.findings().get(0);
        org.candor.evaluation.Waiver ended = new org.candor.evaluation.Waiver(
                "w-2",
                "e-1",
                f.ruleId(),
                f.subject(),
                "Disclosed in the video",
                "Head of Compliance",
                LocalDate.parse("2026-12-31"),
                "officer",
                Instant.parse("2026-10-03T10:00:00Z"),
                "officer2",
                Instant.parse("2026-11-02T23:30:00Z"));
        org.candor.evaluation.Waiver ancient = new org.candor.evaluation.Waiver(
                "w-3",
                "e-1",
                "X-1",
                "post:none",
                "Typed in by hand",
                "Someone",
                LocalDate.parse("1850-01-01"),
                "officer",
                Instant.parse("2026-10-03T10:00:00Z"));
        List<Finding> findings = new java.util.ArrayList<>(base.findings());
        findings.set(0, f.withWaiver(ended));
        EvaluationResult r = withFindings(base, findings);
        r = r.withWaivers(r.findings(), List.of(ended, ancient));
        Path file = write(r);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertThat(wb.getSheet("Findings").getRow(1).getCell(9).getStringCellValue())
                    .isEqualTo("waived by Head of Compliance until 2026-12-31; ended by officer2 on 2026-11-02");
            Row row = wb.getSheet("Waivers").getRow(1);
            assertThat(texts(row).subList(7, 10)).containsExactly("officer2", "2026-11-02 23:30:00", "w-2");
            assertDateCell(row.getCell(8), LocalDateTime.parse("2026-11-02T23:30:00"), Styles.TIME_FORMAT);
            Cell before1900 = wb.getSheet("Waivers").getRow(2).getCell(4);
            assertThat(before1900.getCellType())
                    .as("a day a spreadsheet cannot hold stays text")
                    .isEqualTo(CellType.STRING);
            assertThat(before1900.getStringCellValue()).isEqualTo("1850-01-01");
        }
    }

    @Test
    void everyCellNamesItsFontRatherThanTheThemesWhichTheWorkbookDoesNotCarry() throws Exception {
        Path file = write(evaluate(ReportFixtures.SPEC_EXAMPLE));
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        org.apache.poi.xssf.usermodel.XSSFFont font =
                                ((org.apache.poi.xssf.usermodel.XSSFCellStyle) cell.getCellStyle()).getFont();
                        assertThat(font.getFontName())
                                .as("%s!%s", sheet.getSheetName(), cell.getAddress())
                                .isEqualTo("Calibri");
                        assertThat(font.getFontHeightInPoints()).isEqualTo((short) 11);
                        assertThat(font.getScheme())
                                .as("%s!%s", sheet.getSheetName(), cell.getAddress())
                                .isEqualTo(org.apache.poi.ss.usermodel.FontScheme.NONE);
                    }
                }
            }
        }
    }

    private static Finding copy(Finding f, String message, String evidence) {
        return new Finding(
                f.ruleId(),
                f.title(),
                f.category(),
                f.severity(),
                f.subject(),
                message,
                evidence,
                f.source(),
                f.remediation());
    }

    private static Row rowOf(Sheet sheet, String firstCell) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && firstCell.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + firstCell + " in " + sheet.getSheetName());
    }

    private static void assertLiteral(Cell cell, String text, boolean quoted) {
        assertThat(cell.getCellType()).as("%s type", cell.getAddress()).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).as("%s text", cell.getAddress()).isEqualTo(text);
        assertThat(display(cell)).isEqualTo(text);
        assertThat(cell.getCellStyle().getQuotePrefixed())
                .as("%s quote prefix", cell.getAddress())
                .isEqualTo(quoted);
    }
}
