package org.candor.campaign.workbook;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * An .xlsx opened read-only through POI's package layer, whose zip reading applies the {@link
 * org.apache.poi.openxml4j.util.ZipSecureFile} limits; its parts are streamed through {@link
 * SecureXml}, never loaded whole. Opening refuses what is not a plain workbook: macro-enabled and
 * binary workbooks, Word and PowerPoint files, and strict Open XML.
 */
final class WorkbookPackage implements Closeable {

    private static final String SHEET_MAIN =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String TEMPLATE_MAIN =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";
    private static final String WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    /** How a macro-enabled workbook is refused; shared with the check on the file's parts. */
    static final String MACROS = "the workbook contains macros (it is a macro-enabled workbook, such as an .xlsm);"
            + " Candor does not accept macros. Save it as 'Excel Workbook (*.xlsx)' and upload that file";

    private final OPCPackage pkg;
    private final PackagePart workbook;
    private final Deadline deadline;

    private WorkbookPackage(OPCPackage pkg, PackagePart workbook, Deadline deadline) {
        this.pkg = pkg;
        this.workbook = workbook;
        this.deadline = deadline;
    }

    /** A sheet of the workbook: its name and the relationship that leads to its part. */
    record SheetEntry(String name, String relationshipId) {}

    /** What workbook.xml says: the sheets in order, and which calendar its dates count from. */
    record Contents(List<SheetEntry> sheets, boolean date1904) {}

