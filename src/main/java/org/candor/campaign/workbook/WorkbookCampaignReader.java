package org.candor.campaign.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignValidator;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.Problem;
import org.xml.sax.SAXException;

/**
 * Reads a campaign from an .xlsx workbook made from {@link CampaignTemplate}: the workbook maps
 * one-to-one onto format v1, and the campaign goes through the same {@link CampaignValidator} as
 * JSON. Every problem names its cell, such as {@code Posts!C7}, or {@link #WORKBOOK} for the file as
 * a whole; problems the validator finds by JSON path are reported at the cells the values came from.
 *
 * <p>Workbooks are untrusted. The file is checked by its content, not its name: empty files, PDFs
 * and other non-zip files, legacy .xls (and password-protected) files, macro-enabled and binary
 * workbooks are refused with a message saying so. The zip is read with POI's {@link ZipSecureFile}
 * limits ({@link #configureZipLimits()}), each part streamed through a SAX parser that refuses any
 * DOCTYPE (so no entity is ever resolved), shared strings looked up only for the cells that use them,
 * and the read stops past a number of rows per sheet, an amount of text, or a time limit. Formulas
 * are never calculated: a formula cell reads as the result Excel saved with it. Text is read as
 * text, so a cell holding {@code =1+1} or {@code +33 6 12} as text reads as those characters.
 *
 * <p>Instances hold no state between reads and may be shared.
 */
public final class WorkbookCampaignReader {

    /** The path of problems with the workbook as a whole rather than one cell. */
    public static final String WORKBOOK = "workbook";

    public static final int DEFAULT_MAX_ROWS_PER_SHEET = 10_000;
    public static final Duration DEFAULT_READ_TIME_LIMIT = Duration.ofSeconds(10);

    /**
     * Smallest compressed-to-expanded ratio of a zip entry (beyond POI's grace size): a part
     * expanding more than 100 times is a zip bomb.
     */
    public static final double MIN_INFLATE_RATIO = 0.01;
    /** Largest expanded size of one part of a workbook. */
    public static final long MAX_ENTRY_SIZE = 64L * 1024 * 1024;
    /** Most parts (zip entries) a workbook may have; the template has about thirty. */
    public static final long MAX_FILE_COUNT = 1_000;
    /** Most characters of text one read keeps in memory. */
    static final long MAX_TEXT_CHARS = 32L * 1024 * 1024;

    private static final String EMPTY =
            "the file is empty; upload the campaign workbook (.xlsx) made from the Candor template";

    private static volatile boolean zipLimitsSet;

    private final CampaignValidator validator;
    private final int maxRowsPerSheet;
    private final Duration readTimeLimit;

    public WorkbookCampaignReader() {
        this(new CampaignValidator());
    }

    public WorkbookCampaignReader(CampaignValidator validator) {
        this(validator, DEFAULT_MAX_ROWS_PER_SHEET, DEFAULT_READ_TIME_LIMIT);
    }

    /**
     * @param maxRowsPerSheet the most rows after the header any sheet may hold
     * @param readTimeLimit how long reading one workbook may take
     */
    public WorkbookCampaignReader(CampaignValidator validator, int maxRowsPerSheet, Duration readTimeLimit) {
        if (maxRowsPerSheet < 1) {
            throw new IllegalArgumentException("maxRowsPerSheet must be at least 1");
        }
        if (readTimeLimit.isNegative()) {
            throw new IllegalArgumentException("readTimeLimit must not be negative");
        }
        this.validator = validator;
        this.maxRowsPerSheet = maxRowsPerSheet;
        this.readTimeLimit = readTimeLimit;
        configureZipLimits();
    }

    /**
     * Sets POI's zip limits for every workbook this JVM opens: the smallest inflate ratio, the
     * largest part and the most parts. Idempotent; called by every constructor, and may be called at
     * startup.
     */
    public static void configureZipLimits() {
        if (zipLimitsSet) {
            return;
        }
        synchronized (WorkbookCampaignReader.class) {
            ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
            ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
            ZipSecureFile.setMaxFileCount(MAX_FILE_COUNT);
            zipLimitsSet = true;
        }
    }

    /**
     * Reads and validates an uploaded workbook. It is kept in a temporary file while it is read, so
     * that only the parts read are expanded, and deleted after.
     *
     * @throws InvalidCampaignException listing every problem, each at its cell
     * @throws UncheckedIOException when the temporary file cannot be written
     */
    public Campaign read(byte[] xlsx) {
        if (xlsx == null || xlsx.length == 0) {
            throw refused(EMPTY);
        }
        refuseByContent(xlsx);
        return WorkbookPackage.viaTemporaryFile(xlsx, "candor-workbook-", this::readPackage);
    }

