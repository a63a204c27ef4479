package org.candor.campaign.workbook;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Reads a cell for its column: the value format v1 holds, or why it cannot. Text columns take what
 * the cell shows as text (a number typed into one reads as its digits); the other columns take
 * their own kind of value, or text that spells one (a cell formatted as text that holds 120000 is
 * a number). An empty cell, or blank text outside a text column, is null. Nothing is calculated: a
 * formula's saved result is read, and a formula without one is a problem.
 */
final class CellValues {

    /** A value read, or the problem that kept it from being read. */
    record Read(Object value, String problem) {
        static Read of(Object value) {
            return new Read(value, null);
        }

        static Read refused(String problem) {
            return new Read(null, problem);
        }
    }

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,30}");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})([eE][+-]?\\d{1,3})?");
    private static final Pattern CODE_SEPARATORS = Pattern.compile("[,;\\s]+");

    private final boolean date1904;
    private final BitSet percentStyles;

    CellValues(boolean date1904, BitSet percentStyles) {
        this.date1904 = date1904;
        this.percentStyles = percentStyles;
    }

    Read read(Layout.Column column, RawSheet.Cell cell) {
        switch (cell.type) {
            case ERROR -> {
                return Read.refused(
                        cell.formula != null
                                ? "the formula " + formula(cell) + " gives the error " + cell.value
                                        + "; type the value itself (Candor reads formulas' saved results and does not"
                                        + " calculate them)"
                                : "holds the error value " + cell.value + "; type the value itself");
            }
            case NO_VALUE -> {
                return Read.refused("holds the formula " + formula(cell)
                        + " with no saved result; Candor does not calculate formulas: open the workbook in Excel"
                        + " and save it, or type the value itself");
            }
            case TOO_LONG -> {
                return Read.refused("holds more than " + String.format("%,d", CellText.MAX_LENGTH)
                        + " characters, more than a" + " cell can");
            }
            case SHARED -> {
                return Read.refused("refers to text the workbook does not contain; the file is damaged");
            }
            default -> {}
        }
        return switch (column.kind()) {
            case TEXT -> Read.of(text(cell));
            case INTEGER -> whole(cell, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> whole(cell, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMBER -> decimal(cell, false);
            case PERCENT -> decimal(cell, true);
            case BOOLEAN -> bool(cell);
            case ENUM -> choice(column, cell);
            case DATE -> date(cell);
            case TIMESTAMP -> timestamp(cell);
            case CODES -> codes(cell);
        };
    }

    /** Text as the cell shows it, unless it is a number or a truth value. */
    private static String text(RawSheet.Cell cell) {
        return switch (cell.type) {
            case NUMBER -> plainNumber(cell.value);
            case BOOLEAN -> isTrue(cell.value) ? "TRUE" : "FALSE";
            default -> cell.value;
        };
    }

    private static Read whole(RawSheet.Cell cell, long min, long max) {
        String what = "must be a whole number";
        BigDecimal n;
        if (cell.type == RawSheet.Type.NUMBER) {
            n = number(cell.value);
        } else if (cell.type == RawSheet.Type.TEXT) {
            String t = cell.value.strip();
            if (t.isEmpty()) {
                return Read.of(null);
            }
            n = WHOLE.matcher(t).matches() ? new BigDecimal(t) : null;
        } else {
            return Read.refused(what + ", found " + text(cell));
        }
        if (n == null) {
            return Read.refused(what + ", found " + CellText.quote(cell.value));
        }
        n = n.stripTrailingZeros();
        if (n.scale() > 0) {
            return Read.refused(what + ", found " + n.toPlainString());
        }
        if (n.precision() - n.scale() > 19
                || n.compareTo(BigDecimal.valueOf(min)) < 0
                || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            return Read.refused(what + " from " + min + " to " + max + ", found " + shortNumber(n));
        }
        long v = n.longValueExact();
        return Read.of(max == Integer.MAX_VALUE ? (Object) (int) v : (Object) v);
    }

    private Read decimal(RawSheet.Cell cell, boolean percent) {
        String what = percent ? "must be a number from 0 to 100 (a percentage)" : "must be a number";
        if (cell.type == RawSheet.Type.NUMBER) {
            BigDecimal n = number(cell.value);
            if (n == null) {
                return Read.refused(what + ", found " + CellText.quote(cell.value));
            }
            if (percent && percentStyles.get(cell.style)) {
                // Typed as 12.5%, stored as 0.125: the column holds 12.5.
                return finite(n.movePointRight(2).doubleValue(), what);
            }
            return finite(Double.parseDouble(cell.value), what);
        }
        if (cell.type == RawSheet.Type.TEXT) {
            String t = cell.value.strip();
            if (t.isEmpty()) {
                return Read.of(null);
            }
            if (percent && t.endsWith("%")) {
                t = t.substring(0, t.length() - 1).strip();
            }
            if (DECIMAL.matcher(t).matches()) {
                return finite(Double.parseDouble(t), what);
            }
            return Read.refused(what + ", found " + CellText.quote(cell.value));
        }
        return Read.refused(what + ", found " + text(cell));
    }

    private static Read finite(double v, String what) {
        return Double.isFinite(v) ? Read.of(v) : Read.refused(what + ", found a number out of range");
    }

    private static Read bool(RawSheet.Cell cell) {
        String what = "must be TRUE or FALSE, or left empty";
        if (cell.type == RawSheet.Type.BOOLEAN) {
            return Read.of(isTrue(cell.value));
        }
        if (cell.type == RawSheet.Type.TEXT) {
            String t = cell.value.strip();
            if (t.isEmpty()) {
                return Read.of(null);
            }
            if (t.equalsIgnoreCase("TRUE")) {
                return Read.of(true);
            }
            if (t.equalsIgnoreCase("FALSE")) {
                return Read.of(false);
            }
            return Read.refused(what + ", found " + CellText.quote(cell.value));
        }
        return Read.refused(what + ", found " + text(cell));
    }

    private static Read choice(Layout.Column column, RawSheet.Cell cell) {
        String what = "must be one of " + String.join(", ", column.names()) + " (as in the dropdown)";
        if (cell.type != RawSheet.Type.TEXT) {
            return Read.refused(what + ", found " + text(cell));
        }
        String t = cell.value.strip();
        if (t.isEmpty()) {
            return Read.of(null);
        }
        Enum<?> constant = column.constant(t);
        return constant != null ? Read.of(constant) : Read.refused(what + ", found " + CellText.quote(cell.value));
    }

    private Read date(RawSheet.Cell cell) {
        String what = "must be a date written YYYY-MM-DD, such as 2026-09-30";
        if (cell.type == RawSheet.Type.NUMBER) {
            BigDecimal n = number(cell.value);
            if (n == null || n.precision() - n.scale() > 7) {
                return Read.refused(what + ", found " + CellText.quote(cell.value));
            }
            double serial = n.doubleValue();
            if (!DateUtil.isValidExcelDate(serial)) {
                return Read.refused(what + ", found " + cell.value);
            }
            // A date typed into a cell not formatted as text is stored as a day number.
            return Read.of(DateUtil.getLocalDateTime(serial, date1904).toLocalDate());
        }
        if (cell.type == RawSheet.Type.TEXT) {
            String t = cell.value.strip();
            if (t.isEmpty()) {
                return Read.of(null);
            }
            try {
                return Read.of(LocalDate.parse(t));
            } catch (DateTimeException e) {
                return Read.refused(what + ", found " + CellText.quote(cell.value));
            }
        }
        return Read.refused(what + ", found " + text(cell));
    }

    private static Read timestamp(RawSheet.Cell cell) {
        String what = "must be a moment written as ISO-8601 text with its offset from UTC, such as"
                + " 2026-10-02T10:00:00Z or 2026-10-02T12:00:00+02:00";
        if (cell.type == RawSheet.Type.NUMBER) {
            return Read.refused(what + "; found a spreadsheet date, which has no time zone: format the cell as"
                    + " text and type the moment");
        }
        if (cell.type == RawSheet.Type.TEXT) {
            String t = cell.value.strip();
            if (t.isEmpty()) {
                return Read.of(null);
            }
            try {
                return Read.of(OffsetDateTime.parse(t).toInstant());
            } catch (DateTimeException e) {
                return Read.refused(what + ", found " + CellText.quote(cell.value));
            }
        }
        return Read.refused(what + ", found " + text(cell));
    }

    private static Read codes(RawSheet.Cell cell) {
        if (cell.type != RawSheet.Type.TEXT) {
            return Read.refused("must list codes separated by commas, such as US, UK; found " + text(cell));
        }
        List<String> codes = new ArrayList<>();
        for (String part : CODE_SEPARATORS.split(cell.value.strip())) {
            if (!part.isEmpty()) {
                codes.add(part);
            }
        }
        return Read.of(codes);
    }

    private static boolean isTrue(String stored) {
        return "1".equals(stored) || "true".equalsIgnoreCase(stored);
    }

    private static BigDecimal number(String stored) {
        try {
            return new BigDecimal(stored);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A stored number as plain digits ({@code 1E5} is {@code 100000}), for text columns. */
    static String plainNumber(String stored) {
        BigDecimal n = number(stored);
        if (n == null) {
            return stored;
        }
        n = n.stripTrailingZeros();
        return Math.abs(n.scale()) > 30 ? stored : n.toPlainString();
    }

    private static String shortNumber(BigDecimal n) {
        return Math.abs(n.scale()) > 30 ? n.toString() : n.toPlainString();
    }

    private static String formula(RawSheet.Cell cell) {
        return CellText.quote("=" + cell.formula);
    }
}
