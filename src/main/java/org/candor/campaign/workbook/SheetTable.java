package org.candor.campaign.workbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template sheet as read: where each column is (columns may be in any order), and its rows with
 * their values. A sheet the workbook leaves out reads as a sheet with no rows.
 */
final class SheetTable {

    /** A row that holds something, with the values read from it. */
    record DataRow(int number, Map<String, Object> values, Set<String> refused) {

        Object get(String column) {
            return values.get(column);
        }

        /** A text value, null when the cell is empty. */
        String text(String column) {
            return (String) values.get(column);
        }

        /** A text value that names something; null when it is empty or blank. */
        String name(String column) {
            String t = text(column);
            return t == null || t.isBlank() ? null : t;
        }

        /** Whether the cell held something that could not be read (and was reported). */
        boolean refused(String column) {
            return refused.contains(column);
        }

        /** Whether any of the columns whose names start with {@code prefix} holds something. */
        boolean anyUnder(String prefix) {
            for (String name : values.keySet()) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            for (String name : refused) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    final Layout.Sheet layout;
    /** Column index of each template column found in the header row. */
    final Map<String, Integer> positions = new LinkedHashMap<>();
    /** Where missing columns were reported, or null when none is missing. */
    CellRef missingAt;

    final List<DataRow> rows = new ArrayList<>();

    private SheetTable(Layout.Sheet layout) {
        this.layout = layout;
    }

    String name() {
        return layout.name();
    }

    /** The cell of a column in a row; for a column the sheet lacks, the header cell that says so. */
    CellRef cell(String column, int row) {
        Integer at = positions.get(column);
        if (at != null) {
            return new CellRef(name(), row, at);
        }
        if (missingAt != null) {
            return missingAt;
        }
        return new CellRef(name(), row, 0);
    }

    /** The first column of a row, for problems with the row as a whole. */
    CellRef first(int row) {
        int at = positions.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        return new CellRef(name(), row, at);
    }

    /** A sheet the workbook leaves out: no rows, every column where the template puts it. */
    static SheetTable absent(Layout.Sheet layout) {
        SheetTable t = new SheetTable(layout);
        List<String> headers = layout.headers();
        for (int i = 0; i < headers.size(); i++) {
            t.positions.put(headers.get(i), i);
        }
        return t;
    }

    /** Reads the header row, then every row under it that holds something. */
    static SheetTable read(RawSheet raw, Layout.Sheet layout, CellValues values, ProblemList problems) {
        SheetTable t = new SheetTable(layout);
        Map<Integer, String> names = t.readHeader(raw, problems);
        if (names == null) {
            return t;
        }
        Set<Integer> headed = new HashSet<>();
        if (raw.header != null) {
            for (RawSheet.Cell c : raw.header.cells()) {
                if (!c.isBlank()) {
                    headed.add(c.column);
                }
            }
        }
        for (RawSheet.Row row : raw.rows) {
            if (row.isBlank()) {
                continue;
            }
            Map<String, Object> rowValues = new HashMap<>();
            Set<String> refused = new HashSet<>();
            for (RawSheet.Cell cell : row.cells()) {
                CellRef at = new CellRef(layout.name(), row.number(), cell.column);
                String name = names.get(cell.column);
                if (name == null) {
                    if (!headed.contains(cell.column) && !cell.isBlank()) {
                        problems.add(
                                at,
                                "a value in a column with no header, which Candor does not read: "
                                        + CellText.quote(shown(cell))
                                        + "; delete it, or keep notes on a sheet of your own");
                    }
                    continue;
                }
                CellValues.Read read = values.read(layout.column(name), cell);
                if (read.problem() != null) {
                    problems.add(at, read.problem());
                    refused.add(name);
                } else if (read.value() != null) {
                    rowValues.put(name, read.value());
                }
            }
            t.rows.add(new DataRow(row.number(), rowValues, refused));
        }
        return t;
    }

    /** Maps column indexes to template column names; null when the sheet has no header row. */
    private Map<Integer, String> readHeader(RawSheet raw, ProblemList problems) {
        String expected = String.join(", ", layout.headers());
        if (raw.header == null) {
            problems.add(
                    new CellRef(name(), 1, 0),
                    "row 1 must be the header row, naming the columns as in the template: " + expected);
            return null;
        }
        Map<Integer, String> names = new HashMap<>();
        int width = 0;
        for (RawSheet.Cell cell : raw.header.cells()) {
            width = Math.max(width, cell.column + 1);
            CellRef at = new CellRef(name(), 1, cell.column);
            if (cell.isBlank()) {
                continue;
            }
            if (cell.type != RawSheet.Type.TEXT && cell.type != RawSheet.Type.NUMBER) {
                problems.add(
                        at,
                        "a header must be the name of a column, such as "
                                + layout.headers().get(0));
                continue;
            }
            String name = cell.value.strip();
            if (layout.column(name) == null) {
                problems.add(
                        at,
                        "unknown column " + CellText.quote(name) + "; the columns of the " + name() + " sheet are: "
                                + expected);
            } else if (positions.containsKey(name)) {
                problems.add(
                        at,
                        "the column '" + name + "' appears twice (also at "
                                + new CellRef(name(), 1, positions.get(name)).path() + ")");
            } else {
                positions.put(name, cell.column);
                names.put(cell.column, name);
            }
        }
        List<String> missing =
                layout.headers().stream().filter(h -> !positions.containsKey(h)).toList();
        if (!missing.isEmpty()) {
            missingAt = new CellRef(name(), 1, width);
            problems.add(
                    missingAt,
                    (missing.size() == 1
                                    ? "the column '" + missing.get(0) + "' is missing"
                                    : "the columns " + String.join(", ", missing) + " are missing")
                            + " from the header row; the " + name() + " sheet's columns are: " + expected);
        }
        return names;
    }

    private static String shown(RawSheet.Cell cell) {
        return cell.type == RawSheet.Type.TEXT || cell.type == RawSheet.Type.NUMBER ? cell.value : cell.type.name();
    }
}