    /**
     * Reads and validates a workbook file.
     *
     * @throws IOException when the file itself cannot be read (missing, not permitted)
     * @throws InvalidCampaignException listing every problem, each at its cell
     */
    public Campaign read(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw refused(EMPTY);
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        refuseByContent(Arrays.copyOf(head, n));
        return readPackage(file);
    }

    /** Refuses what is plainly not an .xlsx, by its first bytes. */
    private static void refuseByContent(byte[] bytes) {
        String why = notXlsx(bytes, "fill in the campaign template");
        if (why != null) {
            throw refused(why);
        }
    }

    /**
     * Why a file is plainly not an .xlsx, judged by its first bytes; null when it may be one.
     *
     * @param whatToDo what the person should do instead, e.g. "fill in the campaign template"
     */
    static String notXlsx(byte[] bytes, String whatToDo) {
        FileMagic magic = FileMagic.valueOf(Arrays.copyOf(bytes, 8));
        return switch (magic) {
            case OOXML -> null;
            case OLE2 ->
                "the file is an Excel 97-2003 workbook (.xls), or a password-protected"
                        + " workbook; Candor reads only .xlsx workbooks without a password. Open it in Excel, remove"
                        + " any password, and save it as 'Excel Workbook (*.xlsx)'";
            case BIFF2, BIFF3, BIFF4 ->
                "the file is a workbook from an old version of Excel; save it as 'Excel Workbook (*.xlsx)'";
            case PDF ->
                "the file is a PDF, not an Excel workbook (.xlsx); " + whatToDo + " in Excel and upload the"
                        + " .xlsx file";
            case XML ->
                "the file is XML (perhaps an 'XML Spreadsheet 2003'), not an Excel"
                        + " workbook (.xlsx); save it as 'Excel Workbook (*.xlsx)'";
            case HTML -> "the file is a web page (HTML), not an Excel workbook (.xlsx)";
            case RTF, WORD2, MSWRITE -> "the file is a text document, not an Excel workbook (.xlsx)";
            case JPEG, GIF, PNG, TIFF, WMF, EMF, BMP -> "the file is an image, not an Excel workbook (.xlsx)";
            default ->
                "the file is not an Excel workbook (.xlsx): an .xlsx is a zip archive, and"
                        + " this file is not one (a CSV or a renamed file?); " + whatToDo + " and save"
                        + " it as 'Excel Workbook (*.xlsx)'";
        };
    }

