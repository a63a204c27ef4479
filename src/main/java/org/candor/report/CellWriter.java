package org.candor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.candor.evaluation.Verdict;
import org.candor.report.Styles.Format;
import org.candor.report.Styles.Look;

/**
 * Writes single cells. Text is always a plain string cell; text a spreadsheet could take for a
 * formula also gets a quote-prefixed style. Each method returns how wide the value is, in
 * characters, so sheets can size their columns.
 */
final class CellWriter {

    /** Shown for a rate of nothing, such as the pass rate of no evaluations. */
    static final String NOT_APPLICABLE = "n/a";

    private final Styles styles;

    CellWriter(Styles styles) {
        this.styles = styles;
    }

    int text(Row row, int column, String value, Look look) {
        String text = Cells.text(value);
        Cell cell = row.createCell(column);
        cell.setCellValue(text);
        cell.setCellStyle(styles.of(look.withFormat(Format.TEXT).withQuote(Cells.looksLikeFormula(text))));
        return widthOf(text);
    }

    int number(Row row, int column, long value, Look look) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(styles.of(look.withFormat(Format.INTEGER).withQuote(false)));
        return Long.toString(value).length();
    }

    /** A share between 0 and 1 shown as a percentage; "n/a" when there is none. */
    int percent(Row row, int column, Double share, Look look) {
        if (share == null) {
            return text(row, column, NOT_APPLICABLE, look);
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(share);
        cell.setCellStyle(styles.of(look.withFormat(Format.PERCENT).withQuote(false)));
        return 6;
    }

    /**
     * A day as a date cell shown {@code yyyy-mm-dd}; empty for null, and ISO text for a day a
     * spreadsheet cannot hold as a date (before 1900 or after 9999).
     */
    int date(Row row, int column, LocalDate day, Look look) {
        if (day == null || !Cells.isSpreadsheetDate(day)) {
            return text(row, column, day == null ? null : day.toString(), look);
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(day);
        cell.setCellStyle(styles.of(look.withFormat(Format.DATE).withQuote(false)));
        return Styles.DATE_FORMAT.length();
    }

    /**
     * A moment as a date cell of its UTC time to the second, shown {@code yyyy-mm-dd hh:mm:ss};
     * empty for null, and ISO text for a moment a spreadsheet cannot hold as a date.
     */
    int time(Row row, int column, Instant at, Look look) {
        if (at == null) {
            return text(row, column, null, look);
        }
        LocalDateTime utc = LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        if (!Cells.isSpreadsheetDate(utc.toLocalDate())) {
            return text(row, column, Cells.time(at), look);
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(utc);
        cell.setCellStyle(styles.of(look.withFormat(Format.TIME).withQuote(false)));
        return "2026-01-01 00:00:00".length();
    }

    /** A month as a date cell of its first day, shown {@code yyyy-mm}. */
    int month(Row row, int column, YearMonth month, Look look) {
        if (month == null || !Cells.isSpreadsheetDate(month.atDay(1))) {
            return text(row, column, month == null ? null : month.toString(), look);
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(month.atDay(1));
        cell.setCellStyle(styles.of(look.withFormat(Format.MONTH).withQuote(false)));
        return Styles.MONTH_FORMAT.length();
    }

    /** A verdict, bold, green for PASS and red for FAIL. */
    int verdict(Row row, int column, Verdict verdict) {
        Look look = Look.text(Fill.of(verdict)).withBold();
        return text(row, column, verdict == null ? "" : verdict.name(), look);
    }

    void header(Row row, int column, String title) {
        Cell cell = row.createCell(column);
        cell.setCellValue(title);
        cell.setCellStyle(styles.header());
    }

    /** The length of the longest line of the text. */
    private static int widthOf(String text) {
        int widest = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            widest = Math.max(widest, end - start);
            start = end + 1;
        }
        return widest;
    }
}
