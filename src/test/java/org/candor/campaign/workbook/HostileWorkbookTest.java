package org.candor.campaign.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.candor.campaign.CampaignValidator;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files an upload form receives that are not honest workbooks: each is refused with a message that
 * says why, as an {@link InvalidCampaignException}, never another exception, and without expanding,
 * resolving or calculating what it carries.
 */
class HostileWorkbookTest {

    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String VBA_TYPE =
            "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>";

    private final WorkbookCampaignReader reader = new WorkbookCampaignReader();
    private final byte[] template = Workbooks.template();

    /** The one problem of a workbook refused as a whole. */
    private Problem refusal(byte[] bytes) {
        List<Problem> problems = Workbooks.problems(() -> reader.read(bytes));
        assertThat(problems).isNotEmpty();
        return problems.get(0);
    }

    @Test
    void anEmptyFileIsRefused(@TempDir Path dir) throws IOException {
        assertThat(refusal(new byte[0]).message()).startsWith("the file is empty");
        assertThat(Workbooks.problems(() -> reader.read((byte[]) null)))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("the file is empty"));

        Path empty = Files.createFile(dir.resolve("campaign.xlsx"));
        assertThat(Workbooks.problems(() -> reader.read(empty))).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("the file is empty"));
    }

    @Test
    void aPdfRenamedXlsxIsRefused(@TempDir Path dir) throws IOException {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refusal(pdf))
                .isEqualTo(new Problem(
                        "workbook",
                        "the file is a PDF, not an Excel workbook (.xlsx); fill in the campaign template in Excel and"
                                + " upload the .xlsx file"));

        Path file = dir.resolve("campaign.xlsx");
        Files.write(file, pdf);
        assertThat(Workbooks.problems(() -> reader.read(file)).get(0).message()).startsWith("the file is a PDF");
    }

    @Test
    void aCsvOrOtherNonZipFileIsRefused() {
        byte[] csv = "reference,agency\nACME-SPRING-26,Northwind Media\n".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(csv).message()).startsWith("the file is not an Excel workbook (.xlsx)");
        assertThat(refusal(new byte[] {1}).message()).startsWith("the file is not an Excel workbook (.xlsx)");
    }

    @Test
    void aLegacyXlsIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HSSFWorkbook xls = new HSSFWorkbook()) {
            xls.createSheet("Campaign").createRow(0).createCell(0).setCellValue("formatVersion");
            xls.write(out);
        }
        assertThat(refusal(out.toByteArray()).message()).startsWith("the file is an Excel 97-2003 workbook (.xls)");
    }

    @Test
    void aMacroEnabledWorkbookIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook xlsm = new XSSFWorkbook(XSSFWorkbookType.XLSM)) {
            xlsm.createSheet("Campaign");
            xlsm.write(out);
        }
        assertThat(refusal(out.toByteArray()).message()).startsWith("the workbook contains macros");

        // The template with a VBA project added and the workbook declared macro-enabled, as Excel saves it.
        String types = Workbooks.text(template, "[Content_Types].xml")
                .replace(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                .replaceFirst("<Override ", VBA_TYPE + "<Override ");
        byte[] xlsm = Workbooks.withParts(template, Map.of("[Content_Types].xml", types, "xl/vbaProject.bin", "VBA"));
        assertThat(refusal(xlsm).message()).startsWith("the workbook contains macros");

        // A macro project smuggled into a workbook that says it is a plain .xlsx.
        String plainTypes =
                Workbooks.text(template, "[Content_Types].xml").replaceFirst("<Override ", VBA_TYPE + "<Override ");
        byte[] renamed =
                Workbooks.withParts(template, Map.of("[Content_Types].xml", plainTypes, "xl/vbaProject.bin", "VBA"));
        assertThat(refusal(renamed).message()).startsWith("the workbook contains macros");

        // And one whose project has no content type at all, which POI would not even open.
        byte[] untyped = Workbooks.withParts(template, Map.of("xl/vbaProject.bin", "VBA"));
        assertThat(refusal(untyped).message()).startsWith("the workbook contains macros");
    }

    @Test
    void aZipBombIsRefusedWithoutBeingExpanded() {
        // One cell whose text expands from about 300 KB to 300 MB. Were it expanded, the read would
        // stop at the cell's length or the time limit instead, with another message.
        byte[] bomb = bomb(Workbooks.part(CampaignTemplate.POSTS), 300);

        long start = System.nanoTime();
        Problem p = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusal(bomb));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(bomb.length).isLessThan(2_000_000);
        assertThat(p.path()).isEqualTo("workbook");
        assertThat(p.message()).startsWith("the workbook is a 'zip bomb'").contains("refused without being expanded");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBombInTheSharedStringsIsRefusedToo() {
        byte[] bomb = bomb("xl/sharedStrings.xml", 100);

        assertThat(refusal(bomb).message()).startsWith("the workbook is a 'zip bomb'");
    }

    @Test
    void aWorkbookOfThousandsOfPartsIsRefused() {
        Map<String, byte[]> entries = Workbooks.entries(template);
        for (int i = 0; i < 1_100; i++) {
            entries.put("xl/media/junk" + i + ".txt", new byte[] {'x'});
        }

        assertThat(refusal(Workbooks.zip(entries)).message()).startsWith("the workbook holds more than 1000 parts");
    }

    @Test
    void aSheetOfAHundredThousandRowsIsRefusedAtTheCap() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook base = Workbooks.open(template)) {
            SXSSFWorkbook big = new SXSSFWorkbook(base, 200);
            try {
                SXSSFSheet posts = big.getSheet(CampaignTemplate.POSTS);
                for (int i = 0; i < 100_000; i++) {
                    Row row = posts.createRow(4 + i);
                    row.createCell(0).setCellValue("post-" + i);
                    row.createCell(1).setCellValue("jane.doe");
                    row.createCell(2).setCellValue("INSTAGRAM");
                    row.createCell(3).setCellValue("FEED");
                }
                big.write(out);
            } finally {
                big.dispose();
                big.close();
            }
        }
        byte[] xlsx = out.toByteArray();

        long start = System.nanoTime();
        List<Problem> problems = Workbooks.problems(() -> reader.read(xlsx));

        assertThat(problems.get(0))
                .isEqualTo(new Problem(
                        "Posts!A10002",
                        "the sheet has more than 10,000 rows after its header, the most Candor reads; split the"
                                + " campaign into smaller ones"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theRowCapAndTheTimeLimitCanBeSet() {
        WorkbookCampaignReader twoRows = new WorkbookCampaignReader(new CampaignValidator(), 2, Duration.ofSeconds(10));
        assertThat(Workbooks.problems(() -> twoRows.read(template)).get(0).path())
                .isEqualTo("Posts!A4");

        WorkbookCampaignReader noTime = new WorkbookCampaignReader(new CampaignValidator(), 10_000, Duration.ZERO);
        assertThat(Workbooks.problems(() -> noTime.read(template)).get(0).message())
                .startsWith("reading the workbook took longer than 0 ms, the limit");
    }

    @Test
    void anExternalEntityInASheetIsNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                + "<is><t>&xxe;</t></is></c></row></sheetData></worksheet>";

        List<Problem> problems = Workbooks.problems(
                () -> reader.read(Workbooks.withParts(template, Map.of(Workbooks.part("Campaign"), sheet))));

        assertThat(problems.get(0).message())
                .startsWith("the part /xl/worksheets/sheet2.xml declares a DOCTYPE")
                .endsWith("the file was refused");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("TOP-SECRET"));
    }

    @Test
    void entitiesAnywhereInTheWorkbookAreRefused(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String doctype = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";

        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                + "<sst xmlns=\"" + MAIN_NS + "\" count=\"1\" uniqueCount=\"1\"><si><t>&e;&e;&e;&e;</t></si></sst>";
        byte[] sharedStrings = Workbooks.withParts(template, Map.of("xl/sharedStrings.xml", laughs));
        assertThat(refusal(sharedStrings).message()).contains("declares a DOCTYPE");

        String workbookXml = Workbooks.text(template, "xl/workbook.xml").replaceFirst("\\?>", "?>" + doctype);
        byte[] workbook = Workbooks.withParts(template, Map.of("xl/workbook.xml", workbookXml));
        assertThat(refusal(workbook).message()).contains("declares a DOCTYPE");

        String stylesXml = Workbooks.text(template, "xl/styles.xml").replaceFirst("\\?>", "?>" + doctype);
        byte[] styles = Workbooks.withParts(template, Map.of("xl/styles.xml", stylesXml));
        assertThat(refusal(styles).message()).contains("declares a DOCTYPE");

        // The package's own parts are read by POI, with its own hardened parser.
        String typesXml = Workbooks.text(template, "[Content_Types].xml").replaceFirst("\\?>", "?>" + doctype);
        byte[] types = Workbooks.withParts(template, Map.of("[Content_Types].xml", typesXml));
        List<Problem> problems = Workbooks.problems(() -> reader.read(types));
        assertThat(problems.get(0).path()).isEqualTo("workbook");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("TOP-SECRET"));
    }

    @Test
    void xmlNestedAbsurdlyDeepIsRefused() {
        String sheet = "<worksheet xmlns=\"" + MAIN_NS + "\">" + "<x>".repeat(200) + "</x>".repeat(200)
                + "<sheetData/></worksheet>";

        assertThat(refusal(Workbooks.withParts(template, Map.of(Workbooks.part("Posts"), sheet)))
                        .message())
                .contains("nests its XML more than 64 levels deep");
    }

    @Test
    void malformedSheetXmlIsRefused() {
        String sheet = "<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData><row r=\"1\"><c r=\"A1\"";

        assertThat(refusal(Workbooks.withParts(template, Map.of(Workbooks.part("Posts"), sheet)))
                        .message())
                .startsWith("the file could not be read as an Excel workbook (.xlsx); its XML is malformed");
    }

    @Test
    void aCellLongerThanACellCanHoldIsAProblemAtThatCell() {
        String sheet = "<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + "x".repeat(40_000) + "</t></is></c></row>"
                + "</sheetData></worksheet>";

        List<Problem> problems = Workbooks.problems(
                () -> reader.read(Workbooks.withParts(template, Map.of(Workbooks.part("Posts"), sheet))));

        assertThat(problems)
                .contains(new Problem("Posts!A2", "holds more than 32,767 characters, more than a cell can"));
    }

    @Test
    void aCutOffWorkbookIsRefused() {
        byte[] half = Arrays.copyOf(template, template.length / 2);

        Problem p = refusal(half);

        assertThat(p.path()).isEqualTo("workbook");
        assertThat(p.message()).doesNotContain("candor-workbook-"); // no temporary file names
    }

    @Test
    void otherZipArchivesAreRefused() {
        byte[] plainZip = Workbooks.zip(Map.of("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));
        assertThat(refusal(plainZip).message()).startsWith("the file could not be read as an Excel workbook (.xlsx)");

        Map<String, byte[]> docx = new LinkedHashMap<>();
        docx.put(
                "[Content_Types].xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types"
                                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Default Extension=\"rels\""
                                + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                                + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
                        .getBytes(StandardCharsets.UTF_8));
        docx.put(
                "_rels/.rels",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships"
                                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                                + "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
                        .getBytes(StandardCharsets.UTF_8));
        docx.put("word/document.xml", "<document/>".getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(Workbooks.zip(docx)).message())
                .isEqualTo("the file is a Word document, not an Excel workbook (.xlsx)");
    }

    @Test
    void refusalsAreInvalidCampaignExceptionsWithASummary() {
        assertThatThrownBy(() -> reader.read(new byte[0]))
                .isInstanceOf(InvalidCampaignException.class)
                .hasMessageStartingWith("1 problem: workbook: the file is empty");
    }

    /**
     * The template with one part replaced by a highly compressible one of {@code megabytes}: a
     * valid start, then one text of repeated characters, never held in memory while written.
     */
    private byte[] bomb(String part, int megabytes) {
        boolean sheet = part.startsWith("xl/worksheets/");
        String head = sheet
                ? "<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                : "<sst xmlns=\"" + MAIN_NS + "\"><si><t>";
        String tail = sheet ? "</t></is></c></row></sheetData></worksheet>" : "</t></si></sst>";
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(part)) {
                    zip.write(head.getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < megabytes; i++) {
                        zip.write(chunk);
                    }
                    zip.write(tail.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
