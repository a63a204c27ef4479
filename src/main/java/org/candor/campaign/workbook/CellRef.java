package org.candor.campaign.workbook;

import java.util.Comparator;
import org.apache.poi.ss.util.CellReference;

/**
 * A cell of a workbook as problems name it: {@code Posts!C7}. {@code row} counts from 1 as
 * spreadsheets show it; {@code column} counts from 0.
 */
record CellRef(String sheet, int row, int column) {

    /** Template sheets first, in template order, then by row and column. */
    static final Comparator<CellRef> ORDER = Comparator.comparingInt((CellRef c) -> Layout.order(c.sheet()))
            .thenComparing(CellRef::sheet)
            .thenComparingInt(CellRef::row)
            .thenComparingInt(CellRef::column);

    String path() {
        return sheet + "!" + CellReference.convertNumToColString(column) + row;
    }

    @Override
    public String toString() {
        return path();
    }
}
