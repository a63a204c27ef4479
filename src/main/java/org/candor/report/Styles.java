package org.candor.report;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;

/**
 * The cell styles of one workbook, made once per combination: a workbook holds a limited number
 * of styles, so rows share them rather than each making its own.
 */
final class Styles {

    /** How a cell shows its value. */
    enum Format {
        TEXT,
        INTEGER,
        PERCENT,
        /** A day, as {@value #DATE_FORMAT}. */
        DATE,
        /** A moment in UTC, as {@value #TIME_FORMAT}. */
        TIME,
        /** A calendar month, as {@value #MONTH_FORMAT}. */
        MONTH
    }

    /** The number format of day cells: ISO-8601, the same in every locale. */
    static final String DATE_FORMAT = "yyyy-mm-dd";

    /**
     * The number format of moments, which the reports write in UTC (their labels say so). No
     * literal text: programs that read workbooks tell date formats by their letters alone.
     */
    static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    /** The number format of the month cells of the portfolio. */
    static final String MONTH_FORMAT = "yyyy-mm";

    /** What a style is made of. */
    record Look(Fill fill, boolean bold, boolean wrap, boolean quoted, Format format) {

        static Look text(Fill fill) {
            return new Look(fill, false, false, false, Format.TEXT);
        }

        Look withBold() {
            return new Look(fill, true, wrap, quoted, format);
        }

        Look withWrap(boolean wrap) {
            return new Look(fill, bold, wrap, quoted, format);
        }

        Look withQuote(boolean quoted) {
            return new Look(fill, bold, wrap, quoted, format);
        }

        Look withFormat(Format format) {
            return new Look(fill, bold, wrap, quoted, format);
        }
    }

    private final Workbook workbook;
    private final Map<Look, CellStyle> styles = new HashMap<>();
    private final CellStyle header;
    private final Font regularFont;
    private Font boldFont;

    Styles(Workbook workbook) {
        this.workbook = workbook;
        // A font of its own rather than the workbook's first, which names the theme's font scheme:
        // a workbook streamed without a theme then shows in another font in LibreOffice, wider
        // than the one the column widths and row heights are reckoned for.
        this.regularFont = workbook.createFont();
        this.header = make(new Look(Fill.HEADER, true, true, false, Format.TEXT));
        header.setBorderBottom(BorderStyle.THIN);
    }

    /** The style of a header cell: bold, shaded, underlined, wrapped. */
    CellStyle header() {
        return header;
    }

    CellStyle of(Look look) {
        return styles.computeIfAbsent(look, this::make);
    }

    private CellStyle make(Look look) {
        CellStyle style = workbook.createCellStyle();
        style.setVerticalAlignment(VerticalAlignment.TOP);
        style.setWrapText(look.wrap());
        style.setQuotePrefixed(look.quoted());
        style.setFont(look.bold() ? boldFont() : regularFont);
        if (look.fill() != Fill.NONE) {
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            ((XSSFCellStyle) style).setFillForegroundColor(color(look.fill()));
        }
        switch (look.format()) {
            case TEXT -> {}
            case INTEGER -> style.setDataFormat(workbook.createDataFormat().getFormat("0"));
            case PERCENT -> style.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
            case DATE -> style.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));
            case TIME -> style.setDataFormat(workbook.createDataFormat().getFormat(TIME_FORMAT));
            case MONTH -> style.setDataFormat(workbook.createDataFormat().getFormat(MONTH_FORMAT));
        }
        return style;
    }

    private Font boldFont() {
        if (boldFont == null) {
            boldFont = workbook.createFont();
            boldFont.setBold(true);
        }
        return boldFont;
    }

    private static XSSFColor color(Fill fill) {
        return new XSSFColor(HexFormat.of().parseHex(fill.rgb()), null);
    }
}
