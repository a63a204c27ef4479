package org.candor.campaign.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.ClaimKind;
import org.candor.campaign.EvidenceKind;
import org.candor.campaign.ImageAlteration;
import org.candor.campaign.Platform;
import org.candor.campaign.PostFormat;
import org.candor.campaign.ProductCategory;
import org.candor.campaign.RelationshipKind;
import org.candor.campaign.ReusedContentKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The template as Excel shows it: its sheets, header rows, dropdowns, formats and example rows. */
class CampaignTemplateTest {

    private final XSSFWorkbook wb = Workbooks.open(Workbooks.template());

    @AfterEach
    void close() throws IOException {
        wb.close();
    }

    @Test
    void hasTheInstructionsThenTheSheetsOfTheSpecThenEvidence() {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));

        assertThat(names)
                .containsExactly(
                        "Instructions",
                        "Campaign",
                        "Influencers",
                        "Claims",
                        "Posts",
                        "Frames",
                        "VideoDisclosures",
                        "ReusedContent",
                        "Links",
                        "ProductClaims",
                        "Evidence");
        assertThat(wb.getActiveSheetIndex()).isZero();
    }

    @Test
    void eachSheetHasOneHeaderRowOfFieldNames() {
        for (String sheet : CampaignTemplate.DATA_SHEETS) {
            Row header = wb.getSheet(sheet).getRow(0);
            List<String> cells = new ArrayList<>();
            header.forEach(c -> cells.add(c.getStringCellValue()));
            assertThat(cells).as(sheet).isEqualTo(CampaignTemplate.headers(sheet));
            assertThat(wb.getSheet(sheet).getPaneInformation().isFreezePane()).isTrue();
        }
        assertThat(CampaignTemplate.headers(CampaignTemplate.POSTS))
                .containsExactly(
                        "id",
                        "influencer",
                        "platform",
                        "format",
                        "language",
                        "text",
                        "platformDisclosureLabel",
                        "imageOverlay",
                        "imageAlteration",
                        "featuresPeopleUnder25",
                        "video.durationSeconds",
                        "publishedAt");
        assertThat(CampaignTemplate.headers(CampaignTemplate.EVIDENCE))
                .startsWith("influencer", "claim", "post", "productClaim", "kind");
    }

    @Test
    void everyEnumColumnHasADropdownOfItsValues() {
        Map<String, Map<String, Class<? extends Enum<?>>>> enums = Map.of(
                "Campaign", Map.of("productCategory", ProductCategory.class),
                "Influencers", Map.of("relationship.kind", RelationshipKind.class),
                "Claims", Map.of("kind", ClaimKind.class),
                "Posts",
                        Map.of(
                                "platform", Platform.class,
                                "format", PostFormat.class,
                                "imageAlteration", ImageAlteration.class),
                "ReusedContent", Map.of("kind", ReusedContentKind.class),
                "Evidence", Map.of("kind", EvidenceKind.class));

        enums.forEach((sheet, columns) -> columns.forEach((column, type) -> {
            List<String> names =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            assertThat(dropdown(sheet, column)).as(sheet + "." + column).contains(names);
        }));
        assertThat(dropdown("Campaign", "offerAuthorised")).contains(List.of("TRUE", "FALSE"));
        assertThat(dropdown("Posts", "featuresPeopleUnder25")).contains(List.of("TRUE", "FALSE"));
        assertThat(dropdown("Links", "affiliate")).contains(List.of("TRUE", "FALSE"));
        assertThat(dropdown("Posts", "text")).isEmpty();
    }

    @Test
    void dropdownsCoverTheRowsUnderTheHeader() {
        DataValidation v = validation("Posts", "platform").orElseThrow();
        CellRangeAddress range = v.getRegions().getCellRangeAddresses()[0];

        assertThat(range.getFirstRow()).isEqualTo(1);
        assertThat(range.getLastRow()).isEqualTo(WorkbookCampaignReader.DEFAULT_MAX_ROWS_PER_SHEET);
        assertThat(v.getShowErrorBox()).isTrue();
        assertThat(v.getErrorStyle()).isEqualTo(DataValidation.ErrorStyle.STOP);
        assertThat(validation("Influencers", "age")
                        .orElseThrow()
                        .getValidationConstraint()
                        .getValidationType())
                .isEqualTo(ValidationType.INTEGER);
        assertThat(validation("Influencers", "audience.engagementRate")
                        .orElseThrow()
                        .getValidationConstraint()
                        .getValidationType())
                .isEqualTo(ValidationType.DECIMAL);
    }

    @Test
    void columnsWhereWhatIsTypedMustStayAsTypedAreFormattedAsText() {
        Map<String, List<String>> text = Map.of(
                "Campaign", List.of("reference", "agency", "brand", "jurisdictions", "submittedAt"),
                "Influencers", List.of("handle", "displayName", "audience.verifiedOn"),
                "Claims", List.of("influencer", "id", "statement"),
                "Posts", List.of("id", "influencer", "language", "text", "imageOverlay", "publishedAt"),
                "Frames", List.of("post", "text", "disclosureOverlay"),
                "Links", List.of("post", "url"),
                "ProductClaims", List.of("post", "key", "statement"),
                "Evidence", List.of("influencer", "claim", "post", "productClaim", "reference", "verifiedOn"));
        text.forEach((sheet, columns) -> {
            for (String column : columns) {
                int i = CampaignTemplate.headers(sheet).indexOf(column);
                XSSFSheet s = wb.getSheet(sheet);
                assertThat(s.getColumnStyle(i).getDataFormatString())
                        .as(sheet + "." + column)
                        .isEqualTo("@");
                Cell example = s.getRow(1).getCell(i);
                if (example != null) {
                    assertThat(example.getCellStyle().getDataFormatString())
                            .as(sheet + "." + column + " example")
                            .isEqualTo("@");
                }
            }
        });
        for (String number : List.of("age", "audience.followers", "audience.engagementRate")) {
            int i = CampaignTemplate.headers("Influencers").indexOf(number);
            assertThat(wb.getSheet("Influencers").getColumnStyle(i).getDataFormatString())
                    .as(number)
                    .isNotEqualTo("@");
        }
    }

    @Test
    void exampleRowsFillEverySheet() {
        DataFormatter f = new DataFormatter();
        for (String sheet : CampaignTemplate.DATA_SHEETS) {
            assertThat(wb.getSheet(sheet).getLastRowNum()).as(sheet).isPositive();
        }
        XSSFSheet campaign = wb.getSheet("Campaign");
        assertThat(f.formatCellValue(campaign.getRow(1).getCell(1))).isEqualTo("ACME-SPRING-26");
        assertThat(f.formatCellValue(campaign.getRow(1).getCell(5))).isEqualTo("US, UK");
        assertThat(campaign.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
        XSSFSheet posts = wb.getSheet("Posts");
        assertThat(posts.getLastRowNum()).isEqualTo(3);
        assertThat(posts.getRow(1).getCell(11).getStringCellValue()).isEqualTo("2026-10-02T10:00:00Z");
        assertThat(posts.getRow(1).getCell(6).getCellType()).isEqualTo(CellType.BOOLEAN);
    }

    @Test
    void wrappedInstructionsRowsAreTallEnoughAndEverySheetPrintsAcrossOnePage() {
        XSSFSheet instructions = wb.getSheet("Instructions");
        int tall = 0;
        for (org.apache.poi.ss.usermodel.Row row : instructions) {
            org.apache.poi.ss.usermodel.Cell values = row.getCell(3);
            org.apache.poi.ss.usermodel.Cell meaning = row.getCell(4);
            if (row.getRowNum() < 12
                    || meaning == null
                    || !meaning.getCellStyle().getWrapText()) {
                continue;
            }
            String v = values == null ? "" : values.getStringCellValue();
            int lines = Math.max(
                    (v.length() + Instructions.WIDTHS[3] - 3) / (Instructions.WIDTHS[3] - 2),
                    (meaning.getStringCellValue().length() + Instructions.WIDTHS[4] - 3)
                            / (Instructions.WIDTHS[4] - 2));
            assertThat(row.getHeightInPoints())
                    .as("row %d", row.getRowNum() + 1)
                    .isGreaterThanOrEqualTo(Math.min(409f, 15f * lines));
            if (lines > 1) {
                tall++;
            }
        }
        assertThat(tall).as("precondition: some rows wrap").isPositive();
        assertThat(instructions.getFitToPage()).isTrue();
        assertThat(instructions.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
        assertThat(instructions.getPrintSetup().getLandscape()).isTrue();
        for (org.apache.poi.ss.usermodel.Sheet sheet : wb) {
            if (!sheet.getSheetName().equals("Instructions")) {
                assertThat(sheet.getRepeatingRows())
                        .as(sheet.getSheetName())
                        .isEqualTo(org.apache.poi.ss.util.CellRangeAddress.valueOf("1:1"));
                assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
                assertThat(sheet.getFooter().getRight()).isEqualTo("Page &P of &N");
            }
        }
    }

    @Test
    void theInstructionsDescribeEverySheetAndColumn() {
        XSSFSheet instructions = wb.getSheet("Instructions");
        StringBuilder all = new StringBuilder();
        instructions.forEach(
                r -> r.forEach(c -> all.append(c.getStringCellValue()).append('\n')));

        for (String sheet : CampaignTemplate.DATA_SHEETS) {
            assertThat(all).contains(sheet);
            for (String column : CampaignTemplate.headers(sheet)) {
                assertThat(all).contains(column);
            }
        }
        assertThat(all).contains("Formulas are not calculated").contains("YYYY-MM-DD");
    }

    private Optional<DataValidation> validation(String sheet, String column) {
        int i = CampaignTemplate.headers(sheet).indexOf(column);
        assertThat(i).as(sheet + "." + column).isNotNegative();
        return wb.getSheet(sheet).getDataValidations().stream()
                .map(v -> (DataValidation) v)
                .filter(v -> Arrays.stream(v.getRegions().getCellRangeAddresses())
                        .anyMatch(r -> r.getFirstColumn() <= i && i <= r.getLastColumn()))
                .findFirst();
    }

    /** The values of the column's dropdown, if it has one. */
    private Optional<List<String>> dropdown(String sheet, String column) {
        return validation(sheet, column)
                .filter(v -> v.getValidationConstraint().getValidationType() == ValidationType.LIST)
                .map(v -> List.of(v.getValidationConstraint().getExplicitListValues()));
    }
}
