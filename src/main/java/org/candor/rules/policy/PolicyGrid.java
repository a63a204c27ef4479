package org.candor.rules.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A policy table file as grids, one per table (a CSV file has one, a workbook one per sheet), for
 * editing row by row: the rows before the data (notes rows, the title row) kept as they are, the
 * columns named by the title row with their {@link ColumnType types}, and the data rows as text.
 * A grid is written back in the file's own format ({@code .table.csv} or {@code .table.xlsx}), or
 * as a workbook for download; nothing here judges the cells, which is left to {@link PolicyTables}
 * when the rules are built, so the grid and the file say the same things about them.
 *
 * @param file the file name, relative to the rules folder
 */
public record PolicyGrid(String file, List<Table> tables) {

    /** The most data rows a table edited as a grid may have. */
    public static final int MAX_ROWS = 10_000;

    private static final ObjectWriter CSV_ROW =
            new CsvMapper().writer().with(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);

    /**
     * A column of a table, as its title row names it.
     *
     * @param type the type of its cells; {@link ColumnType#TEXT} for the description column and a
     *     column without a title
     * @param known whether the title is a column of the table's kind or its description
     */
    public record Column(String title, ColumnType type, boolean required, boolean known) {
        /** The values a cell may take when they form a closed set; empty otherwise. */
        public List<String> choices() {
            return type.choices();
        }

        public List<String> suggestions() {
            return type.suggestions();
        }

        /** What a cell holds, for a hint beside the column. */
        public String expected() {
            return type.expected();
        }
    }

    /**
     * One table: a CSV file's, or a sheet's of a workbook.
     *
     * @param sheet the sheet's name; null for a CSV file
     * @param kind the kind of table; null for an empty sheet, which is kept as it is
     * @param head the rows before the data rows as they are: notes rows, blank rows, the title row
     * @param rows the data rows, each as wide as {@code columns}; blank rows are left out
     * @param rowNumbers the row each data row was read from (1 for the first row of the file or
     *     sheet)
     */
    public record Table(
            String sheet,
            TableKind kind,
            List<List<String>> head,
            List<Column> columns,
            List<List<String>> rows,
            List<Integer> rowNumbers) {

        /** The text of the notes rows (the cells after {@code Notes}), in order. */
        public List<String> notes() {
            return head.stream()
                    .filter(r ->
                            !r.isEmpty() && "notes".equalsIgnoreCase(r.get(0).strip()))
                    .map(r -> String.join(" ", r.subList(1, r.size())).strip())
                    .toList();
        }

        /** The same table with other data rows, numbered in order after the head. */
        public Table withRows(List<List<String>> newRows) {
            List<List<String>> fitted = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            for (List<String> r : newRows) {
                if (r.stream().allMatch(c -> c == null || c.isBlank())) {
                    continue;
                }
                fitted.add(fit(r, columns.size()));
                numbers.add(head.size() + fitted.size());
            }
            return new Table(sheet, kind, head, columns, List.copyOf(fitted), List.copyOf(numbers));
        }
    }

    /** A table file that cannot be edited as a grid; the reason says why. */
    public static final class NotAGridException extends RuntimeException {
        private final String sheet;
        private final int row;
        private final int column;

        NotAGridException(String sheet, int row, int column, String message) {
            super(message);
            this.sheet = sheet;
            this.row = row;
            this.column = column;
        }

        /** The sheet at fault; null for a CSV file or the file as a whole. */
        public String sheet() {
            return sheet;
        }

        /** The row at fault, from 1; 0 when none. */
        public int row() {
            return row;
        }

        /** The column at fault, from 1; 0 when none. */
        public int column() {
            return column;
        }
    }

    /**
     * The grid of a table file as stored.
     *
     * @throws NotAGridException when it cannot be read, or a table has no title row
     */
    public static PolicyGrid read(String file, byte[] content) {
        List<PolicyTables.RawSheet> sheets;
        try {
            sheets = isWorkbook(file) ? PolicyTables.workbook(content) : PolicyTables.csv(content);
        } catch (IOException | RuntimeException e) {
            throw new NotAGridException(null, 0, 0, "the table cannot be read: " + e.getMessage());
        }
        List<SheetCells> named = sheets.stream()
                .map(s -> new SheetCells(
                        s.name(),
                        s.rows().stream()
                                .map(PolicyTables.RawRow::cells)
                                .map(PolicyGrid::text)
                                .toList()))
                .toList();
        return of(file, named);
    }

    /** A sheet of cells as read from a file or an upload, from row 1. */
    public record SheetCells(String name, List<List<String>> rows) {}

    /**
     * The grid of a file from its sheets of cells (a CSV file: one sheet, named null).
     *
     * @throws NotAGridException when a sheet with cells has no title row, or more than {@link
     *     #MAX_ROWS} data rows
     */
    public static PolicyGrid of(String file, List<SheetCells> sheets) {
        List<Table> tables = new ArrayList<>();
        for (SheetCells s : sheets) {
            tables.add(table(s));
        }
        return new PolicyGrid(file, List.copyOf(tables));
    }

