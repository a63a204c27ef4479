package org.candor.rules.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a row of a policy table comes from: the file, the table and the row number as the
 * officer sees it in the sheet (1 for the first line of a CSV file or the first row of a sheet).
 *
 * @param file the table's file, relative to the rules folder; null when not known
 * @param table the table's name (the text after {@code RuleTable}); null when not known
 * @param row the row number; 0 when not known
 */
public record RowOrigin(String file, String table, int row) {

    /** The origin of problems that belong to no row, such as a threshold set nowhere. */
    public static final RowOrigin NONE = new RowOrigin(null, null, 0);

    /** Drools names the rule of a decision-table row after its table and row: "Thresholds_14". */
    private static final Pattern TABLE_ROW = Pattern.compile("(.*)_(\\d+)");

    /** The origin of the rule a decision table made of one of its rows. */
    public static RowOrigin ofRule(String file, String ruleName) {
        Matcher m = TABLE_ROW.matcher(ruleName == null ? "" : ruleName);
        if (m.matches()) {
            return new RowOrigin(file, m.group(1), Integer.parseInt(m.group(2)));
        }
        return new RowOrigin(file, ruleName, 0);
    }

    /** "row 14", or "thresholds.drl.csv row 14" when the other row is in another file. */
    String rowSeenFrom(RowOrigin other) {
        String r = row > 0 ? "row " + row : "a row of table '" + table + "'";
        return file != null && !file.equals(other.file) ? file + " " + r : r;
    }

    /** "thresholds.drl.csv, row 14 (table 'Thresholds')". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (row > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("row ").append(row);
        }
        if (table != null) {
            sb.append(sb.isEmpty() ? "table '" + table + "'" : " (table '" + table + "')");
        }
        return sb.isEmpty() ? "a policy table" : sb.toString();
    }
}
