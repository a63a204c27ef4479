package org.candor.campaign.workbook;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationConstraint.OperatorType;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The template laid out in a POI workbook: the Instructions sheet, then one sheet per part of the
 * campaign with its header row, its columns formatted (text where what is typed must stay as typed:
 * ids, handles, codes, dates, and every free text), a dropdown on every enum and true/false column,
 * and limits on number columns; then the rows of a campaign. It decides nothing about the campaign.
 * Text always goes in as a text cell, never a formula; text a spreadsheet would take for a formula
 * when edited ({@code = + - @}) is also quote-prefixed.
 */
final class TemplateWorkbook {

    /** Rows under the header that dropdowns and limits cover. */
    static final int VALIDATED_ROWS = WorkbookCampaignReader.DEFAULT_MAX_ROWS_PER_SHEET;

    /** Integers above this are stored as text, since a spreadsheet number holds 53 bits. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    private final XSSFWorkbook workbook;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle quotedText;
    private final CellStyle general;

    TemplateWorkbook(XSSFWorkbook workbook) {
        this.workbook = workbook;
        short textFormat = workbook.createDataFormat().getFormat("@");

        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setDataFormat(textFormat);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);

        text = workbook.createCellStyle();
        text.setDataFormat(textFormat);
        quotedText = workbook.createCellStyle();
        quotedText.setDataFormat(textFormat);
        quotedText.setQuotePrefixed(true);
        general = workbook.createCellStyle();

        Instructions.write(workbook.createSheet(CampaignTemplate.INSTRUCTIONS), bold);
        for (Layout.Sheet s : Layout.SHEETS) {
            layOut(workbook.createSheet(s.name()), s);
        }
        workbook.setActiveSheet(0);
    }

    private void layOut(Sheet sheet, Layout.Sheet layout) {
        Row row = sheet.createRow(0);
        List<Layout.Column> columns = layout.columns();
        DataValidationHelper helper = sheet.getDataValidationHelper();
        int lastRow = layout == Layout.CAMPAIGN ? 1 : VALIDATED_ROWS;
        for (int i = 0; i < columns.size(); i++) {
            Layout.Column column = columns.get(i);
            Cell cell = row.createCell(i);
            cell.setCellValue(column.name());
            cell.setCellStyle(header);
            sheet.setDefaultColumnStyle(i, column.textFormat() ? text : general);
            sheet.setColumnWidth(i, 256 * width(column));
            DataValidationConstraint constraint = constraint(helper, layout, column);
            if (constraint != null) {
                DataValidation v = helper.createValidation(constraint, new CellRangeAddressList(1, lastRow, i, i));
                v.setShowErrorBox(true);
                v.setErrorStyle(DataValidation.ErrorStyle.STOP);
                v.createErrorBox(
                        "Candor: " + column.name(),
                        column.hasChoices()
                                ? "Choose a value from the list."
                                : "Type " + describe(constraint) + ", or leave the cell empty.");
                if (column.hasChoices()) {
                    v.setSuppressDropDownArrow(true); // XSSF: true shows the arrow
                }
                sheet.addValidationData(v);
            }
        }
        sheet.createFreezePane(0, 1);
        int total = 0;
        for (Layout.Column column : columns) {
            total += width(column);
        }
        Print.table(sheet, total);
    }

    private static DataValidationConstraint constraint(
            DataValidationHelper helper, Layout.Sheet sheet, Layout.Column column) {
        if (column.hasChoices()) {
            return helper.createExplicitListConstraint(column.dropdown().toArray(String[]::new));
        }
        return switch (column.kind()) {
            case INTEGER, LONG ->
                column.name().equals("formatVersion")
                        ? helper.createIntegerConstraint(OperatorType.BETWEEN, "1", "1")
                        : column.name().equals("age")
                                ? helper.createIntegerConstraint(OperatorType.BETWEEN, "0", "150")
                                : helper.createIntegerConstraint(OperatorType.GREATER_OR_EQUAL, "0", null);
            case PERCENT -> helper.createDecimalConstraint(OperatorType.BETWEEN, "0", "100");
            case NUMBER -> helper.createDecimalConstraint(OperatorType.GREATER_OR_EQUAL, "0", null);
            default -> null;
        };
    }

    private static String describe(DataValidationConstraint c) {
        String what = c.getValidationType() == DataValidationConstraint.ValidationType.INTEGER
                ? "a whole number"
                : "a number";
        return c.getOperator() == OperatorType.BETWEEN
                ? what + " from " + c.getFormula1() + " to " + c.getFormula2()
                : what + " of at least " + c.getFormula1();
    }

    private static int width(Layout.Column column) {
        int base =
                switch (column.name()) {
                    case "text", "statement", "description" -> 50;
                    case "url", "reference", "imageOverlay", "disclosureOverlay" -> 30;
                    default -> 14;
                };
        return Math.min(80, Math.max(base, column.name().length() + 4));
    }

    /** Writes the rows of a sheet under its header, each value in its column. */
    void fill(String sheetName, List<Map<String, Object>> rows) {
        Sheet sheet = workbook.getSheet(sheetName);
        Layout.Sheet layout = Layout.sheet(sheetName);
        List<Layout.Column> columns = layout.columns();
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r + 1);
            Map<String, Object> values = rows.get(r);
            for (int i = 0; i < columns.size(); i++) {
                Object value = values.get(columns.get(i).name());
                if (value != null) {
                    write(row.createCell(i), columns.get(i), value);
                }
            }
        }
    }

    private void write(Cell cell, Layout.Column column, Object value) {
        if (value instanceof String s) {
            text(cell, s);
        } else if (value instanceof Boolean b) {
            cell.setCellValue(b);
            cell.setCellStyle(general);
        } else if (value instanceof Integer n) {
            number(cell, n.longValue());
        } else if (value instanceof Long n) {
            number(cell, n);
        } else if (value instanceof Double d) {
            if (Double.isFinite(d)) {
                cell.setCellValue(d);
                cell.setCellStyle(general);
            } else {
                text(cell, d.toString());
            }
        } else if (value instanceof Enum<?> e) {
            text(cell, e.name());
        } else if (value instanceof LocalDate || value instanceof Instant) {
            text(cell, value.toString()); // ISO-8601
        } else if (value instanceof List<?> list) {
            text(cell, String.join(", ", list.stream().map(String::valueOf).toList()));
        } else {
            throw new IllegalStateException(
                    "no way to write a " + value.getClass().getSimpleName() + " in column " + column.name());
        }
    }

    private void number(Cell cell, long n) {
        if (Math.abs(n) <= EXACT_IN_DOUBLE) {
            cell.setCellValue((double) n);
            cell.setCellStyle(general);
        } else {
            text(cell, Long.toString(n));
        }
    }

    /** A text cell holding exactly {@code value}; never a formula. */
    private void text(Cell cell, String value) {
        String stored = CellText.encode(value);
        if (stored.length() > CellText.MAX_LENGTH) {
            throw new IllegalArgumentException(
                    new CellRef(cell.getSheet().getSheetName(), cell.getRowIndex() + 1, cell.getColumnIndex()).path()
                            + ": a text of " + value.length()
                            + " characters is longer than a spreadsheet cell can hold ("
                            + CellText.MAX_LENGTH + ")");
        }
        cell.setCellValue(stored);
        cell.setCellStyle(CellText.looksLikeFormula(value) ? quotedText : text);
    }
}
