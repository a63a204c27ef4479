package org.candor.rules.policy;

/**
 * Where a row of a policy table comes from: the file, the sheet of a workbook and the row number
 * as the officer sees it (1 for the first line of a CSV file or the first row of a sheet).
 *
 * @param file the table's file, relative to the rules folder; null when not known
 * @param sheet the sheet of a workbook; null for a CSV file
 * @param row the row number; 0 when not known
 */
public record RowOrigin(String file, String sheet, int row) {

    /** The origin of problems that belong to no row, such as a table missing altogether. */
    public static final RowOrigin NONE = new RowOrigin(null, null, 0);

    /** "row 14", or "thresholds.table.csv row 14" when the other row is in another file or sheet. */
    String rowSeenFrom(RowOrigin other) {
        String r = "row " + row;
        if (file != null && !file.equals(other.file)) {
            return file + (sheet == null ? "" : " sheet '" + sheet + "'") + " " + r;
        }
        if (sheet != null && !sheet.equals(other.sheet)) {
            return "sheet '" + sheet + "' " + r;
        }
        return r;
    }

    /** "thresholds.table.csv, row 14" or "terms.table.xlsx, sheet 'Terms', row 3". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (sheet != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("sheet '").append(sheet).append("'");
        }
        if (row > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("row ").append(row);
        }
        return sb.isEmpty() ? "a policy table" : sb.toString();
    }
}
