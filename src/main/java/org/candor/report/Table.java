package org.candor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.candor.campaign.workbook.Print;
import org.candor.evaluation.Verdict;
import org.candor.report.Styles.Look;

/**
 * A sheet laid out as one table: a header row, frozen, an autofilter over the rows written, and
 * columns as wide as their content up to a cap. Long text columns wrap, and a row is as tall as
 * its longest wrapped text (estimated from the column's width: spreadsheets do not grow rows
 * written by a program). It prints one page across, the header on every page.
 */
final class Table {

    /**
     * One column.
     *
     * @param width the widest the column gets, in characters
     * @param wrap whether long text wraps onto more lines
     */
    record Column(String header, int width, boolean wrap) {

        static Column of(String header, int width) {
            return new Column(header, width, false);
        }

        static Column wrapped(String header, int width) {
            return new Column(header, width, true);
        }
    }

    /** The narrowest a column gets, in characters. */
    static final int MIN_WIDTH = 8;

    private final Sheet sheet;
    private final CellWriter cells;
    private final List<Column> columns;
    private final int[] widths;
    private int nextRow = 1;

    Table(Sheet sheet, CellWriter cells, List<Column> columns) {
        this.sheet = sheet;
        this.cells = cells;
        this.columns = List.copyOf(columns);
        this.widths = new int[columns.size()];
        Row header = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            cells.header(header, c, columns.get(c).header());
            widths[c] = columns.get(c).header().length();
        }
    }

    /** Starts the next row; every cell of it gets the fill. */
    Line line(Fill fill) {
        return new Line(sheet.createRow(nextRow++), fill);
    }

    /** Freezes the header, puts the autofilter on, sizes the columns and sets up printing. */
    void finish() {
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, nextRow - 1, 0, columns.size() - 1));
        int total = 0;
        for (int c = 0; c < columns.size(); c++) {
            int chars =
                    Math.max(MIN_WIDTH, Math.min(widths[c] + 2, columns.get(c).width()));
            sheet.setColumnWidth(c, chars * 256);
            total += chars;
        }
        Print.table(sheet, total);
    }

    /**
     * The characters a line of a wrapped column holds. A column is its content's width plus two,
     * up to its cap: text that fits within the cap less two never wraps, longer text wraps at it.
     */
    static int charsPerLine(Column column) {
        return Math.max(1, column.width() - 2);
    }

    /** One row, filled in from left to right. */
    final class Line {
        private final Row row;
        private final Look look;
        private int column;
        private int lines = 1;

        private Line(Row row, Fill fill) {
            this.row = row;
            this.look = Look.text(fill);
        }

        Line text(String value) {
            Column c = columns.get(column);
            if (c.wrap()) {
                tallEnoughFor(Cells.lines(value, charsPerLine(c)));
            }
            return measured(cells.text(row, column, value, look.withWrap(c.wrap())));
        }

        Line date(LocalDate day) {
            return measured(cells.date(row, column, day, look));
        }

        Line time(Instant at) {
            return measured(cells.time(row, column, at, look));
        }

        Line month(YearMonth month) {
            return measured(cells.month(row, column, month, look));
        }

        private void tallEnoughFor(int textLines) {
            if (textLines > lines) {
                lines = textLines;
                row.setHeightInPoints(Print.rowPoints(lines));
            }
        }

        Line number(long value) {
            return measured(cells.number(row, column, value, look));
        }

        Line percent(Double share) {
            return measured(cells.percent(row, column, share, look));
        }

        Line verdict(Verdict verdict) {
            return measured(cells.verdict(row, column, verdict));
        }

        private Line measured(int width) {
            widths[column] = Math.max(widths[column], width);
            column++;
            return this;
        }
    }
}
