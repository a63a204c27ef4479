package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.evaluation.RuleCheck;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;

/** Evaluations to report on, and ways to read the written workbooks back. */
final class ReportFixtures {

    static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");
    static final Path CAMPAIGNS = Path.of("src/test/resources/report/campaigns");
    static final Path RESULTS = Path.of("src/test/resources/report/results");

    /** When the evaluations of these tests happen. */
    static final Instant EVALUATED_AT = Instant.parse("2026-10-20T14:05:09Z");

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ReportFixtures() {}

    /** The default rule pack, built once: building is the slow part. */
    static RuleSet pack() {
        return Pack.PACK;
    }

    private static final class Pack {
        static final RuleSet PACK = new RuleSetLoader().load(Path.of("rules"));
    }

    /** The default pack's verdict on a campaign file, evaluated at {@link #EVALUATED_AT}. */
    static EvaluationResult evaluate(Path campaign) {
        try {
            return new Evaluator(Clock.fixed(EVALUATED_AT, ZoneOffset.UTC))
                    .evaluate(new CampaignReader().read(campaign), pack());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static EvaluationResult evaluateCampaign(String name) {
        return evaluate(CAMPAIGNS.resolve(name));
    }

    /** A result written by hand, for what the default pack does not produce (INFO findings, say). */
    static EvaluationResult result(String name) {
        try {
            return JSON.readValue(RESULTS.resolve(name).toFile(), EvaluationResult.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static EvaluationResult withReference(EvaluationResult r, String reference) {
        return r.withReference(reference);
    }

    static EvaluationResult withFindings(EvaluationResult r, List<Finding> findings) {
        return r.withFindings(findings);
    }

    static EvaluationResult withChecks(EvaluationResult r, List<RuleCheck> checks) {
        return new EvaluationResult(
                r.reference(),
                r.agency(),
                r.brand(),
                r.productCategory(),
                r.jurisdictions(),
                r.asOf(),
                r.evaluatedAt(),
                r.ruleSetHash(),
                r.verdict(),
                r.counts(),
                r.findings(),
                r.posts(),
                r.influencers(),
                checks,
                r.waivers());
    }

    /**
     * Asserts a cell is a date cell: numeric, with the number format given, which a spreadsheet
     * reads as a date format, holding {@code expected}.
     */
    static void assertDateCell(Cell cell, java.time.LocalDateTime expected, String format) {
        assertThat(cell.getCellType()).as("%s type", cell.getAddress()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getCellStyle().getDataFormatString())
                .as("%s format", cell.getAddress())
                .isEqualTo(format);
        assertThat(DateUtil.isCellDateFormatted(cell))
                .as("%s is a date", cell.getAddress())
                .isTrue();
        assertThat(cell.getLocalDateTimeCellValue())
                .as("%s value", cell.getAddress())
                .isEqualTo(expected);
    }

    /**
     * Asserts how a table sheet prints: one page across and as many down as it takes, the header
     * row on every page, landscape or not, the sheet's name and page numbers in the footer.
     */
    static void assertPrintsAsTable(Sheet sheet, boolean landscape) {
        assertPrintSetup(sheet, landscape, 0);
        assertThat(sheet.getRepeatingRows())
                .as("%s repeats its header row", sheet.getSheetName())
                .isEqualTo(org.apache.poi.ss.util.CellRangeAddress.valueOf("1:1"));
    }

    /** Asserts a sheet prints on one portrait page. */
    static void assertPrintsOnOnePage(Sheet sheet) {
        assertPrintSetup(sheet, false, 1);
    }

    static void assertPrintSetup(Sheet sheet, boolean landscape, int pagesDown) {
        String name = sheet.getSheetName();
        assertThat(sheet.getFitToPage()).as("%s fits to page", name).isTrue();
        assertThat(sheet.getPrintSetup().getFitWidth())
                .as("%s pages across", name)
                .isEqualTo((short) 1);
        assertThat(sheet.getPrintSetup().getFitHeight())
                .as("%s pages down", name)
                .isEqualTo((short) pagesDown);
        assertThat(sheet.getPrintSetup().getLandscape())
                .as("%s landscape", name)
                .isEqualTo(landscape);
        assertThat(sheet.getFooter().getLeft()).as("%s footer", name).isEqualTo("&A");
        assertThat(sheet.getFooter().getRight()).as("%s footer", name).isEqualTo("Page &P of &N");
    }

    static List<String> sheetNames(Workbook wb) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            names.add(wb.getSheetName(i));
        }
        return names;
    }

    /** The texts of a row's cells, from column A to its last cell. */
    static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            Cell cell = row.getCell(c);
            texts.add(cell == null ? null : display(cell));
        }
        return texts;
    }

    /**
     * A cell's value as text: strings as they are, dates as their format shows them, other numbers
     * as whole numbers.
     */
    static String display(Cell cell) {
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    yield new DataFormatter(java.util.Locale.ROOT).formatCellValue(cell);
                }
                double v = cell.getNumericCellValue();
                yield v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
            }
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> cell.getCellType().name();
        };
    }

    /** The value cell (column B) of the Summary row labelled {@code label}. */
    static Cell summaryValue(Sheet summary, String label) {
        for (Row row : summary) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && label.equals(first.getStringCellValue())) {
                Cell value = row.getCell(1);
                assertThat(value).as("value of '%s'", label).isNotNull();
                return value;
            }
        }
        return fail("no Summary row labelled '%s'", label);
    }

    /** The solid fill of a cell as six upper-case hex digits, or null when it has none. */
    static String fillOf(Cell cell) {
        XSSFColor color = ((XSSFCellStyle) cell.getCellStyle()).getFillForegroundXSSFColor();
        if (color == null || color.getRGB() == null) {
            return null;
        }
        return HexFormat.of().withUpperCase().formatHex(color.getRGB());
    }

    static boolean isBold(Workbook wb, Cell cell) {
        return wb.getFontAt(cell.getCellStyle().getFontIndex()).getBold();
    }

    /** Asserts the header row is frozen: rows scroll under row 1, columns do not freeze. */
    static void assertHeaderFrozen(Sheet sheet) {
        PaneInformation pane = sheet.getPaneInformation();
        assertThat(pane).as("pane of %s", sheet.getSheetName()).isNotNull();
        assertThat(pane.isFreezePane())
                .as("freeze pane on %s", sheet.getSheetName())
                .isTrue();
        assertThat(pane.getHorizontalSplitPosition()).as("frozen rows").isEqualTo((short) 1);
        assertThat(pane.getVerticalSplitPosition()).as("frozen columns").isEqualTo((short) 0);
    }

    /** Asserts the autofilter covers the header and every written row, all columns. */
    static void assertAutoFilter(Sheet sheet, String expectedRef) {
        XSSFSheet xssf = (XSSFSheet) sheet;
        assertThat(xssf.getCTWorksheet().isSetAutoFilter())
                .as("autofilter on %s", sheet.getSheetName())
                .isTrue();
        assertThat(xssf.getCTWorksheet().getAutoFilter().getRef()).isEqualTo(expectedRef);
    }

    /** Asserts no cell of the workbook is a formula, by POI's reading and in the sheets' XML. */
    static void assertNoFormulas(Workbook wb, Path file) throws IOException {
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType())
                            .as("%s!%s", sheet.getSheetName(), cell.getAddress())
                            .isNotEqualTo(CellType.FORMULA);
                }
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> sheets = zip.stream()
                    .filter(e -> e.getName().matches("xl/worksheets/[^/]+\\.xml"))
                    .toList();
            assertThat(sheets).hasSize(wb.getNumberOfSheets());
            for (ZipEntry entry : sheets) {
                try (InputStream in = zip.getInputStream(entry)) {
                    String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(xml).as(entry.getName()).doesNotContain("<f>").doesNotContain("<f ");
                }
            }
        }
    }
}
