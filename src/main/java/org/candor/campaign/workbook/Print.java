package org.candor.campaign.workbook;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * How the workbooks' sheets print (the campaign template and the reports): scaled to the page's width, a table's header row on every page,
 * landscape when a table is wider than a portrait page, the sheet's name and page number in the
 * footer.
 */
public final class Print {

    /**
     * The widest a table may be, in characters (column widths summed), to print portrait at full
     * size on A4 or Letter with the default margins; wider tables print landscape.
     */
    public static final int PORTRAIT_CHARS = 90;

    /** Points per line of wrapped text in the default font (Calibri 11). */
    static final float LINE_POINTS = 15f;

    /** The tallest a row can be, in points. */
    static final float MAX_ROW_POINTS = 409f;

    /** Footer codes: the sheet's name; "Page n of m". */
    static final String SHEET_NAME = "&A";

    static final String PAGE_OF_PAGES = "Page &P of &N";

    private Print() {}

    /**
     * A table with its header in row 1: as many pages down as it needs, one page across, the
     * header repeated at the top of each.
     *
     * @param widthChars the table's width, its columns' widths summed, in characters
     */
    public static void table(Sheet sheet, int widthChars) {
        setUp(sheet, widthChars > PORTRAIT_CHARS, 0);
        sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
    }

    /** A sheet that prints one page across and as many down as it takes, landscape when wide. */
    public static void across(Sheet sheet, int widthChars) {
        setUp(sheet, widthChars > PORTRAIT_CHARS, 0);
    }

    /**
     * How many lines the text takes in a wrapped cell {@code width} characters wide: each line of
     * the text wrapped at spaces, a word longer than a line broken across lines.
     */
    public static int lines(String text, int width) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int perLine = Math.max(1, width);
        int total = 0;
        for (String paragraph : text.split("\n", -1)) {
            int lines = 1;
            int used = 0;
            for (String word : paragraph.split(" ")) {
                int w = word.length();
                if (w == 0) {
                    continue;
                }
                int need = used == 0 ? w : used + 1 + w;
                if (need <= perLine) {
                    used = need;
                    continue;
                }
                if (used > 0) {
                    lines++;
                }
                lines += (w - 1) / perLine;
                used = w - ((w - 1) / perLine) * perLine;
            }
            total += lines;
        }
        return total;
    }

    /** A sheet that prints on one page, portrait. */
    public static void onePage(Sheet sheet) {
        setUp(sheet, false, 1);
    }

    /** A sheet of charts laid out wider than tall: on one landscape page. */
    public static void onePageLandscape(Sheet sheet) {
        setUp(sheet, true, 1);
    }

    /** The height of a row showing {@code lines} lines of wrapped text, in points. */
    public static float rowPoints(int lines) {
        return Math.min(MAX_ROW_POINTS, lines * LINE_POINTS);
    }

    /** @param pagesDown the most pages down, or 0 for as many as needed */
    private static void setUp(Sheet sheet, boolean landscape, int pagesDown) {
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup ps = sheet.getPrintSetup();
        ps.setLandscape(landscape);
        ps.setFitWidth((short) 1);
        ps.setFitHeight((short) pagesDown);
        sheet.getFooter().setLeft(SHEET_NAME);
        sheet.getFooter().setRight(PAGE_OF_PAGES);
    }
}
