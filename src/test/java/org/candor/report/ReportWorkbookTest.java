package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.report.ReportFixtures.evaluate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Waiver;
import org.candor.waiver.Waivers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways a report is built, rows in memory for a small one and through temporary files for
 * a large one, give the same workbook: read back with POI, the same cells, styles, column widths,
 * row heights, frozen headers, autofilters and print setup.
 */
class ReportWorkbookTest {

    private final ExcelReportWriter writer = new ExcelReportWriter();

    @TempDir
    Path tmp;

    /** The spec example with a waiver (dates and times on the Waivers sheet) and hostile text. */
    static EvaluationResult sample() {
        EvaluationResult r = evaluate(ReportFixtures.SPEC_EXAMPLE);
        Finding f = r.findings().get(0);
        Waiver w = new Waiver(
                "w-1",
                "e-1",
                f.ruleId(),
                f.subject(),
                "=HYPERLINK(\"http://x\") disclosed in the bio",
                "Head of Compliance",
                LocalDate.parse("2026-12-31"),
                "officer",
                Instant.parse("2026-10-03T10:00:00Z"));
        EvaluationResult applied = Waivers.apply(r, List.of(w), LocalDate.parse("2026-10-03"));
        List<Finding> findings = new ArrayList<>(applied.findings());
        findings.add(new Finding(
                f.ruleId(),
                f.title(),
                f.category(),
                f.severity(),
                f.subject(),
                "-1 line one\nline two _x0041_ " + "long ".repeat(40),
                "+caption\u0000with a control character",
                f.source(),
                f.remediation()));
        return applied.withFindings(findings);
    }

