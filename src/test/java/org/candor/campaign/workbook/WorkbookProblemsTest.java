package org.candor.campaign.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.Campaign;
import org.candor.campaign.Problem;
import org.junit.jupiter.api.Test;

/**
 * Problems in a filled-in template are reported at their cells, whether the reader finds them (a
 * value of the wrong kind, a row naming something that is not there) or the validator does (by JSON
 * path, translated back to the cell the value came from).
 */
class WorkbookProblemsTest {

    private final WorkbookCampaignReader reader = new WorkbookCampaignReader();

    /** The template's example: Posts rows 2-4 are p1, p2 (a reel) and p3 (a story). */
    private final byte[] template = Workbooks.template();

    private static Cell cell(XSSFWorkbook wb, String sheet, String ref) {
        CellReference r = new CellReference(ref);
        Sheet s = wb.getSheet(sheet);
        Row row = s.getRow(r.getRow()) == null ? s.createRow(r.getRow()) : s.getRow(r.getRow());
        return row.getCell(r.getCol()) == null ? row.createCell(r.getCol()) : row.getCell(r.getCol());
    }

    private byte[] with(String sheet, String ref, Object value) {
        return Workbooks.edit(template, wb -> {
            Cell c = cell(wb, sheet, ref);
            if (value == null) {
                c.getRow().removeCell(c);
            } else if (value instanceof String s) {
                c.setCellValue(s);
            } else if (value instanceof Boolean b) {
                c.setCellValue(b);
            } else {
                c.setCellValue(((Number) value).doubleValue());
            }
        });
    }

    private List<Problem> problemsOf(byte[] xlsx) {
        return Workbooks.problems(() -> reader.read(xlsx));
    }

    @Test
    void aPostNamingAnUnknownInfluencerIsReportedAtItsCell() {
        List<Problem> problems = problemsOf(with(CampaignTemplate.POSTS, "B4", "jane"));

        assertThat(problems).containsExactly(new Problem("Posts!B4", "influencer 'jane' is not in Influencers"));
    }

    @Test
    void aBadValueInADropdownColumnIsReportedAtItsCellOnce() {
        List<Problem> problems = problemsOf(with(CampaignTemplate.POSTS, "C3", "INSTAGRAMM"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Posts!C3");
            assertThat(p.message())
                    .startsWith("must be one of INSTAGRAM, TIKTOK")
                    .endsWith("found 'INSTAGRAMM'");
        });
    }

    @Test
    void anEnumInLowerCaseIsRefusedAsInJson() {
        List<Problem> problems = problemsOf(with(CampaignTemplate.INFLUENCERS, "E2", "paid"));

        assertThat(problems).extracting(Problem::path).containsExactly("Influencers!E2");
    }

    @Test
    void aMissingRequiredCellIsReportedAtThatCell() {
        assertThat(problemsOf(with(CampaignTemplate.POSTS, "D2", null)))
                .containsExactly(new Problem("Posts!D2", "is required"));
        assertThat(problemsOf(with(CampaignTemplate.CAMPAIGN, "B2", null)))
                .containsExactly(new Problem("Campaign!B2", "is required"));
        assertThat(problemsOf(with(CampaignTemplate.EVIDENCE, "E3", null)))
                .containsExactly(new Problem("Evidence!E3", "is required"));
        assertThat(problemsOf(with(CampaignTemplate.VIDEO_DISCLOSURES, "B2", "  ")))
                .containsExactly(new Problem("VideoDisclosures!B2", "is required"));
    }

    @Test
    void validatorProblemsOnNestedValuesPointAtTheirCells() {
        assertThat(problemsOf(with(CampaignTemplate.INFLUENCERS, "K2", 250)))
                .containsExactly(new Problem("Influencers!K2", "must be at most 100 (a percentage), found 250.0"));
        assertThat(problemsOf(with(CampaignTemplate.VIDEO_DISCLOSURES, "B2", 100)))
                .containsExactly(new Problem("VideoDisclosures!B2", "at 100 s, after the end of the 45 s video"));
        assertThat(problemsOf(with(CampaignTemplate.FRAMES, "B3", 1)))
                .containsExactly(new Problem("Frames!B3", "duplicate frame index 1"));
        assertThat(problemsOf(with(CampaignTemplate.CAMPAIGN, "F2", "US, uk")))
                .containsExactly(new Problem(
                        "Campaign!F2", "must be an upper-case ISO 3166 code such as US, UK, FR or EU, found 'uk'"));
        assertThat(problemsOf(with(CampaignTemplate.CLAIMS, "B3", "c1")))
                .extracting(Problem::toString)
                .contains("Claims!B3: duplicate claim id 'c1' for influencer 'jane.doe'");
    }