    private static Table table(SheetCells s) {
        List<List<String>> rows = s.rows();
        int i = 0;
        while (i < rows.size() && (blank(rows.get(i)) || isNotes(rows.get(i)))) {
            i++;
        }
        if (i == rows.size()) {
            return new Table(s.name(), null, List.copyOf(rows), List.of(), List.of(), List.of());
        }
        List<String> titles = rows.get(i);
        TableKind kind = TableKind.ofFirstTitle(titles.isEmpty() ? "" : titles.get(0));
        if (kind == null) {
            throw new NotAGridException(
                    s.name(),
                    i + 1,
                    1,
                    "'"
                            + ColumnType.shorten(
                                    titles.isEmpty() ? "" : titles.get(0).strip())
                            + "' does not start a title row: after the notes rows, the first row names the columns of "
                            + TableKind.describeAll());
        }
        int width = titles.size();
        for (List<String> r : rows.subList(i + 1, rows.size())) {
            width = Math.max(width, lastFilled(r) + 1);
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(column(kind, c < titles.size() ? titles.get(c).strip() : ""));
        }
        List<List<String>> data = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int r = i + 1; r < rows.size(); r++) {
            if (blank(rows.get(r))) {
                continue;
            }
            if (data.size() == MAX_ROWS) {
                throw new NotAGridException(
                        s.name(),
                        r + 1,
                        0,
                        "the table has more than " + String.format("%,d", MAX_ROWS) + " rows, the most a policy"
                                + " table may have");
            }
            data.add(fit(rows.get(r), width));
            numbers.add(r + 1);
        }
        return new Table(
                s.name(),
                kind,
                List.copyOf(rows.subList(0, i + 1)),
                List.copyOf(columns),
                List.copyOf(data),
                List.copyOf(numbers));
    }

    private static Column column(TableKind kind, String title) {
        if (title.isEmpty()) {
            return new Column("", ColumnType.TEXT, false, false);
        }
        if (TableKind.DESCRIPTION_TITLES.stream().anyMatch(title::equalsIgnoreCase)) {
            return new Column(title, ColumnType.TEXT, false, true);
        }
        for (TableKind.Column k : kind.columns()) {
            if (k.isTitled(title)) {
                return new Column(title, k.type(), k.required(), true);
            }
        }
        return new Column(title, ColumnType.TEXT, false, false);
    }

    /** The same grid with the data rows of one table replaced. */
    public PolicyGrid withRows(int table, List<List<String>> rows) {
        List<Table> t = new ArrayList<>(tables);
        t.set(table, t.get(table).withRows(rows));
        return new PolicyGrid(file, List.copyOf(t));
    }

    /**
     * The grid written in its file's own format.
     *
     * @param content the file's bytes
     * @param rowNumbers for each table, the row (CSV: line) of the file each data row starts on
     */
    public record Written(byte[] content, List<List<Integer>> rowNumbers) {

        /**
         * The data row of a table that starts on a row of the written file; -1 when none does
         * (a notes or title row).
         */
        public int dataRow(int table, int row) {
            return rowNumbers.get(table).indexOf(row);
        }
    }

    /** The grid in its file's own format: a CSV file, or a workbook for a {@code .table.xlsx} file. */
    public Written write() {
        return isWorkbook(file) ? workbookWritten() : csv();
    }

    private Written csv() {
        StringBuilder out = new StringBuilder();
        int line = 1;
        List<List<Integer>> numbers = new ArrayList<>();
        for (Table t : tables) {
            List<Integer> n = new ArrayList<>();
            for (List<String> r : t.head()) {
                line += appendCsv(out, r);
            }
            for (List<String> r : t.rows()) {
                n.add(line);
                line += appendCsv(out, r);
            }
            numbers.add(List.copyOf(n));
        }
        return new Written(out.toString().getBytes(StandardCharsets.UTF_8), List.copyOf(numbers));
    }

    /** Appends a row as a CSV line, every non-empty value quoted; answers how many lines it takes. */
    private static int appendCsv(StringBuilder out, List<String> row) {
        List<String> cells = new ArrayList<>(row);
        cells.replaceAll(c -> c == null || c.isEmpty() ? null : c);
        if (cells.isEmpty()) {
            out.append('\n');
            return 1;
        }
        try {
            String text = CSV_ROW.writeValueAsString(List.of(cells));
            out.append(text);
            return (int) text.chars().filter(ch -> ch == '\n').count();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row could not be written as CSV", e);
        }
    }

    private Written workbookWritten() {
        List<List<Integer>> numbers = new ArrayList<>();
        for (Table t : tables) {
            List<Integer> n = new ArrayList<>();
            for (int r = 0; r < t.rows().size(); r++) {
                n.add(t.head().size() + r + 1);
            }
            numbers.add(List.copyOf(n));
        }
        return new Written(workbook(), List.copyOf(numbers));
    }

    /**
     * The grid as a workbook: a sheet per table (a CSV file's named after the file), the notes
     * and title rows as they are, the title row bold and frozen, numbers in number columns as
     * numbers and everything else as text, and a dropdown in each column of a closed set.
     */
    public byte[] workbook() {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            text.setWrapText(false);
            CellStyle title = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            title.setFont(bold);
            title.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            title.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            title.setBorderBottom(BorderStyle.THIN);
            for (Table t : tables) {
                Sheet sheet = wb.createSheet(sheetName(t));
                int r = 0;
                for (List<String> row : t.head()) {
                    Row x = sheet.createRow(r++);
                    for (int c = 0; c < row.size(); c++) {
                        if (!row.get(c).isEmpty()) {
                            Cell cell = x.createCell(c);
                            cell.setCellValue(row.get(c));
                            cell.setCellStyle(t.kind() != null && r == t.head().size() ? title : text);
                        }
                    }
                }
                for (List<String> row : t.rows()) {
                    Row x = sheet.createRow(r++);
                    for (int c = 0; c < row.size(); c++) {
                        String v = row.get(c);
                        if (v.isEmpty()) {
                            continue;
                        }
                        Cell cell = x.createCell(c);
                        BigDecimal n = number(t.columns().get(c).type(), v);
                        if (n != null) {
                            cell.setCellValue(n.doubleValue());
                        } else {
                            cell.setCellValue(v);
                            cell.setCellStyle(text);
                        }
                    }
                }
                if (t.kind() != null) {
                    layOut(sheet, t, text);
                }
            }
            if (tables.isEmpty()) {
                wb.createSheet(sheetName(null));
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void layOut(Sheet sheet, Table t, CellStyle text) {
        int titleRow = t.head().size() - 1;
        sheet.createFreezePane(0, titleRow + 1);
        int last = titleRow + Math.max(t.rows().size(), 1) + 500;
        DataValidationHelper help = sheet.getDataValidationHelper();
        for (int c = 0; c < t.columns().size(); c++) {
            Column col = t.columns().get(c);
            int widest = col.title().length();
            for (List<String> r : t.rows()) {
                widest = Math.max(widest, r.get(c).length());
            }
            sheet.setColumnWidth(c, Math.min(60, Math.max(10, widest + 2)) * 256);
            if (col.type() != ColumnType.NUMBER && col.type() != ColumnType.COUNT) {
                sheet.setDefaultColumnStyle(c, text);
            }
            List<String> choices = col.choices();
            if (!choices.isEmpty() && String.join(",", choices).length() <= 255) {
                DataValidation v = help.createValidation(
                        help.createExplicitListConstraint(choices.toArray(String[]::new)),
                        new CellRangeAddressList(titleRow + 1, last, c, c));
                v.setShowErrorBox(true);
                v.createErrorBox(col.title(), "Pick one of the list: " + col.expected());
                v.setSuppressDropDownArrow(true);
                sheet.addValidationData(v);
            }
        }
    }

    /** A number column's cell as a number, when it is one a spreadsheet holds exactly; null otherwise. */
    private static BigDecimal number(ColumnType type, String value) {
        if (type != ColumnType.NUMBER && type != ColumnType.COUNT) {
            return null;
        }
        try {
            type.parse(value);
            BigDecimal exact = new BigDecimal(value.strip());
            return exact.compareTo(BigDecimal.valueOf(exact.doubleValue())) == 0 ? exact : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The name of a table's sheet: its own, or for a CSV file the file's name without its ending. */
    private String sheetName(Table t) {
        if (t != null && t.sheet() != null) {
            return t.sheet();
        }
        String base = file.substring(file.lastIndexOf('/') + 1);
        for (String ext : PolicyTables.EXTENSIONS) {
            if (base.toLowerCase(Locale.ROOT).endsWith(ext)) {
                base = base.substring(0, base.length() - ext.length());
            }
        }
        return WorkbookUtil.createSafeSheetName(base.isEmpty() ? "table" : base);
    }

    /** Whether a file is a workbook, by its name. */
    public static boolean isWorkbook(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    private static List<String> text(List<String> cells) {
        return cells.stream()
                .map(c -> c == null ? "" : PolicyTables.FORMULA_CELL.equals(c) ? "" : c)
                .toList();
    }

    private static List<String> fit(List<String> row, int width) {
        String[] cells = new String[width];
        Arrays.fill(cells, "");
        for (int c = 0; c < Math.min(width, row.size()); c++) {
            cells[c] = row.get(c) == null ? "" : row.get(c);
        }
        return List.of(cells);
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(c -> c == null || c.isBlank());
    }

    private static boolean isNotes(List<String> row) {
        return !row.isEmpty()
                && row.get(0) != null
                && "notes".equalsIgnoreCase(row.get(0).strip());
    }

    private static int lastFilled(List<String> row) {
        for (int c = row.size() - 1; c >= 0; c--) {
            if (row.get(c) != null && !row.get(c).isEmpty()) {
                return c;
            }
        }
        return -1;
    }
}
