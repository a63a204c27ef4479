package org.candor.rules.policy;

/**
 * A policy table value the checks cannot use, with the row it comes from ({@link RowOrigin#NONE}
 * for a problem of the tables as a whole) and, for a bad cell, its column.
 *
 * @param column the cell's column, 1 for the first (A); 0 for a problem of the whole row
 * @param columnTitle the column's title; null when the column has none or is not known
 */
public record PolicyProblem(RowOrigin origin, int column, String columnTitle, String message) {

    /** A problem of a whole row, or of the tables as a whole. */
    public PolicyProblem(RowOrigin origin, String message) {
        this(origin, 0, null, message);
    }

    /** The column as a spreadsheet names it: A, B, …, Z, AA, …; empty when there is none. */
    public String columnLetter() {
        if (column <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int c = column; c > 0; c = (c - 1) / 26) {
            sb.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return sb.toString();
    }

    /** "thresholds.table.csv, row 14, column B 'Value': '3)' is not a number". */
    @Override
    public String toString() {
        String where = origin == RowOrigin.NONE ? "" : origin.toString();
        if (column > 0) {
            where += (where.isEmpty() ? "" : ", ") + "column " + columnLetter()
                    + (columnTitle == null ? "" : " '" + columnTitle + "'");
        }
        return where.isEmpty() ? message : where + ": " + message;
    }
}
