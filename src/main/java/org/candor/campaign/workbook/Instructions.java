package org.candor.campaign.workbook;

import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** The Instructions sheet: how to fill in the workbook, then every column of every sheet. */
final class Instructions {

    private static final List<String> HOW_TO = List.of(
            "Fill in one workbook per campaign and upload it to Candor as .xlsx. It holds the same content as a"
                    + " format v1 JSON submission, one sheet per part of it.",
            "Each sheet is a table: row 1 names the columns, each row under it is one item. Keep the header row:"
                    + " columns may be moved but not renamed, and a column Candor does not know is a problem.",
            "The example rows make up one complete campaign; replace them with yours. Leave a cell empty when"
                    + " you have no value for it.",
            "How the sheets fit together: Claims, Posts and Evidence name influencers by their handle (Influencers"
                    + " sheet); Frames, VideoDisclosures, ReusedContent, Links, ProductClaims and Evidence name posts by"
                    + " their id (Posts sheet).",
            "A post's video: its length goes in Posts (video.durationSeconds), its disclosures on VideoDisclosures."
                    + " An influencer's relationship and audience are the relationship.* and audience.* columns.",
            "Evidence: fill influencer and claim for the evidence of an influencer's claim (Claims sheet), or post"
                    + " and productClaim (the claim's key on ProductClaims) for what substantiates a product claim.",
            "Values: dropdown columns take one of the listed values, in upper case; TRUE/FALSE columns take TRUE or"
                    + " FALSE. Dates are YYYY-MM-DD. Moments are ISO-8601 with their offset from UTC, such as"
                    + " 2026-10-02T10:00:00Z. Percentages are numbers from 0 to 100. jurisdictions lists codes"
                    + " separated by commas, such as US, UK.",
            "Formulas are not calculated: Candor reads the value Excel saved with them. Text columns are formatted"
                    + " as text, so what you type there (leading zeros, + or = at the start) stays as typed.",
            "Every problem Candor finds is reported at its cell, such as Posts!C7. Workbooks with macros (.xlsm)"
                    + " and old .xls files are refused: save as 'Excel Workbook (*.xlsx)'. Sheets you add are"
                    + " ignored; keep your notes there.");

    private Instructions() {}

    static void write(Sheet sheet, Font bold) {
        CellStyle strong = sheet.getWorkbook().createCellStyle();
        strong.setFont(bold);
        CellStyle wrapped = sheet.getWorkbook().createCellStyle();
        wrapped.setWrapText(true);

        int r = 0;
        text(sheet.createRow(r++), 0, "Candor campaign workbook, format v1", strong);
        for (String line : HOW_TO) {
            text(sheet.createRow(r++), 0, line, null);
        }
        r++;
        Row head = sheet.createRow(r++);
        String[] titles = {"Sheet", "Column", "Required", "Values", "Meaning"};
        for (int i = 0; i < titles.length; i++) {
            text(head, i, titles[i], strong);
        }
        for (Layout.Sheet s : Layout.SHEETS) {
            Row about = sheet.createRow(r++);
            text(about, 0, s.name(), strong);
            text(about, 4, s.holds(), wrapped);
            tallEnough(about, "", s.holds());
            for (Layout.Column c : s.columns()) {
                Row row = sheet.createRow(r++);
                text(row, 0, s.name(), null);
                text(row, 1, c.name(), null);
                text(row, 2, c.required() ? "yes" : "", null);
                text(row, 3, values(c), wrapped);
                text(row, 4, c.meaning(), wrapped);
                tallEnough(row, values(c), c.meaning());
            }
        }
        int total = 0;
        for (int i = 0; i < WIDTHS.length; i++) {
            sheet.setColumnWidth(i, 256 * WIDTHS[i]);
            total += WIDTHS[i];
        }
        Print.across(sheet, total);
    }

    /** Column widths, in characters: Sheet, Column, Required, Values, Meaning. */
    static final int[] WIDTHS = {18, 36, 10, 40, 90};

    /** A row as tall as its wrapped Values and Meaning take (spreadsheets keep a program's rows as written). */
    private static void tallEnough(Row row, String values, String meaning) {
        int lines = Math.max(Print.lines(values, WIDTHS[3] - 2), Print.lines(meaning, WIDTHS[4] - 2));
        if (lines > 1) {
            row.setHeightInPoints(Print.rowPoints(lines));
        }
    }

    private static String values(Layout.Column c) {
        return switch (c.kind()) {
            case TEXT -> "text";
            case INTEGER, LONG -> "whole number";
            case NUMBER -> "number";
            case PERCENT -> "number from 0 to 100";
            case BOOLEAN -> "TRUE or FALSE";
            case ENUM -> String.join(", ", c.names());
            case DATE -> "date, YYYY-MM-DD";
            case TIMESTAMP -> "moment, ISO-8601 with offset";
            case CODES -> "codes separated by commas";
        };
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }
}
