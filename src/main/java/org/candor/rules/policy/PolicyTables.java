package org.candor.rules.policy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads the policy tables of a rule pack: plain data files, {@code *.table.csv} or
 * {@code *.table.xlsx} (every sheet of a workbook is a table). A table is made of optional notes
 * rows (first cell {@code Notes}), then a title row naming its columns, then data rows; which
 * {@link TableKind kind} of table it is follows from its first title. Every cell is read as a
 * value of its column's {@link ColumnType type}: a cell that is not one is a problem naming the
 * file, row and column, and nothing in a cell is ever run as code.
 */
public final class PolicyTables {

    /** The ends of the names of policy table files. */
    public static final List<String> EXTENSIONS = List.of(".table.csv", ".table.xlsx");

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private PolicyTables() {}

    /** Whether a file name is a policy table's. */
    public static boolean isTable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /**
     * The policy of a set of table files (relative path to content).
     *
     * @throws PolicyException naming every bad cell, row and table
     */
    public static Policy read(Map<String, byte[]> files) {
        PolicyBuilder builder = new PolicyBuilder();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
            read(e.getKey(), e.getValue(), builder);
        }
        return builder.build();
    }

    /** Adds the rows of one table file to a builder; its problems too. */
    static void read(String file, byte[] content, PolicyBuilder builder) {
        List<RawSheet> sheets;
        try {
            sheets = file.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? workbook(content) : csv(content);
        } catch (IOException | RuntimeException e) {
            builder.problem(new PolicyProblem(
                    new RowOrigin(file, null, 0),
                    "the table cannot be read: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
            return;
        }
        boolean any = false;
        for (RawSheet sheet : sheets) {
            any |= table(file, sheet, builder);
        }
        if (!any) {
            builder.problem(new PolicyProblem(
                    new RowOrigin(file, null, 0),
                    "the file holds no table: it needs a title row naming the columns of " + TableKind.describeAll()));
        }
    }

    /** A row as read, before types: its number and its cells' text. */
    record RawRow(int number, List<String> cells) {
        boolean isBlank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }

        String title(int index) {
            String c = cell(index);
            return c == null || FORMULA_CELL.equals(c) ? "" : c;
        }

        String cell(int index) {
            return index < cells.size() ? cells.get(index) : null;
        }
    }

    /** A sheet of a workbook (name null for a CSV file) with its rows. */
    record RawSheet(String name, List<RawRow> rows) {}

    /** Reads one table of a file; false when the sheet is empty. */
    private static boolean table(String file, RawSheet sheet, PolicyBuilder builder) {
        List<RawRow> rows = sheet.rows();
        int i = 0;
        while (i < rows.size() && (rows.get(i).isBlank() || isNotes(rows.get(i)))) {
            i++;
        }
        if (i == rows.size()) {
            return false;
        }
        RawRow titles = rows.get(i);
        RowOrigin titleOrigin = new RowOrigin(file, sheet.name(), titles.number());
        TableKind kind = TableKind.ofFirstTitle(titles.title(0));
        if (kind == null) {
            builder.problem(new PolicyProblem(
                    titleOrigin,
                    1,
                    null,
                    "'" + ColumnType.shorten(titles.title(0).strip())
                            + "' does not start a title row: after the notes rows, the first row names the columns of "
                            + TableKind.describeAll()));
            return true;
        }
        // Which column of the kind each column of the file is; -1 for a description column.
        int[] columnOf = new int[titles.cells().size()];
        boolean[] seen = new boolean[kind.columns().size()];
        boolean titlesOk = true;
        for (int c = 0; c < titles.cells().size(); c++) {
            String title = titles.title(c).strip();
            columnOf[c] = -2;
            if (title.isEmpty()) {
                continue;
            }
            if (TableKind.DESCRIPTION_TITLES.stream().anyMatch(title::equalsIgnoreCase)) {
                columnOf[c] = -1;
                continue;
            }
            for (int k = 0; k < kind.columns().size(); k++) {
                if (kind.columns().get(k).isTitled(title)) {
                    columnOf[c] = k;
                }
            }
            if (columnOf[c] == -2) {
                titlesOk = false;
                builder.problem(new PolicyProblem(titleOrigin, c + 1, title, "not a column of " + kind.describe()));
            } else if (seen[columnOf[c]]) {
                titlesOk = false;
                builder.problem(new PolicyProblem(titleOrigin, c + 1, title, "a second column with this title"));
            } else {
                seen[columnOf[c]] = true;
            }
        }
        for (int k = 0; k < seen.length; k++) {
            if (!seen[k] && kind.columns().get(k).required()) {
                titlesOk = false;
                builder.problem(new PolicyProblem(
                        titleOrigin,
                        "the title row lacks the column '"
                                + kind.columns().get(k).title() + "' of " + kind.describe()));
            }
        }
        if (!titlesOk) {
            return true;
        }
        for (RawRow row : rows.subList(i + 1, rows.size())) {
            if (!row.isBlank()) {
                dataRow(file, sheet.name(), kind, titles, columnOf, row, builder);
            }
        }
        return true;
    }

    private static boolean isNotes(RawRow row) {
        return "notes".equalsIgnoreCase(row.title(0).strip());
    }

    private static void dataRow(
            String file,
            String sheet,
            TableKind kind,
            RawRow titles,
            int[] columnOf,
            RawRow row,
            PolicyBuilder builder) {
        RowOrigin origin = new RowOrigin(file, sheet, row.number());
        Object[] values = new Object[kind.columns().size()];
        int[] columnIndex = new int[kind.columns().size()];
        String description = null;
        boolean ok = true;
        for (int c = 0; c < row.cells().size(); c++) {
            String cell = row.cell(c);
            if (cell == null || cell.isBlank()) {
                continue;
            }
            if (FORMULA_CELL.equals(cell)) {
                ok = false;
                if (c < columnOf.length && columnOf[c] >= 0) {
                    columnIndex[columnOf[c]] = c + 1;
                }
                builder.problem(new PolicyProblem(
                        origin,
                        c + 1,
                        titleOf(titles, c),
                        "a formula; type the value itself, policy tables are not" + " computed"));
                continue;
            }
            if (c >= columnOf.length || columnOf[c] == -2) {
                ok = false;
                builder.problem(new PolicyProblem(
                        origin,
                        c + 1,
                        null,
                        "a value in a column without a title; give the column a title or" + " empty the cell"));
                continue;
            }
            if (columnOf[c] == -1) {
                description = cell.strip();
                continue;
            }
            TableKind.Column column = kind.columns().get(columnOf[c]);
            columnIndex[columnOf[c]] = c + 1;
            try {
                values[columnOf[c]] = column.type().parse(cell);
            } catch (IllegalArgumentException e) {
                ok = false;
                builder.problem(new PolicyProblem(origin, c + 1, titleOf(titles, c), e.getMessage()));
            }
        }
        for (int k = 0; k < values.length; k++) {
            TableKind.Column column = kind.columns().get(k);
            if (values[k] == null && column.required() && columnIndex[k] == 0) {
                ok = false;
                int c = indexOf(columnOf, k);
                builder.problem(new PolicyProblem(
                        origin,
                        c + 1,
                        titleOf(titles, c),
                        "the " + column.title().toLowerCase(Locale.ROOT) + " is empty; it needs "
                                + column.type().expected()));
            }
        }
        if (!ok) {
            return;
        }
        switch (kind) {
            case TERMS -> {
                String phrase = (String) values[0];
                Meaning meaning = (Meaning) values[1];
                if (meaning.isPattern()) {
                    try {
                        PhrasePatterns.compile(phrase);
                    } catch (IllegalArgumentException e) {
                        int c = indexOf(columnOf, 0);
                        builder.problem(new PolicyProblem(origin, c + 1, titleOf(titles, c), e.getMessage()));
                        return;
                    }
                }
                String language = values[2] == null ? Policy.ANY : (String) values[2];
                builder.term(new Term(phrase, meaning, language, (String) values[3], origin.toString()), origin);
            }
            case FOLDS ->
                builder.fold(
                        new Fold(
                                (String) values[0],
                                values[1] == null ? Policy.ANY : (String) values[1],
                                (Integer) values[2],
                                (Integer) values[3]),
                        origin);
            case THRESHOLDS ->
                builder.threshold(new Threshold((String) values[0], (Double) values[1], description), origin);
        }
    }

    private static int indexOf(int[] columnOf, int k) {
        for (int c = 0; c < columnOf.length; c++) {
            if (columnOf[c] == k) {
                return c;
            }
        }
        return -1;
    }

    private static String titleOf(RawRow titles, int c) {
        String t = c < 0 ? null : titles.cell(c);
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** The rows of a CSV file (UTF-8, a byte order mark allowed), numbered by the line each starts on. */
    static List<RawSheet> csv(byte[] content) throws IOException {
        byte[] bytes = content;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            bytes = Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<RawRow> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                CSV.readerForListOf(String.class).readValues(text)) {
            while (it.hasNextValue()) {
                int line = it.getParser().currentLocation().getLineNr();
                rows.add(new RawRow(line, it.nextValue()));
            }
        }
        return List.of(new RawSheet(null, rows));
    }

    /**
     * The sheets of a workbook. A text cell is read as written; a number cell as its number; a
     * formula is refused (the value must be typed, not computed).
     */
    static List<RawSheet> workbook(byte[] content) throws IOException {
        List<RawSheet> sheets = new ArrayList<>();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            for (Sheet sheet : wb) {
                List<RawRow> rows = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    if (row != null) {
                        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                            cells.add(text(row.getCell(c)));
                        }
                    }
                    rows.add(new RawRow(r + 1, cells));
                }
                sheets.add(new RawSheet(sheet.getSheetName(), rows));
            }
        }
        return sheets;
    }

    /** Stands for a formula cell of a workbook: refused where a value is read. */
    static final String FORMULA_CELL = "\u0000formula";

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC ->
                BigDecimal.valueOf(cell.getNumericCellValue())
                        .stripTrailingZeros()
                        .toPlainString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue()).toUpperCase(Locale.ROOT);
            case BLANK, _NONE -> "";
            case FORMULA, ERROR -> FORMULA_CELL;
        };
    }
}