    /**
     * Reads an uploaded workbook from a temporary file (POI opens a package from a file without
     * holding it all in memory), deleted afterwards.
     *
     * @throws UncheckedIOException when the temporary file cannot be written: the server's
     *     temporary directory failed, not the upload
     */
    static <T> T viaTemporaryFile(byte[] xlsx, String prefix, Function<Path, T> read) {
        Path file = null;
        try {
            file = Files.createTempFile(prefix, ".xlsx");
            Files.write(file, xlsx);
            return read.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the uploaded workbook in a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans its temporary directory
                }
            }
        }
    }

    static WorkbookPackage open(Path file, Deadline deadline) throws IOException, InvalidFormatException {
        refuseMacroEntries(file);
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            PackagePart main = mainPart(pkg);
            refuseMacros(pkg);
            return new WorkbookPackage(pkg, main, deadline);
        } catch (RuntimeException | InvalidFormatException e) {
            pkg.revert();
            throw e;
        }
    }

    /**
     * Refuses a zip holding a VBA project, whatever its content types say: a project with no content
     * type is one POI would not open, and should still be called what it is. Only the zip's
     * directory is read; a zip without a readable one is left to POI.
     */
    private static void refuseMacroEntries(Path file) {
        try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            for (int n = 0; entries.hasMoreElements() && n <= ZipSecureFile.getMaxFileCount(); n++) {
                String name = entries.nextElement().getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.endsWith("vbadata.xml")) {
                    throw new ReadAborted(null, MACROS);
                }
            }
        } catch (IOException e) {
            // no readable central directory: POI reads the entries in order, and the parts are checked then
        }
    }

    private static PackagePart mainPart(OPCPackage pkg) throws InvalidFormatException {
        PackageRelationshipCollection core = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
        if (core.size() == 0) {
            if (pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT)
                            .size()
                    > 0) {
                throw new ReadAborted(
                        null,
                        "the workbook is saved as 'Strict Open XML Spreadsheet', which Candor does not read;"
                                + " save it as 'Excel Workbook (*.xlsx)'");
            }
            throw new ReadAborted(
                    null,
                    "the file is a zip archive but not a readable Excel workbook (.xlsx): it has no workbook part,"
                            + " or the part that leads to it is damaged");
        }
        PackageRelationship rel = core.getRelationship(0);
        if (rel.getTargetMode() == TargetMode.EXTERNAL) {
            throw new ReadAborted(null, "the workbook's main part lies outside the file; refused");
        }
        PackagePart main = pkg.getPart(rel);
        if (main == null) {
            throw new ReadAborted(null, "the file is damaged: its main part is missing");
        }
        String type = main.getContentType();
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.contains("macroenabled")) {
            if (lower.contains("binary")) {
                throw new ReadAborted(
                        null,
                        "the file is an Excel binary workbook (.xlsb), which may carry macros and which Candor"
                                + " does not read; save it as 'Excel Workbook (*.xlsx)'");
            }
            throw new ReadAborted(null, MACROS);
        }
        if (lower.contains("wordprocessingml")) {
            throw new ReadAborted(null, "the file is a Word document, not an Excel workbook (.xlsx)");
        }
        if (lower.contains("presentationml")) {
            throw new ReadAborted(null, "the file is a PowerPoint presentation, not an Excel workbook (.xlsx)");
        }
        if (!type.equals(SHEET_MAIN) && !type.equals(TEMPLATE_MAIN)) {
            throw new ReadAborted(null, "the file is not an Excel workbook (.xlsx): its main part is of type " + type);
        }
        return main;
    }

    /** Refuses a workbook that carries a VBA project or any other macro-enabled part. */
    private static void refuseMacros(OPCPackage pkg) throws InvalidFormatException {
        for (PackagePart part : pkg.getParts()) {
            String name = part.getPartName().getName().toLowerCase(Locale.ROOT);
            String type = part.getContentType().toLowerCase(Locale.ROOT);
            if (name.endsWith("vbaproject.bin")
                    || name.endsWith("vbadata.xml")
                    || type.contains("vbaproject")
                    || type.contains("macroenabled")) {
                throw new ReadAborted(null, MACROS);
            }
        }
    }

    Contents contents() throws IOException, SAXException {
        List<SheetEntry> sheets = new ArrayList<>();
        boolean[] date1904 = {false};
        parse(workbook, new SecureXml.Handler(deadline, "xl/workbook.xml") {
            @Override
            void start(String name, Attributes a) {
                if (name.equals("workbookPr")) {
                    String v = a.getValue("date1904");
                    date1904[0] = "1".equals(v) || "true".equals(v);
                } else if (name.equals("sheet") && sheets.size() < 1_000) {
                    sheets.add(new SheetEntry(a.getValue("name"), relationshipId(a)));
                }
            }

            @Override
            void end(String name) throws SAXException {
                if (name.equals("sheets")) {
                    throw new SecureXml.Done();
                }
            }
        });
        return new Contents(sheets, date1904[0]);
    }

    /** The {@code r:id} attribute, whatever the prefix of the relationships namespace. */
    private static String relationshipId(Attributes a) {
        for (int i = 0; i < a.getLength(); i++) {
            if (a.getLocalName(i).equals("id") && !a.getURI(i).isEmpty()) {
                return a.getValue(i);
            }
        }
        return null;
    }

    /**
     * The worksheet part of a sheet; null when the sheet is a chart sheet or another kind that holds
     * no cells.
     */
    PackagePart worksheet(SheetEntry sheet) throws InvalidFormatException {
        if (sheet.relationshipId() == null) {
            return null;
        }
        PackageRelationship rel = workbook.getRelationship(sheet.relationshipId());
        if (rel == null || rel.getTargetMode() == TargetMode.EXTERNAL) {
            return null;
        }
        PackagePart part = workbook.getRelatedPart(rel);
        return part != null && WORKSHEET.equals(part.getContentType()) ? part : null;
    }

    void readSheet(PackagePart part, SheetHandler handler) throws IOException, SAXException {
        parse(part, handler);
    }

    /**
     * The styles whose number format shows a percentage, by index; a value typed as 12.5% is stored
     * as 0.125 in such a cell.
     */
    BitSet percentStyles() throws IOException, SAXException, InvalidFormatException {
        PackagePart styles = related(XSSFRelation.STYLES.getRelation());
        BitSet percent = new BitSet();
        if (styles == null) {
            return percent;
        }
        Map<Integer, Boolean> customFormats = new HashMap<>();
        parse(styles, new SecureXml.Handler(deadline, "xl/styles.xml") {
            boolean inCellXfs;
            int xf;

            @Override
            void start(String name, Attributes a) {
                if (name.equals("numFmt") && customFormats.size() < 1_000) {
                    int id = number(a.getValue("numFmtId"));
                    String code = a.getValue("formatCode");
                    if (id >= 0 && code != null) {
                        customFormats.put(id, isPercentFormat(code));
                    }
                } else if (name.equals("cellXfs")) {
                    inCellXfs = true;
                } else if (name.equals("xf") && inCellXfs && xf < 65_536) {
                    int id = number(a.getValue("numFmtId"));
                    if (id == 9 || id == 10 || Boolean.TRUE.equals(customFormats.get(id))) {
                        percent.set(xf);
                    }
                    xf++;
                }
            }

            @Override
            void end(String name) throws SAXException {
                if (name.equals("cellXfs")) {
                    throw new SecureXml.Done();
                }
            }
        });
        return percent;
    }

    /**
     * Looks up the shared strings a read needs, filling {@code needed} (index to text) and leaving
     * the others unread; an index the workbook lacks keeps a null value, and one whose text is longer
     * than a cell can hold is added to {@code overlong} instead.
     */
    void sharedStrings(Map<Integer, String> needed, Set<Integer> overlong, TextBudget budget)
            throws IOException, SAXException, InvalidFormatException {
        if (needed.isEmpty()) {
            return;
        }
        PackagePart part = related(XSSFRelation.SHARED_STRINGS.getRelation());
        if (part == null) {
            return;
        }
        int last = needed.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        parse(part, new SecureXml.Handler(deadline, "xl/sharedStrings.xml") {
            int index = -1;
            boolean wanted;
            boolean inPhonetic;
            boolean inText;
            boolean tooLong;
            final StringBuilder text = new StringBuilder();

            @Override
            void start(String name, Attributes a) {
                switch (name) {
                    case "si" -> {
                        index++;
                        wanted = needed.containsKey(index);
                        text.setLength(0);
                        tooLong = false;
                    }
                    case "rPh" -> inPhonetic = true;
                    case "t" -> inText = wanted && !inPhonetic;
                    default -> {}
                }
            }

            @Override
            void text(char[] ch, int start, int length) {
                if (inText) {
                    int room = CellText.MAX_LENGTH + 1 - text.length();
                    if (length > room) {
                        tooLong = true;
                        length = Math.max(room, 0);
                    }
                    text.append(ch, start, length);
                }
            }

            @Override
            void end(String name) throws SAXException {
                switch (name) {
                    case "t" -> inText = false;
                    case "rPh" -> inPhonetic = false;
                    case "si" -> {
                        if (wanted) {
                            budget.spend(text.length());
                            if (tooLong) {
                                overlong.add(index);
                            } else {
                                needed.put(index, CellText.decode(text.toString()));
                            }
                        }
                        if (index >= last) {
                            throw new SecureXml.Done();
                        }
                    }
                    default -> {}
                }
            }
        });
    }

    private PackagePart related(String relationType) throws InvalidFormatException {
        PackageRelationshipCollection rels = workbook.getRelationshipsByType(relationType);
        if (rels.size() == 0) {
            return null;
        }
        PackageRelationship rel = rels.getRelationship(0);
        return rel.getTargetMode() == TargetMode.EXTERNAL ? null : workbook.getRelatedPart(rel);
    }

    private void parse(PackagePart part, SecureXml.Handler handler) throws IOException, SAXException {
        try (InputStream in = part.getInputStream()) {
            SecureXml.parse(in, handler);
        } catch (SAXException e) {
            if (SecureXml.isDoctype(e)) {
                throw new ReadAborted(
                        null,
                        "the part " + part.getPartName().getName() + " declares a DOCTYPE, which a workbook never"
                                + " contains and which can be used to read files from the server; the file was"
                                + " refused");
            }
            throw e;
        }
    }

    private static int number(String text) {
        return text != null && text.matches("\\d{1,9}") ? Integer.parseInt(text) : -1;
    }

    /** Whether a number format shows a percentage: a {@code %} outside quotes and escapes. */
    static boolean isPercentFormat(String code) {
        boolean quoted = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '\\') {
                i++;
            } else if (!quoted && c == '%') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        pkg.revert();
    }
}
