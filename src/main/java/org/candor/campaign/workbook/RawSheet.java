package org.candor.campaign.workbook;

import java.util.ArrayList;
import java.util.List;

/** A sheet as stored, before its cells are read for their columns: the header row and the rows after. */
final class RawSheet {

    /** What a cell holds, as the workbook stores it. */
    enum Type {
        /** Text; for a formula, the text it last gave. */
        TEXT,
        /** Text kept in the shared-strings part, by index, until it is looked up. */
        SHARED,
        NUMBER,
        BOOLEAN,
        /** An error value such as {@code #N/A}. */
        ERROR,
        /** A formula with no saved result. */
        NO_VALUE,
        /** Text longer than a cell can hold. */
        TOO_LONG
    }

    /** One stored cell. {@code formula} is the formula the value came from, or null. */
    static final class Cell {
        final int column;
        Type type;
        String value;
        final int style;
        final String formula;

        Cell(int column, Type type, String value, int style, String formula) {
            this.column = column;
            this.type = type;
            this.value = value;
            this.style = style;
            this.formula = formula;
        }

        /** Whether the cell holds nothing a reader could use: no value, or only blank text. */
        boolean isBlank() {
            return type == Type.TEXT && value.isBlank();
        }
    }

    /** A row, numbered from 1 as spreadsheets show it, with the cells that hold something. */
    record Row(int number, List<Cell> cells) {

        boolean isBlank() {
            return cells.stream().allMatch(Cell::isBlank);
        }

        Cell cell(int column) {
            for (Cell c : cells) {
                if (c.column == column) {
                    return c;
                }
            }
            return null;
        }
    }

    final String name;
    /** Row 1, or null when the sheet does not start with one. */
    Row header;

    final List<Row> rows = new ArrayList<>();

    RawSheet(String name) {
        this.name = name;
    }
}
