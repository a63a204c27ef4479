package org.candor.campaign.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.Campaign;
import org.candor.campaign.Influencer;
import org.candor.campaign.Post;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON to filled-in template to campaign: every campaign comes back equal to what was written. */
class WorkbookRoundTripTest {

    private final WorkbookCampaignReader reader = new WorkbookCampaignReader();

    /** The example campaigns, the SPEC example, the valid test campaigns and the awkward values of intake/. */
    static Stream<Path> campaigns() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Workbooks.CAMPAIGNS.resolve("spec-example.json"));
        files.addAll(jsonIn(Path.of("examples")));
        files.addAll(jsonIn(Workbooks.CAMPAIGNS.resolve("valid")));
        files.addAll(jsonIn(Workbooks.INTAKE));
        return files.stream();
    }

    private static List<Path> jsonIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void aCampaignWrittenAsAWorkbookReadsBackEqual(Path json) {
        Campaign original = Workbooks.json(json);

        Campaign parsed = reader.read(Workbooks.write(original));

        assertThat(parsed).isEqualTo(original);
    }

    @Test
    void theExamplesAreAllThere() throws IOException {
        assertThat(campaigns().map(p -> p.getFileName().toString()))
                .contains("spec-example.json", "tricky-values.json", "video-and-frames.json");
    }

    @Test
    void theTemplateReadsAsItsExampleCampaign() {
        assertThat(reader.read(Workbooks.template())).isEqualTo(CampaignTemplate.example());
    }

    @Test
    void aWorkbookFileReadsLikeItsBytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("campaign.xlsx");
        Files.write(file, Workbooks.template());

        assertThat(reader.read(file)).isEqualTo(CampaignTemplate.example());
    }

    @Test
    void textThatLooksLikeAFormulaIsWrittenAsTextAndReadAsText() {
        Campaign original = Workbooks.json(Workbooks.INTAKE.resolve("tricky-values.json"));

        byte[] xlsx = Workbooks.write(original);

        try (XSSFWorkbook wb = Workbooks.open(xlsx)) {
            Cell reference = wb.getSheet(CampaignTemplate.CAMPAIGN).getRow(1).getCell(1);
            assertThat(reference.getCellType()).isEqualTo(CellType.STRING);
            assertThat(reference.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");
            assertThat(reference.getCellStyle().getQuotePrefixed()).isTrue();
            for (Sheet sheet : wb) {
                for (var row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType())
                                .as("%s!%s", sheet.getSheetName(), cell.getAddress())
                                .isNotEqualTo(CellType.FORMULA);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Campaign parsed = reader.read(xlsx);
        assertThat(parsed.reference()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(parsed.agency()).isEqualTo("+33 6 12 34 56 78");
        assertThat(parsed.brand()).isEqualTo("-5% Brand");
        assertThat(parsed.influencers().get(0).handle()).isEqualTo("@SUM(A1)");
        assertThat(parsed.influencers().get(1).handle()).isEqualTo("0012345");
        assertThat(parsed.posts().get(0).text()).startsWith("@everyone =1+1");
    }

    @Test
    void charactersSpreadsheetXmlCannotCarryComeBackToo() {
        Campaign spec = Workbooks.json(Workbooks.CAMPAIGNS.resolve("spec-example.json"));
        Post post = spec.posts().get(0);
        String awkward = "lone \ud800 surrogate, NUL \u0000, escape-like _x0041_ and _x005f_, \r\n\u000b\ufffe";
        Post changed = new Post(
                post.id(),
                post.influencer(),
                post.platform(),
                post.format(),
                post.language(),
                awkward,
                post.platformDisclosureLabel(),
                post.imageOverlay(),
                post.imageAlteration(),
                post.featuresPeopleUnder25(),
                post.video(),
                post.frames(),
                post.links(),
                post.productClaims(),
                post.reusedContent(),
                post.publishedAt());
        Campaign original = spec.withPosts(List.of(changed));

        assertThat(reader.read(Workbooks.write(original))).isEqualTo(original);
    }

    @Test
    void anInfluencerWithNoRelationshipOrAudienceKeepsThemAbsent() {
        Campaign spec = Workbooks.json(Workbooks.CAMPAIGNS.resolve("spec-example.json"));
        Influencer i = spec.influencers().get(0);
        Influencer bare = new Influencer(i.handle(), null, null, null, null, null, null, List.of());
        Campaign original = new Campaign(
                1, "R", "A", "B", spec.productCategory(), List.of(), null, null, List.of(bare), spec.posts());

        Campaign parsed = reader.read(Workbooks.write(original));

        assertThat(parsed).isEqualTo(original);
        assertThat(parsed.influencers().get(0).relationship()).isNull();
        assertThat(parsed.influencers().get(0).audience()).isNull();
    }
}