    /** A result with more rows than the in-memory way takes. */
    static EvaluationResult large(EvaluationResult r) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; findings.size() <= ExcelReportWriter.IN_MEMORY_ROWS; i++) {
            for (Finding f : r.findings()) {
                findings.add(new Finding(
                        f.ruleId(),
                        f.title(),
                        f.category(),
                        f.severity(),
                        f.subject() + "-" + i,
                        f.message(),
                        f.evidence(),
                        f.source(),
                        f.remediation()));
            }
        }
        return r.withFindings(findings);
    }

    byte[] bytes(EvaluationResult r, ReportWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(r, "jane@northwind.example", out, workbook);
        return out.toByteArray();
    }

    @Test
    void smallAndLargeWaysGiveTheSameCellsStylesAndLayout() throws Exception {
        for (EvaluationResult r : List.of(sample(), large(sample()))) {
            List<String> small = describe(bytes(r, ReportWorkbook.small()));
            List<String> large = describe(bytes(r, ReportWorkbook.large()));
            assertThat(small).hasSizeGreaterThan(r.findings().size() * 10);
            assertThat(small).isEqualTo(large);
        }
    }

    @Test
    void aSmallReportIsBuiltInMemoryAndALargeOneThroughTemporaryFiles() {
        EvaluationResult small = sample();
        EvaluationResult large = large(small);
        assertThat(ExcelReportWriter.rowsOf(small)).isLessThanOrEqualTo(ExcelReportWriter.IN_MEMORY_ROWS);
        assertThat(ExcelReportWriter.rowsOf(large)).isGreaterThan(ExcelReportWriter.IN_MEMORY_ROWS);
        assertThat(ExcelReportWriter.rowsOf(small))
                .isEqualTo(small.findings().size()
                        + small.posts().size()
                        + small.influencers().size()
                        + small.checks().size()
                        + small.waivers().size());
        try (ReportWorkbook inMemory = ReportWorkbook.small();
                ReportWorkbook streamed = ReportWorkbook.large()) {
            assertThat(inMemory.inMemory()).isTrue();
            assertThat(streamed.inMemory()).isFalse();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theInMemoryWayMakesNoTemporaryFilesTheStreamingWayOnePerSheet() throws Exception {
        List<String> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.poi.util.DefaultTempFileCreationStrategy files =
                new org.apache.poi.util.DefaultTempFileCreationStrategy(
                        tmp.resolve("poi").toFile());
        org.apache.poi.util.TempFileCreationStrategy recording = new org.apache.poi.util.TempFileCreationStrategy() {
            @Override
            public java.io.File createTempFile(String prefix, String suffix) throws IOException {
                made.add(prefix + suffix);
                return files.createTempFile(prefix, suffix);
            }

            @Override
            public java.io.File createTempDirectory(String prefix) throws IOException {
                made.add(prefix);
                return files.createTempDirectory(prefix);
            }
        };
        EvaluationResult r = sample();
        Path file = TempFile.withStrategy(recording, () -> {
            try {
                return writer.writeTo(tmp, r, "jane@northwind.example");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(made).as("the typical report").isEmpty();
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            assertThat(wb.getSheet("Findings").getLastRowNum())
                    .isEqualTo(r.findings().size());
        }

        byte[] streamed = TempFile.withStrategy(recording, () -> {
            try {
                return bytes(r, ReportWorkbook.large());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(made).as("one file per sheet").hasSize(ExcelReportWriter.SHEETS.size());
        assertThat(describe(streamed)).isEqualTo(describe(bytes(r, ReportWorkbook.small())));
    }

    @Test
    void theWorkbookIsWrittenWithTheJdksTransformerUnlessAnotherIsNamed() {
        assertThat(System.getProperty(ReportWorkbook.TRANSFORMER_FACTORY)).isNotNull();
        assertThat(javax.xml.transform.TransformerFactory.newInstance()
                        .getClass()
                        .getName())
                .isEqualTo(ReportWorkbook.JDK_TRANSFORMER_FACTORY);
    }

    /** Everything the reader of a workbook sees, one line per fact, in order. */
    static List<String> describe(byte[] workbook) throws IOException {
        List<String> lines = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            lines.add("creator " + wb.getProperties().getCoreProperties().getCreator());
            for (Sheet s : wb) {
                XSSFSheet sheet = (XSSFSheet) s;
                lines.add("sheet " + sheet.getSheetName());
                lines.add("pane " + sheet.getPaneInformation());
                CellRangeAddress filter = sheet.getCTWorksheet().isSetAutoFilter()
                        ? CellRangeAddress.valueOf(
                                sheet.getCTWorksheet().getAutoFilter().getRef())
                        : null;
                lines.add("autofilter " + filter);
                lines.add("repeating " + sheet.getRepeatingRows());
                lines.add("print landscape " + sheet.getPrintSetup().getLandscape() + " fit "
                        + sheet.getPrintSetup().getFitWidth() + "x"
                        + sheet.getPrintSetup().getFitHeight()
                        + " footer " + sheet.getFooter().getLeft() + " | "
                        + sheet.getFooter().getRight());
                for (int c = 0; c < 12; c++) {
                    lines.add("width " + c + " " + sheet.getColumnWidth(c));
                }
                for (Row row : sheet) {
                    lines.add("row " + row.getRowNum() + " height " + row.getHeight());
                    for (Cell cell : row) {
                        XSSFCellStyle style = (XSSFCellStyle) cell.getCellStyle();
                        XSSFColor fill = style.getFillForegroundXSSFColor();
                        lines.add(cell.getAddress() + " " + cell.getCellType() + " " + value(cell)
                                + " | format " + style.getDataFormatString()
                                + " bold " + style.getFont().getBold()
                                + " wrap " + style.getWrapText()
                                + " quote " + style.getQuotePrefixed()
                                + " fill " + (fill == null ? null : fill.getARGBHex())
                                + " border " + style.getBorderBottom()
                                + " align " + style.getVerticalAlignment());
                    }
                }
            }
        }
        return lines;
    }

    private static String value(Cell cell) {
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> Double.toString(cell.getNumericCellValue());
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case FORMULA -> "formula " + cell.getCellFormula();
            default -> "";
        };
    }
}
