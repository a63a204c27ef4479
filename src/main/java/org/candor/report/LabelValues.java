package org.candor.report;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.candor.campaign.workbook.Print;
import org.candor.evaluation.Verdict;
import org.candor.report.Styles.Look;

/**
 * A sheet of label and value rows, labels bold in column A, values in column B (long values wrap,
 * their rows as tall as the lines they take). It prints on one page.
 */
final class LabelValues {

    static final int LABEL_WIDTH = 28;
    static final int VALUE_WIDTH = 80;

    /** Wide enough for a moment, {@code yyyy-mm-dd hh:mm:ss}. */
    static final int TIME_WIDTH = 21;

    private final Sheet sheet;
    private final CellWriter cells;
    private final Look label = Look.text(Fill.NONE).withBold();
    private final Look value = Look.text(Fill.NONE).withWrap(true);
    private int nextRow;
    private int widest = 12;

    LabelValues(Sheet sheet, CellWriter cells) {
        this.sheet = sheet;
        this.cells = cells;
    }

    LabelValues text(String name, String text) {
        Row row = row(name);
        widest = Math.max(widest, cells.text(row, 1, text, value));
        int lines = Cells.lines(text, VALUE_WIDTH - 2);
        if (lines > 1) {
            row.setHeightInPoints(Print.rowPoints(lines));
        }
        return this;
    }

    LabelValues date(String name, LocalDate day) {
        cells.date(row(name), 1, day, Look.text(Fill.NONE));
        return this;
    }

    LabelValues time(String name, Instant at) {
        cells.time(row(name), 1, at, Look.text(Fill.NONE));
        return this;
    }

    LabelValues number(String name, long number) {
        cells.number(row(name), 1, number, Look.text(Fill.NONE));
        return this;
    }

    LabelValues percent(String name, Double share) {
        cells.percent(row(name), 1, share, Look.text(Fill.NONE));
        return this;
    }

    LabelValues verdict(String name, Verdict verdict) {
        cells.verdict(row(name), 1, verdict);
        return this;
    }

    /** A bold heading on its own row, with no value. */
    LabelValues heading(String name) {
        row(name);
        return this;
    }

    LabelValues blank() {
        nextRow++;
        return this;
    }

    void finish() {
        sheet.setColumnWidth(0, LABEL_WIDTH * 256);
        sheet.setColumnWidth(1, Math.max(TIME_WIDTH, Math.min(widest + 2, VALUE_WIDTH)) * 256);
        Print.onePage(sheet);
    }

    private Row row(String name) {
        Row row = sheet.createRow(nextRow++);
        cells.text(row, 0, name, label);
        return row;
    }
}
