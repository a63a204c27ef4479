package org.candor.rules.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.candor.rules.RuleSet;

/**
 * How one set of rule files differs from another, as an officer reads it: the rules added,
 * removed and changed (when both sides were built), then each file added, removed or changed. A
 * DRL file's change is a unified text diff; a table's ({@code .table.csv}, {@code .table.xlsx})
 * is the list of cells that changed, e.g. {@code thresholds.table.csv!B4: '10' → '12'}.
 *
 * @param catalog how the rules' metadata differ; null when either side was not built
 * @param files every file that differs, by path
 */
public record RuleDiff(CatalogDiff catalog, List<FileDiff> files) {

    /** At most this many cells are listed per table; a rewrite of a whole table says how many more. */
    static final int MAX_CELLS = 500;

    public RuleDiff {
        files = List.copyOf(files);
    }

    public enum ChangeKind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /**
     * One file that differs.
     *
     * @param text for a changed DRL file, the unified diff; null for a table, and for a file added
     *     or removed (its content is in the snapshot of the rule set that has it)
     * @param cells for a changed table, the cells that changed; empty otherwise
     * @param note what else there is to say: cells left out, a sheet added, a table that cannot
     *     be read; null when nothing
     */
    public record FileDiff(String file, ChangeKind change, String text, List<CellChange> cells, String note) {
        public FileDiff {
            cells = cells == null ? List.of() : List.copyOf(cells);
        }
    }

    /**
     * A cell of a decision table whose text changed; an empty cell reads as ''.
     *
     * @param sheet the sheet of a workbook; null for a CSV file
     * @param cell the cell reference, e.g. {@code B14}
     */
    public record CellChange(String file, String sheet, String cell, String before, String after) {
        /** {@code thresholds.table.csv!B4: '10' → '12'}; a workbook's cell names its sheet too. */
        @Override
        public String toString() {
            return file + "!" + (sheet == null ? "" : sheet + "!") + cell + ": '" + before + "' → '" + after + "'";
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return files.isEmpty() && (catalog == null || catalog.isEmpty());
    }

    /** The paths of the files that differ. */
    public List<String> fileNames() {
        return files.stream().map(FileDiff::file).toList();
    }

    /** Two built rule sets: their catalogs and their files. */
    public static RuleDiff between(RuleSet before, RuleSet after) {
        return new RuleDiff(
                CatalogDiff.between(before.catalog(), after.catalog()),
                filesBetween(before.contents(), after.contents()));
    }

    /** Two sets of rule files (path to content), without building them: no catalog diff. */
    public static RuleDiff between(Map<String, byte[]> before, Map<String, byte[]> after) {
        return new RuleDiff(null, filesBetween(before, after));
    }

    private static List<FileDiff> filesBetween(Map<String, byte[]> before, Map<String, byte[]> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<FileDiff> diffs = new ArrayList<>();
        for (String name : names) {
            byte[] a = before.get(name);
            byte[] b = after.get(name);
            if (a != null && b != null && Arrays.equals(a, b)) {
                continue;
            }
            ChangeKind change = a == null ? ChangeKind.ADDED : b == null ? ChangeKind.REMOVED : ChangeKind.CHANGED;
            diffs.add(fileDiff(name, change, a, b));
        }
        return diffs;
    }

