package org.candor.campaign.workbook;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each part of the campaign came from, so that a problem found on the campaign (by JSON path,
 * such as {@code $.posts[4].influencer}) is reported at its cell ({@code Posts!C7}). Each object is
 * registered at its row; a field is found in its row by its column, named like the field's path
 * inside the object ({@code relationship.kind}); a list, at the rows of its elements.
 */
final class Locations {

    private static final Pattern JSON_PATH = Pattern.compile("\\$(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+\\])*");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+\\]");

    private record RowAt(SheetTable table, int row) {}

    private final Map<String, RowAt> rows = new HashMap<>();
    private final Map<String, CellRef> lists = new HashMap<>();

    /** The object at {@code path} was read from {@code row} of the table. */
    void row(String path, SheetTable table, int row) {
        rows.put(path, new RowAt(table, row));
    }

    /**
     * The list at {@code path} was read from the table, its first element from {@code firstRow}; an
     * empty list is found at row 2, where its first row would go.
     */
    void list(String path, SheetTable table, Integer firstRow) {
        lists.put(path, table.first(firstRow == null ? 2 : firstRow));
    }

    /** The cell a JSON path leads to, or null when the path is not one of the campaign's. */
    CellRef resolve(String path) {
        CellRef list = lists.get(path);
        if (list != null) {
            return list;
        }
        String prefix = path;
        while (true) {
            RowAt at = rows.get(prefix);
            if (at != null) {
                return cell(at, prefix.length() < path.length() ? path.substring(prefix.length() + 1) : "");
            }
            int cut = Math.max(prefix.lastIndexOf('.'), prefix.lastIndexOf('['));
            if (cut <= 0) {
                return null;
            }
            prefix = prefix.substring(0, cut);
            list = lists.get(prefix);
            if (list != null) {
                return list;
            }
        }
    }

    /** The message with the JSON paths it mentions ("also at $.posts[0]") turned into cells. */
    String rewrite(String message) {
        Matcher m = JSON_PATH.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            CellRef at = resolve(m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(at == null ? m.group() : at.path()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The cell of a field, by its path inside the row's object ({@code relationship.kind}). */
    private static CellRef cell(RowAt at, String field) {
        SheetTable table = at.table();
        String column = INDEX.matcher(field).replaceAll("");
        if (column.isEmpty()) {
            return table.first(at.row());
        }
        Layout.Column named = table.layout.column(column);
        if (named != null && named.role() == Layout.Role.FIELD) {
            return table.cell(column, at.row());
        }
        // An object inside the row's object ("relationship"): its first column.
        for (Layout.Column c : table.layout.columns()) {
            if (c.name().startsWith(column + ".")) {
                return table.cell(c.name(), at.row());
            }
        }
        return table.first(at.row());
    }
}
