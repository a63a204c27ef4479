package org.candor.report;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.candor.evaluation.Verdict;
import org.candor.report.Styles.Look;

/** A sheet of label and value rows, labels bold in column A, values in column B. */
final class LabelValues {

    static final int LABEL_WIDTH = 28;
    static final int VALUE_WIDTH = 80;

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
        sheet.setColumnWidth(1, Math.min(widest + 2, VALUE_WIDTH) * 256);
    }

    private Row row(String name) {
        Row row = sheet.createRow(nextRow++);
        cells.text(row, 0, name, label);
        return row;
    }
}
