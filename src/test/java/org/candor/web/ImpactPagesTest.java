package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.intake.IntakeService;
import org.candor.system.Account;
import org.candor.system.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rule editor's Impact button in a real browser: an officer changes a threshold in the
 * editor, asks for the impact, watches the preview's page reload itself until it is done, sees
 * the campaign that would fail, and downloads the workbook. The rules are a temporary copy
 * ({@link WebTestSupport#RULES}); nothing is saved.
 */
class ImpactPagesTest extends BrowserTestSupport {

    @Autowired
    IntakeService intake;

    @Autowired
    ObjectMapper mapper;

    String reference;

    @BeforeAll
    void signInWithACampaignTheChangeFails() throws Exception {
        reference = "IMPACT-PAGE-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode c = (ObjectNode) mapper.readTree(Files.readAllBytes(Path.of("src/test/resources/cli/passing.json")));
        c.put("reference", reference);
        ((ObjectNode) c.path("influencers").get(0).path("audience")).put("suspectedFakeFollowersPct", 4);
        assertThat(intake.submit(
                                mapper.writeValueAsBytes(c),
                                "application/json",
                                new Account("northwind", Role.AGENCY, "Northwind Media"))
                        .result()
                        .verdict()
                        .name())
                .isEqualTo("PASS");
        browser.signIn("officer", "officer-demo");
    }

    @Test
    void anOfficerPreviewsAThresholdChangeAndSeesTheCampaignThatWouldFail() throws Exception {
        Path file = RULES.resolve("thresholds.table.csv");
        String original = Files.readString(file);
        browser.open("/officer/rules/files/thresholds.table.csv");
        String changed = original.replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"2\"")
                .replace("\"FAKE_FOLLOWERS_FAIL_PCT\",\"30\"", "\"FAKE_FOLLOWERS_FAIL_PCT\",\"3\"");
        browser.paste("#content", changed);
        browser.clickAndWait("#impact");

        assertThat(browser.path()).startsWith("/officer/impact/");
        // The page reloads itself while the preview runs.
        browser.waitForText("#impact-state", "DONE", Duration.ofMinutes(5));
        assertThat(browser.text("#impact-progress")).matches("(\\d+) of \\1 campaigns judged");
        assertThat(browser.all("#impact-cancel"))
                .as("nothing to cancel once done")
                .isEmpty();
        String row = "#impact-changes tr[data-reference='" + reference + "']";
        assertThat(browser.text(row + " td.after")).isEqualTo("FAIL");
        assertThat(browser.text(row + " td.appeared")).contains("AUD-001 influencer:mia.brews");
        assertThat(browser.text("#impact-summary")).containsPattern("[1-9]\\d* campaign\\(s\\) would fail");
        browser.screenshot("officer-impact");
        assertThat(Files.readString(file)).as("a preview saves nothing").isEqualTo(original);

        Path download = browser.download("#impact-workbook", ".xlsx");
        assertThat(download.getFileName().toString()).startsWith("candor-impact-");
        try (XSSFWorkbook wb = workbook(download)) {
            DataFormatter f = new DataFormatter();
            boolean found = false;
            for (Row r : wb.getSheet("Campaigns")) {
                if (reference.equals(f.formatCellValue(r.getCell(0)))) {
                    found = true;
                    assertThat(f.formatCellValue(r.getCell(3))).isEqualTo("PASS");
                    assertThat(f.formatCellValue(r.getCell(4))).isEqualTo("FAIL");
                }
            }
            assertThat(found).as("the campaign is in the workbook").isTrue();
        }
    }

    @Test
    void aChangeThatDoesNotBuildStaysInTheEditorWithItsProblems() {
        browser.open("/officer/rules/files/attribution.drl");
        String broken = browser.find("#content").getAttribute("value").replace("global org.candor", "globl org.candor");
        browser.paste("#content", broken);
        browser.clickAndWait("#impact");

        assertThat(browser.path()).isEqualTo("/officer/rules/files/attribution.drl/impact");
        assertThat(browser.text("#build-errors code.path")).matches("attribution\\.drl:\\d+");
        assertThat(browser.find("#content").getAttribute("value")).isEqualTo(broken);
    }
}
