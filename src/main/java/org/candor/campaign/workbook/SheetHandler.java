package org.candor.campaign.workbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * Reads the cells of one worksheet part as they stream past: values as stored (the cached result
 * for a formula, never a calculation), shared strings by index, at most {@code maxRows} rows that
 * hold something after the header, at most {@link CellText#MAX_LENGTH} characters a cell.
 */
final class SheetHandler extends SecureXml.Handler {

    /** Cells read from one row; a template sheet has fewer than twenty columns. */
    static final int MAX_CELLS_PER_ROW = 256;
    /** The longest formula kept, to quote in a message. */
    private static final int MAX_FORMULA = 200;

    private enum Capture {
        NONE,
        VALUE,
        INLINE,
        FORMULA
    }

    private final RawSheet sheet;
    private final int maxRows;
    private final TextBudget budget;
    /** Shared-string indexes the sheet uses, mapped to their text once looked up. */
    private final Map<Integer, String> sharedNeeded;
    /** Whether cells right of the header's last are dropped (a campaign sheet) or kept (a policy table). */
    private final boolean cropToHeader;
    /** What to do when the sheet has too many rows, said after the limit. */
    private final String tooManyRowsAdvice;

    private boolean inSheetData;
    private boolean firstRowSeen;
    private int headerWidth = -1;
    private int rowsWithContent;

    private int rowNumber;
    private List<RawSheet.Cell> cells;
    private boolean overflowReported;

    private int column = -1;
    private int lastColumn = -1;
    private String type;
    private int style;
    private boolean hasFormula;
    private String formula;
    private String value;
    private StringBuilder inline;
    private boolean inInline;
    private boolean inPhonetic;
    private boolean tooLong;

    private Capture capture = Capture.NONE;
    private final StringBuilder buffer = new StringBuilder();

    SheetHandler(RawSheet sheet, int maxRows, Deadline deadline, TextBudget budget, Map<Integer, String> sharedNeeded) {
        this(sheet, maxRows, deadline, budget, sharedNeeded, true, "split the campaign into smaller ones");
    }

    SheetHandler(
            RawSheet sheet,
            int maxRows,
            Deadline deadline,
            TextBudget budget,
            Map<Integer, String> sharedNeeded,
            boolean cropToHeader,
            String tooManyRowsAdvice) {
        super(deadline, "for the sheet '" + sheet.name + "'");
        this.sheet = sheet;
        this.maxRows = maxRows;
        this.budget = budget;
        this.sharedNeeded = sharedNeeded;
        this.cropToHeader = cropToHeader;
        this.tooManyRowsAdvice = tooManyRowsAdvice;
    }

    @Override
    void start(String name, Attributes attributes) {
        switch (name) {
            case "sheetData" -> inSheetData = true;
            case "row" -> {
                if (inSheetData) {
                    startRow(attributes);
                }
            }
            case "c" -> {
                if (cells != null) {
                    startCell(attributes);
                }
            }
            case "f" -> {
                if (column >= 0) {
                    hasFormula = true;
                    begin(Capture.FORMULA);
                }
            }
            case "v" -> {
                if (column >= 0) {
                    begin(Capture.VALUE);
                }
            }
            case "is" -> inInline = column >= 0;
            case "rPh" -> inPhonetic = true;
            case "t" -> {
                if (inInline && !inPhonetic) {
                    begin(Capture.INLINE);
                }
            }
            default -> {}
        }
    }

    @Override
    void end(String name) throws SAXException {
        switch (name) {
            case "v" -> {
                if (capture == Capture.VALUE) {
                    value = buffer.toString();
                    capture = Capture.NONE;
                }
            }
            case "f" -> {
                if (capture == Capture.FORMULA) {
                    formula = buffer.toString();
                    capture = Capture.NONE;
                }
            }
            case "t" -> {
                if (capture == Capture.INLINE) {
                    if (inline == null) {
                        inline = new StringBuilder();
                    }
                    append(inline, buffer);
                    capture = Capture.NONE;
                }
            }
            case "rPh" -> inPhonetic = false;
            case "is" -> inInline = false;
            case "c" -> {
                if (column >= 0) {
                    endCell();
                }
            }
            case "row" -> {
                if (cells != null) {
                    endRow();
                }
            }
            case "sheetData" -> throw new SecureXml.Done();
            default -> {}
        }
    }

    @Override
    void text(char[] ch, int start, int length) {
        if (capture == Capture.NONE) {
            return;
        }
        int limit = capture == Capture.FORMULA ? MAX_FORMULA : CellText.MAX_LENGTH + 1;
        int room = limit - buffer.length();
        if (length > room) {
            tooLong |= capture != Capture.FORMULA;
            length = Math.max(room, 0);
        }
        buffer.append(ch, start, length);
    }

    private void begin(Capture what) {
        capture = what;
        buffer.setLength(0);
    }

    private void append(StringBuilder to, CharSequence text) {
        int room = CellText.MAX_LENGTH + 1 - to.length();
        if (text.length() > room) {
            tooLong = true;
            to.append(text, 0, Math.max(room, 0));
        } else {
            to.append(text);
        }
    }

    private void startRow(Attributes attributes) {
        rowNumber = parsePositive(attributes.getValue("r"), rowNumber + 1);
        cells = new ArrayList<>();
        overflowReported = false;
        column = -1;
        lastColumn = -1;
    }

    private void startCell(Attributes attributes) {
        column = columnOf(attributes.getValue("r"), lastColumn + 1);
        lastColumn = column;
        type = attributes.getValue("t");
        style = parsePositive(attributes.getValue("s"), 0);
        hasFormula = false;
        formula = null;
        value = null;
        inline = null;
        inInline = false;
        inPhonetic = false;
        tooLong = false;
        capture = Capture.NONE;
    }

    private void endCell() {
        RawSheet.Cell cell = cellOf();
        int at = column;
        column = -1;
        if (cell == null || cells.size() >= MAX_CELLS_PER_ROW) {
            return;
        }
        boolean header = !firstRowSeen && rowNumber == 1;
        if (header) {
            keep(cell);
            return;
        }
        if (cropToHeader && headerWidth >= 0 && at >= headerWidth) {
            // A value beside the table: keep the first of the row, to report it.
            if (!overflowReported && !cell.isBlank()) {
                overflowReported = true;
                keep(cell);
            }
            return;
        }
        keep(cell);
    }

    private void keep(RawSheet.Cell cell) {
        if (cell.type == RawSheet.Type.TEXT || cell.type == RawSheet.Type.ERROR) {
            budget.spend(cell.value.length());
        }
        if (cell.type == RawSheet.Type.SHARED) {
            sharedNeeded.putIfAbsent(Integer.valueOf(cell.value), null);
        }
        cells.add(cell);
    }

    private RawSheet.Cell cellOf() {
        if (tooLong) {
            return new RawSheet.Cell(column, RawSheet.Type.TOO_LONG, "", style, null);
        }
        String f = hasFormula ? (formula == null ? "" : formula) : null;
        String t = type == null ? "n" : type;
        switch (t) {
            case "s" -> {
                if (value == null) {
                    return hasFormula ? new RawSheet.Cell(column, RawSheet.Type.NO_VALUE, "", style, f) : null;
                }
                String index = value.strip();
                if (!index.matches("\\d{1,9}")) {
                    return new RawSheet.Cell(column, RawSheet.Type.ERROR, "a broken shared-string reference", style, f);
                }
                return new RawSheet.Cell(
                        column, RawSheet.Type.SHARED, String.valueOf(Integer.parseInt(index)), style, f);
            }
            case "inlineStr" -> {
                String text = inline != null ? inline.toString() : value;
                if (text == null) {
                    return hasFormula ? new RawSheet.Cell(column, RawSheet.Type.NO_VALUE, "", style, f) : null;
                }
                return new RawSheet.Cell(column, RawSheet.Type.TEXT, CellText.decode(text), style, f);
            }
            case "str", "d" -> {
                if (value == null) {
                    return hasFormula ? new RawSheet.Cell(column, RawSheet.Type.NO_VALUE, "", style, f) : null;
                }
                return new RawSheet.Cell(column, RawSheet.Type.TEXT, CellText.decode(value), style, f);
            }
            case "b" -> {
                if (value == null) {
                    return hasFormula ? new RawSheet.Cell(column, RawSheet.Type.NO_VALUE, "", style, f) : null;
                }
                return new RawSheet.Cell(column, RawSheet.Type.BOOLEAN, value.strip(), style, f);
            }
            case "e" -> {
                return new RawSheet.Cell(
                        column, RawSheet.Type.ERROR, value == null ? "an error" : value.strip(), style, f);
            }
            default -> {
                if (value == null || value.isBlank()) {
                    return hasFormula ? new RawSheet.Cell(column, RawSheet.Type.NO_VALUE, "", style, f) : null;
                }
                return new RawSheet.Cell(column, RawSheet.Type.NUMBER, value.strip(), style, f);
            }
        }
    }

    private void endRow() {
        List<RawSheet.Cell> row = cells;
        cells = null;
        if (!firstRowSeen) {
            firstRowSeen = true;
            if (rowNumber == 1) {
                sheet.header = new RawSheet.Row(1, row);
                headerWidth = row.stream().mapToInt(c -> c.column + 1).max().orElse(0);
                return;
            }
        }
        if (row.isEmpty()) {
            return;
        }
        if (++rowsWithContent > maxRows) {
            throw new ReadAborted(
                    new CellRef(sheet.name, rowNumber, 0),
                    "the sheet has more than " + String.format("%,d", maxRows)
                            + " rows after its header, the most Candor reads; " + tooManyRowsAdvice);
        }
        sheet.rows.add(new RawSheet.Row(rowNumber, row));
    }

    private static int parsePositive(String text, int fallback) {
        if (text == null || !text.matches("\\d{1,9}")) {
            return fallback;
        }
        return Integer.parseInt(text);
    }

    /** The column of a reference such as {@code C7}; {@code fallback} when there is none. */
    private static int columnOf(String ref, int fallback) {
        if (ref == null) {
            return fallback;
        }
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 3) {
            return fallback;
        }
        int col = CellReference.convertColStringToIndex(ref.substring(0, i));
        return col >= 0 && col < 16_384 ? col : fallback;
    }
}
