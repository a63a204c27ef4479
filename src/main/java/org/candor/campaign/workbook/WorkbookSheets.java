package org.candor.campaign.workbook;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.xml.sax.SAXException;

/**
 * Every worksheet of an uploaded .xlsx as rows of text, read with the same guards as a campaign
 * workbook ({@link WorkbookCampaignReader}): POI's zip limits (zip bombs, too many parts), no
 * macro-enabled or binary workbooks, streamed XML without DOCTYPEs, a row cap, a text budget and
 * a time limit. A value is read as stored and never calculated: a formula is refused with its
 * cell, as are error values and text longer than a cell holds.
 */
public final class WorkbookSheets {

    /** The most characters of text one upload may hold. */
    static final long MAX_TEXT_CHARS = 8L * 1024 * 1024;

    /** A worksheet: its name, and its rows from row 1 (an empty list for an empty row). */
    public record Sheet(String name, List<List<String>> rows) {}

    /** A problem of an upload: the cell ({@code Thresholds!B3}) or null for the file as a whole. */
    public record CellProblem(String cell, String message) {
        @Override
        public String toString() {
            return cell == null ? message : cell + ": " + message;
        }
    }

    /** An upload that cannot be read, with every problem found. */
    public static final class RefusedException extends RuntimeException {
        private final transient List<CellProblem> problems;

        public RefusedException(List<CellProblem> problems) {
            super(String.join("; ", problems.stream().map(CellProblem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<CellProblem> problems() {
            return problems;
        }
    }

    private final int maxRows;
    private final Duration readTimeLimit;
    private final String whatToDo;

    /**
     * @param maxRows the most rows holding something a sheet may have
     * @param whatToDo what to upload instead of a file that is not a workbook, e.g. "download the
     *     table as .xlsx, edit it"
     */
    public WorkbookSheets(int maxRows, Duration readTimeLimit, String whatToDo) {
        this.maxRows = maxRows;
        this.readTimeLimit = readTimeLimit;
        this.whatToDo = whatToDo;
        WorkbookCampaignReader.configureZipLimits();
    }

    /**
     * The worksheets of an upload, in the workbook's order.
     *
     * @throws RefusedException naming the cell of each problem
     */
    public List<Sheet> read(byte[] xlsx) {
        if (xlsx == null || xlsx.length == 0) {
            throw refused(null, "the file is empty; upload an Excel workbook (.xlsx)");
        }
        String notXlsx = WorkbookCampaignReader.notXlsx(xlsx, whatToDo);
        if (notXlsx != null) {
            throw refused(null, notXlsx);
        }
        return WorkbookPackage.viaTemporaryFile(xlsx, "candor-sheets-", this::readPackage);
    }

    private List<Sheet> readPackage(Path file) {
        Deadline deadline = new Deadline(readTimeLimit);
        List<RawSheet> raw = new ArrayList<>();
        List<CellProblem> problems = new ArrayList<>();
        BitSet percent;
        try (WorkbookPackage pkg = WorkbookPackage.open(file, deadline)) {
            WorkbookPackage.Contents contents = pkg.contents();
            percent = pkg.percentStyles();
            TextBudget budget = new TextBudget(MAX_TEXT_CHARS);
            Map<Integer, String> shared = new HashMap<>();
            for (WorkbookPackage.SheetEntry entry : contents.sheets()) {
                PackagePart part = pkg.worksheet(entry);
                if (part == null) {
                    continue; // a chart sheet holds no cells
                }
                RawSheet sheet = new RawSheet(entry.name());
                pkg.readSheet(
                        part,
                        new SheetHandler(
                                sheet, maxRows, deadline, budget, shared, false, "a policy table has far fewer"));
                raw.add(sheet);
            }
            Set<Integer> overlong = new HashSet<>();
            pkg.sharedStrings(shared, overlong, budget);
            for (RawSheet sheet : raw) {
                WorkbookCampaignReader.lookUp(sheet, shared, overlong);
            }
        } catch (ReadAborted e) {
            throw refused(e.at() == null ? null : e.at().path(), e.getMessage());
        } catch (IOException | SAXException | InvalidFormatException | RuntimeException e) {
            ReadAborted aborted = WorkbookCampaignReader.abortedIn(e);
            if (aborted != null) {
                throw refused(aborted.at() == null ? null : aborted.at().path(), aborted.getMessage());
            }
            throw refused(null, WorkbookCampaignReader.describe(e, file));
        }
        List<Sheet> sheets = new ArrayList<>();
        for (RawSheet sheet : raw) {
            sheets.add(texts(sheet, percent, problems));
        }
        if (!problems.isEmpty()) {
            throw new RefusedException(problems);
        }
        return sheets;
    }

    /** A sheet's cells as text, row by row; a problem for each cell that holds no plain value. */
    private static Sheet texts(RawSheet sheet, BitSet percent, List<CellProblem> problems) {
        List<RawSheet.Row> stored = new ArrayList<>();
        if (sheet.header != null) {
            stored.add(sheet.header);
        }
        stored.addAll(sheet.rows);
        List<List<String>> rows = new ArrayList<>();
        for (RawSheet.Row row : stored) {
            while (rows.size() < row.number() - 1) {
                rows.add(List.of());
            }
            List<String> cells = new ArrayList<>();
            for (RawSheet.Cell cell : row.cells()) {
                while (cells.size() < cell.column) {
                    cells.add("");
                }
                String at = new CellRef(sheet.name, row.number(), cell.column).path();
                String text = text(cell, percent, at, problems);
                if (cells.size() == cell.column) {
                    cells.add(text);
                }
            }
            rows.add(cells);
        }
        return new Sheet(sheet.name, rows);
    }

    private static String text(RawSheet.Cell cell, BitSet percent, String at, List<CellProblem> problems) {
        if (cell.formula != null) {
            problems.add(new CellProblem(
                    at,
                    "a formula (" + CellText.quote("=" + cell.formula) + "); type the value itself: policy tables"
                            + " are not calculated"));
            return "";
        }
        return switch (cell.type) {
            case TEXT -> cell.value;
            case NUMBER -> {
                if (percent.get(cell.style)) {
                    try {
                        BigDecimal n = new BigDecimal(cell.value).movePointRight(2);
                        yield CellValues.plainNumber(n.toPlainString());
                    } catch (NumberFormatException e) {
                        yield cell.value;
                    }
                }
                yield CellValues.plainNumber(cell.value);
            }
            case BOOLEAN -> "1".equals(cell.value) || "true".equalsIgnoreCase(cell.value) ? "TRUE" : "FALSE";
            case TOO_LONG -> {
                problems.add(new CellProblem(
                        at, "the text is longer than the " + CellText.MAX_LENGTH + " characters a cell holds"));
                yield "";
            }
            case SHARED -> {
                problems.add(new CellProblem(at, "the cell's text is missing from the workbook; type it again"));
                yield "";
            }
            case ERROR, NO_VALUE -> {
                problems.add(new CellProblem(at, "an error value (" + cell.value + "); type the value itself"));
                yield "";
            }
        };
    }

    private static RefusedException refused(String cell, String message) {
        return new RefusedException(List.of(new CellProblem(cell, message)));
    }
}