    private static FileDiff fileDiff(String name, ChangeKind change, byte[] a, byte[] b) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean csv = lower.endsWith(".csv");
        boolean xlsx = lower.endsWith(".xlsx") || lower.endsWith(".xls");
        if (change != ChangeKind.CHANGED) {
            return new FileDiff(name, change, null, List.of(), null);
        }
        if (!csv && !xlsx) {
            return new FileDiff(name, change, unified(name, a, b), List.of(), null);
        }
        Map<String, List<List<String>>> sheetsA;
        Map<String, List<List<String>>> sheetsB;
        try {
            sheetsA = csv ? Map.of("", Csv.parse(text(a))) : sheets(a);
            sheetsB = csv ? Map.of("", Csv.parse(text(b))) : sheets(b);
        } catch (IOException | RuntimeException e) {
            return new FileDiff(
                    name,
                    change,
                    null,
                    List.of(),
                    "the table cannot be read to compare its cells: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        List<CellChange> cells = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int total = 0;
        TreeSet<String> sheetNames = new TreeSet<>(sheetsA.keySet());
        sheetNames.addAll(sheetsB.keySet());
        for (String sheet : sheetNames) {
            List<List<String>> ga = sheetsA.get(sheet);
            List<List<String>> gb = sheetsB.get(sheet);
            if (ga == null || gb == null) {
                notes.add("sheet '" + sheet + "' " + (ga == null ? "added" : "removed"));
                continue;
            }
            int rows = Math.max(ga.size(), gb.size());
            for (int r = 0; r < rows; r++) {
                List<String> ra = r < ga.size() ? ga.get(r) : List.of();
                List<String> rb = r < gb.size() ? gb.get(r) : List.of();
                int cols = Math.max(ra.size(), rb.size());
                for (int c = 0; c < cols; c++) {
                    String va = c < ra.size() ? ra.get(c) : "";
                    String vb = c < rb.size() ? rb.get(c) : "";
                    if (!va.equals(vb)) {
                        total++;
                        if (cells.size() < MAX_CELLS) {
                            String ref = CellReference.convertNumToColString(c) + (r + 1);
                            cells.add(new CellChange(name, csv ? null : sheet, ref, va, vb));
                        }
                    }
                }
            }
        }
        if (total > cells.size()) {
            notes.add((total - cells.size()) + " more changed cells not listed");
        }
        if (cells.isEmpty() && notes.isEmpty()) {
            notes.add("no cell changed; only the file's layout (quotes, line ends) did");
        }
        return new FileDiff(name, change, null, cells, notes.isEmpty() ? null : String.join("; ", notes));
    }

    private static String unified(String name, byte[] a, byte[] b) {
        List<String> la = lines(a);
        List<String> lb = lines(b);
        Patch<String> patch = DiffUtils.diff(la, lb);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, la, patch, 3);
        if (out.isEmpty()) {
            return "(only line ends or the final newline changed)";
        }
        return String.join("\n", out);
    }

    private static List<String> lines(byte[] bytes) {
        return text(bytes).lines().toList();
    }

    private static String text(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Each sheet of a workbook as rows of cell texts, as the officer sees them. */
    private static Map<String, List<List<String>>> sheets(byte[] bytes) throws IOException {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : wb) {
                List<List<String>> grid = new ArrayList<>();
                for (Row row : sheet) {
                    while (grid.size() < row.getRowNum()) {
                        grid.add(List.of());
                    }
                    List<String> cells = new ArrayList<>();
                    for (Cell cell : row) {
                        while (cells.size() < cell.getColumnIndex()) {
                            cells.add("");
                        }
                        cells.add(formatter.formatCellValue(cell));
                    }
                    grid.add(cells);
                }
                sheets.put(sheet.getSheetName(), grid);
            }
        }
        return sheets;
    }

    /** Every line of the diff, as the command line and the log print it. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (catalog != null) {
            catalog.added().forEach(id -> out.add("+ rule " + id));
            catalog.removed().forEach(id -> out.add("- rule " + id));
            catalog.changed().forEach((id, fields) -> fields.forEach(f -> out.add("~ rule " + id + " " + f)));
        }
        for (FileDiff f : files) {
            out.add(f.change().name().toLowerCase(Locale.ROOT) + " " + f.file());
            if (f.text() != null) {
                f.text().lines().forEach(l -> out.add("    " + l));
            }
            f.cells().forEach(c -> out.add("    " + c));
            if (f.note() != null) {
                out.add("    (" + f.note() + ")");
            }
        }
        return out;
    }

    /**
     * Reads CSV as RFC 4180 has it, as spreadsheets write it: fields in double quotes may hold
     * commas, line breaks and doubled quotes; lines end with LF or CRLF.
     */
    static final class Csv {
        private Csv() {}

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char ch = text.charAt(i);
                any = true;
                if (quoted) {
                    if (ch == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    any = false;
                } else {
                    field.append(ch);
                }
            }
            if (any) {
                row.add(field.toString());
                rows.add(row);
            }
            for (List<String> r : rows) {
                while (!r.isEmpty() && r.get(r.size() - 1).isEmpty()) {
                    r.remove(r.size() - 1);
                }
            }
            return rows;
        }
    }
}