    @Test
    void pathsInsideValidatorMessagesBecomeCellsToo() {
        List<Problem> problems = problemsOf(with(CampaignTemplate.POSTS, "A3", "p1"));

        assertThat(problems).contains(new Problem("Posts!A3", "duplicate post id 'p1' (also at Posts!A2)"));
        // p2's rows now name a post that is not there.
        assertThat(problems).contains(new Problem("VideoDisclosures!A2", "post 'p2' is not in Posts"));
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("$."));
    }

    @Test
    void rowsNamingAPostOrClaimThatIsNotThereAreReportedAtTheNamingCell() {
        assertThat(problemsOf(with(CampaignTemplate.FRAMES, "A2", "p9")))
                .containsExactly(new Problem("Frames!A2", "post 'p9' is not in Posts"));
        assertThat(problemsOf(with(CampaignTemplate.CLAIMS, "A2", "john")))
                .contains(new Problem("Claims!A2", "influencer 'john' is not in Influencers"));
        assertThat(problemsOf(with(CampaignTemplate.EVIDENCE, "B2", "c9")))
                .containsExactly(new Problem("Evidence!B2", "claim 'c9' of influencer 'jane.doe' is not in Claims"));
        assertThat(problemsOf(with(CampaignTemplate.EVIDENCE, "D4", "pc7")))
                .containsExactly(
                        new Problem("Evidence!D4", "product claim 'pc7' of post 'p1' is not in ProductClaims"));
        assertThat(problemsOf(with(CampaignTemplate.LINKS, "A3", null)))
                .containsExactly(
                        new Problem("Links!A3", "is required: the id of the post (Posts sheet) this row belongs to"));
    }

    @Test
    void evidenceMustSayWhatItBacks() {
        byte[] both = with(CampaignTemplate.EVIDENCE, "C2", "p1");
        assertThat(problemsOf(both)).extracting(Problem::path).containsExactly("Evidence!C2");

        byte[] neither = Workbooks.edit(template, wb -> {
            Row row = wb.getSheet(CampaignTemplate.EVIDENCE).getRow(1);
            row.removeCell(row.getCell(0));
            row.removeCell(row.getCell(1));
        });
        assertThat(problemsOf(neither)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Evidence!A2");
            assertThat(p.message()).startsWith("is required: say what this evidence backs");
        });
    }

    @Test
    void theHeaderRowMustNameTheTemplatesColumns() {
        byte[] unknown = with(CampaignTemplate.POSTS, "M1", "notes");
        assertThat(problemsOf(unknown)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Posts!M1");
            assertThat(p.message()).startsWith("unknown column 'notes'");
        });

        byte[] renamed = with(CampaignTemplate.POSTS, "C1", "Platform");
        assertThat(problemsOf(renamed))
                .extracting(Problem::path)
                .containsExactly("Posts!C1", "Posts!M1"); // unknown 'Platform', then 'platform' missing
    }

    @Test
    void aValueBesideTheTableIsAProblemNotSilentlyDropped() {
        assertThat(problemsOf(with(CampaignTemplate.POSTS, "P3", "a note")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("Posts!P3");
                    assertThat(p.message()).startsWith("a value in a column with no header");
                });
    }

    @Test
    void columnsMayBeMovedAndBlankRowsLeft() {
        byte[] moved = Workbooks.edit(template, wb -> {
            Sheet posts = wb.getSheet(CampaignTemplate.POSTS);
            for (Row row : posts) {
                Cell a = row.getCell(0);
                Cell b = row.getCell(1);
                String id = a.getStringCellValue();
                a.setCellValue(b.getStringCellValue());
                b.setCellValue(id);
            }
            posts.shiftRows(3, posts.getLastRowNum(), 2); // two empty rows between p2 and p3
        });

        Campaign parsed = reader.read(moved);

        assertThat(parsed).isEqualTo(CampaignTemplate.example());
    }

    @Test
    void aSecondCampaignRowIsAProblem() {
        assertThat(problemsOf(with(CampaignTemplate.CAMPAIGN, "B3", "OTHER-REF")))
                .containsExactly(new Problem(
                        "Campaign!A3", "the Campaign sheet holds one campaign, in row 2; this row is one too many"));
    }

    @Test
    void aMissingSheetIsAProblemUnlessItWouldBeEmpty() {
        byte[] noInfluencers = Workbooks.edit(template, wb -> wb.removeSheetAt(wb.getSheetIndex("Influencers")));
        assertThat(problemsOf(noInfluencers)).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo(WorkbookCampaignReader.WORKBOOK);
            assertThat(p.message()).startsWith("the workbook has no sheet named 'Influencers'");
        });

        Campaign withoutFrames = CampaignTemplate.example()
                .withPosts(CampaignTemplate.example().posts().subList(0, 2));
        byte[] noFramesSheet = Workbooks.edit(
                Workbooks.write(withoutFrames), wb -> wb.removeSheetAt(wb.getSheetIndex(CampaignTemplate.FRAMES)));
        assertThat(reader.read(noFramesSheet)).isEqualTo(withoutFrames);

        byte[] renamed = Workbooks.edit(template, wb -> wb.setSheetName(wb.getSheetIndex("Links"), "links"));
        assertThat(problemsOf(renamed))
                .containsExactly(new Problem(
                        WorkbookCampaignReader.WORKBOOK,
                        "the sheet 'links' must be named 'Links', exactly as in the template, to be read"));
    }

    @Test
    void formulasAreReadByTheirSavedResultsNeverCalculated() {
        byte[] saved = Workbooks.edit(template, wb -> {
            Cell text = cell(wb, CampaignTemplate.POSTS, "F2");
            text.setCellFormula(concatenation(text.getStringCellValue()));
            Cell age = cell(wb, CampaignTemplate.INFLUENCERS, "C2");
            age.setCellFormula("20+9");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });
        assertThat(reader.read(saved)).isEqualTo(CampaignTemplate.example());

        byte[] unsaved = Workbooks.edit(template, wb -> {
            Row row = wb.getSheet(CampaignTemplate.INFLUENCERS).getRow(1);
            row.removeCell(row.getCell(2));
            row.createCell(2).setCellFormula("20+9");
        });
        assertThat(problemsOf(unsaved)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Influencers!C2");
            assertThat(p.message()).startsWith("holds the formula '=20+9' with no saved result");
        });

        byte[] error = Workbooks.edit(template, wb -> {
            cell(wb, CampaignTemplate.INFLUENCERS, "C2").setCellFormula("1/0");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });
        assertThat(problemsOf(error)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Influencers!C2");
            assertThat(p.message()).startsWith("the formula '=1/0' gives the error #DIV/0!");
        });
    }

    @Test
    void valuesAsSpreadsheetsStoreThemReadAsTheTemplateMeansThem() {
        byte[] xlsx = Workbooks.edit(template, wb -> {
            // 2.4 typed as a percentage is stored as 0.024 in a percent-formatted cell.
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            Cell rate = cell(wb, CampaignTemplate.INFLUENCERS, "K2");
            rate.setCellValue(0.024);
            rate.setCellStyle(percent);
            // A date typed into a cell not formatted as text is a day number.
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            Cell verified = cell(wb, CampaignTemplate.INFLUENCERS, "N2");
            verified.setCellValue(DateUtil.getExcelDate(LocalDate.of(2026, 9, 30)));
            verified.setCellStyle(date);
            // Numbers and truth values typed into text-formatted cells are text.
            cell(wb, CampaignTemplate.INFLUENCERS, "I2").setCellValue("120000");
            cell(wb, CampaignTemplate.INFLUENCERS, "H2").setCellValue("true");
            cell(wb, CampaignTemplate.INFLUENCERS, "L2").setCellValue("12.5%");
            // A whole number typed as text.
            cell(wb, CampaignTemplate.FRAMES, "B2").setCellValue("1");
        });

        assertThat(reader.read(xlsx)).isEqualTo(CampaignTemplate.example());
    }

    @Test
    void aMomentWithoutAnOffsetIsRefusedAsInJson() {
        byte[] local = with(CampaignTemplate.POSTS, "L2", "2026-10-02T10:00:00");
        assertThat(problemsOf(local)).extracting(Problem::path).containsExactly("Posts!L2");

        byte[] serial = with(CampaignTemplate.POSTS, "L2", 46297.5);
        assertThat(problemsOf(serial)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Posts!L2");
            assertThat(p.message()).contains("a spreadsheet date, which has no time zone");
        });
    }

    @Test
    void wrongKindsOfValueAreReportedWithWhatWasFound() {
        assertThat(problemsOf(with(CampaignTemplate.INFLUENCERS, "C2", 29.5)))
                .containsExactly(new Problem("Influencers!C2", "must be a whole number, found 29.5"));
        assertThat(problemsOf(with(CampaignTemplate.INFLUENCERS, "D2", "yes")))
                .containsExactly(new Problem("Influencers!D2", "must be TRUE or FALSE, or left empty, found 'yes'"));
        assertThat(problemsOf(with(CampaignTemplate.INFLUENCERS, "N2", "30/09/2026")))
                .containsExactly(new Problem(
                        "Influencers!N2", "must be a date written YYYY-MM-DD, such as 2026-09-30, found '30/09/2026'"));
        assertThat(problemsOf(with(CampaignTemplate.INFLUENCERS, "I2", "120k")))
                .containsExactly(new Problem("Influencers!I2", "must be a whole number, found '120k'"));
    }

    @Test
    void problemsComeInSheetRowAndColumnOrder() {
        byte[] xlsx = Workbooks.edit(template, wb -> {
            cell(wb, CampaignTemplate.LINKS, "A2").setCellValue("p9");
            cell(wb, CampaignTemplate.POSTS, "C4").setCellValue("NOPE");
            cell(wb, CampaignTemplate.POSTS, "B2").setCellValue("nobody");
            cell(wb, CampaignTemplate.CAMPAIGN, "E2").setCellValue("SOAP");
        });

        assertThat(problemsOf(xlsx))
                .extracting(Problem::path)
                .containsExactly("Campaign!E2", "Posts!B2", "Posts!C4", "Links!A2");
    }

    /** A formula that joins the text back from pieces, each short enough for a formula literal. */
    private static String concatenation(String text) {
        List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); i += 100) {
            String piece = text.substring(i, Math.min(text.length(), i + 100));
            pieces.add("\"" + piece.replace("\"", "\"\"") + "\"");
        }
        return String.join("&", pieces);
    }
}