    private Campaign readPackage(Path file) {
        Deadline deadline = new Deadline(readTimeLimit);
        ProblemList problems = new ProblemList();
        Campaign campaign;
        Locations locations;
        try (WorkbookPackage pkg = WorkbookPackage.open(file, deadline)) {
            WorkbookPackage.Contents contents = pkg.contents();
            BitSet percentStyles = pkg.percentStyles();
            TextBudget budget = new TextBudget(MAX_TEXT_CHARS);
            Map<Integer, String> shared = new HashMap<>();
            Map<String, RawSheet> raw = new LinkedHashMap<>();
            for (Layout.Sheet layout : Layout.SHEETS) {
                WorkbookPackage.SheetEntry entry = find(contents.sheets(), layout, problems);
                if (entry == null) {
                    continue;
                }
                PackagePart part = pkg.worksheet(entry);
                if (part == null) {
                    problems.add(
                            null,
                            "the sheet '" + layout.name() + "' is not a worksheet of cells (a chart"
                                    + " sheet?); use the template's sheet");
                    continue;
                }
                RawSheet sheet = new RawSheet(layout.name());
                pkg.readSheet(part, new SheetHandler(sheet, maxRowsPerSheet, deadline, budget, shared));
                raw.put(layout.name(), sheet);
            }
            Set<Integer> overlong = new HashSet<>();
            pkg.sharedStrings(shared, overlong, budget);
            CellValues values = new CellValues(contents.date1904(), percentStyles);
            Map<String, SheetTable> tables = new LinkedHashMap<>();
            for (Layout.Sheet layout : Layout.SHEETS) {
                deadline.check();
                RawSheet sheet = raw.get(layout.name());
                if (sheet == null) {
                    tables.put(layout.name(), SheetTable.absent(layout));
                } else {
                    lookUp(sheet, shared, overlong);
                    tables.put(layout.name(), SheetTable.read(sheet, layout, values, problems));
                }
            }
            CampaignAssembler assembler = new CampaignAssembler(tables, problems);
            campaign = assembler.assemble();
            locations = assembler.locations();
        } catch (ReadAborted e) {
            throw refused(problems, e.at(), e.getMessage());
        } catch (IOException | SAXException | InvalidFormatException | RuntimeException e) {
            ReadAborted aborted = abortedIn(e);
            if (aborted != null) {
                throw refused(problems, aborted.at(), aborted.getMessage());
            }
            throw refused(problems, null, describe(e, file));
        }

        for (Problem p : validator.validate(campaign)) {
            CellRef at = locations.resolve(p.path());
            if (at != null && problems.has(at)) {
                continue; // the cell was already reported: a value that could not be read reads as empty
            }
            problems.add(at, locations.rewrite(p.message()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCampaignException(problems.toProblems());
        }
        return campaign;
    }

    /** The workbook's sheet for a template sheet; null, with a problem when it must be there, if none. */
    private static WorkbookPackage.SheetEntry find(
            List<WorkbookPackage.SheetEntry> sheets, Layout.Sheet layout, ProblemList problems) {
        for (WorkbookPackage.SheetEntry s : sheets) {
            if (layout.name().equals(s.name())) {
                return s;
            }
        }
        for (WorkbookPackage.SheetEntry s : sheets) {
            if (s.name() != null && layout.name().equalsIgnoreCase(s.name().strip())) {
                problems.add(
                        null,
                        "the sheet '" + s.name() + "' must be named '" + layout.name()
                                + "', exactly as in the template, to be read");
                return null;
            }
        }
        if (Layout.required(layout)) {
            problems.add(
                    null,
                    "the workbook has no sheet named '" + layout.name() + "'; fill in the campaign template,"
                            + " which has the sheets " + String.join(", ", CampaignTemplate.DATA_SHEETS));
        }
        return null;
    }

    /** Puts the text of shared strings into the cells that refer to them. */
    static void lookUp(RawSheet sheet, Map<Integer, String> shared, Set<Integer> overlong) {
        List<RawSheet.Row> rows = new ArrayList<>(sheet.rows);
        if (sheet.header != null) {
            rows.add(sheet.header);
        }
        for (RawSheet.Row row : rows) {
            for (RawSheet.Cell cell : row.cells()) {
                if (cell.type == RawSheet.Type.SHARED) {
                    int index = Integer.parseInt(cell.value);
                    if (overlong.contains(index)) {
                        cell.type = RawSheet.Type.TOO_LONG;
                    } else if (shared.get(index) != null) {
                        cell.type = RawSheet.Type.TEXT;
                        cell.value = shared.get(index);
                    }
                }
            }
        }
    }

    static ReadAborted abortedIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ReadAborted a) {
                return a;
            }
            if (t instanceof SAXException s && s.getException() instanceof ReadAborted a) {
                return a;
            }
        }
        return null;
    }

    /** What went wrong, said for the person who uploaded the file. */
    static String describe(Throwable e, Path file) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.startsWith("Zip bomb detected") && m.contains("max. ratio")) {
                return "the workbook is a 'zip bomb': a part of it expands to more than "
                        + Math.round(1 / MIN_INFLATE_RATIO) + " times its compressed size, which no spreadsheet"
                        + " needs; it was refused without being expanded";
            }
            if (m.startsWith("Zip bomb detected")) {
                return "a part of the workbook expands to more than " + MAX_ENTRY_SIZE / (1024 * 1024)
                        + " MB, far more than a campaign needs; it was refused without being expanded";
            }
            if (m.contains("more internal file entries than expected")) {
                return "the workbook holds more than " + MAX_FILE_COUNT + " parts (zip entries); a campaign"
                        + " workbook has a few dozen, so the file was refused";
            }
            if (t instanceof SAXException s && SecureXml.isDoctype(s)) {
                return "the workbook's XML declares a DOCTYPE, which a workbook never contains and which can be"
                        + " used to read files from the server; the file was refused";
            }
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        reason = reason.replace(file.toAbsolutePath().toString(), "the file")
                .replace(file.toString(), "the file")
                .lines()
                .findFirst()
                .orElse("")
                .strip();
        if (reason.length() > 200) {
            reason = reason.substring(0, 197) + "...";
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        String kind = e instanceof SAXException
                ? "its XML is malformed"
                : lower.contains("zip") || lower.contains("ooxml") || e instanceof InvalidFormatException
                        ? "it may be damaged, cut short, or not a workbook"
                        : "it may be damaged";
        return "the file could not be read as an Excel workbook (.xlsx); " + kind + " (" + reason + ")";
    }

    private static InvalidCampaignException refused(String message) {
        return new InvalidCampaignException(List.of(new Problem(WORKBOOK, message)));
    }

    private static InvalidCampaignException refused(ProblemList problems, CellRef at, String message) {
        // What stopped the read comes first, then what was found before it stopped.
        List<Problem> list = new ArrayList<>();
        list.add(new Problem(at == null ? WORKBOOK : at.path(), message));
        list.addAll(problems.toProblems());
        return new InvalidCampaignException(list);
    }
}
