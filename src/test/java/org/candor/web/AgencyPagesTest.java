package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.api.Workbooks;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.workbook.WorkbookCampaignWriter;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An agency's path in a real browser: sign in, submit a campaign as a JSON file, as a workbook and
 * as pasted JSON, read the verdict and every finding by post and by influencer, download the
 * report and read it with POI; another agency cannot open it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgencyPagesTest extends BrowserTestSupport {
    /** An example campaign with FAIL and WARN findings on posts and on an influencer's claims. */
    static final Path EXAMPLE = Path.of("examples/greenbowl-meal-plan-us.json");

    static final String REFERENCE = "GREENBOWL-JAN-RESET";

    @TempDir
    Path tmp;

    /** The evaluation submitted as a JSON file, for the later tests. */
    static String evaluationPath;

    /** The example as Northwind Media's: an agency submits only in its own name. */
    Path northwindCopy() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode campaign = (ObjectNode) mapper.readTree(EXAMPLE.toFile());
        campaign.put("agency", "Northwind Media");
        Path file = tmp.resolve(EXAMPLE.getFileName());
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), campaign);
        return file;
    }

    @Test
    @Order(1)
    void aWrongPasswordShowsAnError() {
        browser.open("/login");
        browser.type("#username", "northwind");
        browser.type("#password", "wrong");
        browser.clickAndWait("#sign-in");
        assertThat(browser.path()).isEqualTo("/login?error");
        assertThat(browser.text("#login-error")).isEqualTo("Wrong user name or password.");
        browser.screenshot("login-error");
    }

    @Test
    @Order(2)
    void anAgencySubmitsAJsonFileAndReadsEveryFindingByPostAndInfluencer() throws IOException {
        browser.signIn("northwind", "northwind-demo");
        assertThat(browser.path()).isEqualTo("/agency");
        browser.screenshot("agency-submit");

        browser.find("#file").sendKeys(northwindCopy().toAbsolutePath().toString());
        browser.clickAndWait("#submit");
        assertThat(browser.path()).startsWith("/evaluations/");
        evaluationPath = browser.path();

        assertThat(browser.text("h1")).contains(REFERENCE);
        String verdict = browser.text("#verdict");
        assertThat(verdict).isEqualTo("FAIL");
        List<WebElement> findings = browser.all(".finding");
        int fails = Integer.parseInt(browser.text("#counts .sev-fail strong"));
        int warns = Integer.parseInt(browser.text("#counts .sev-warn strong"));
        assertThat(verdict).isEqualTo(fails > 0 ? "FAIL" : "PASS");
        assertThat(findings).isNotEmpty();

        // Every finding sits under its post or influencer (or the campaign), with its remediation.
        for (WebElement f : findings) {
            String subject = f.getAttribute("data-subject");
            String group = subject.startsWith("post:")
                    ? "#by-post"
                    : subject.equals("campaign") ? "#by-campaign" : "#by-influencer";
            assertThat(browser.all(group + " .finding[data-subject='" + subject + "'][data-rule='"
                            + f.getAttribute("data-rule") + "']"))
                    .as(subject)
                    .isNotEmpty();
            assertThat(f.findElement(org.openqa.selenium.By.cssSelector(".remediation"))
                            .getText())
                    .isNotBlank();
            assertThat(f.getAttribute("class")).containsAnyOf("sev-fail", "sev-warn", "sev-info");
        }
        // One section per post and per influencer of the campaign.
        Campaign campaign = new CampaignReader().read(northwindCopy());
        assertThat(browser.all("#by-post .group")).hasSize(campaign.posts().size());
        assertThat(browser.all("#by-influencer .group"))
                .hasSize(campaign.influencers().size());
        browser.screenshot("agency-result");

        // The report, downloaded and read back.
        Path report = browser.download("#download-report", ".xlsx");
        assertThat(report.getFileName().toString()).startsWith(REFERENCE);
        try (XSSFWorkbook wb = workbook(report)) {
            Map<String, String> summary = Workbooks.labelValues(wb.getSheet("Summary"));
            assertThat(summary).containsEntry("Campaign", REFERENCE).containsEntry("Verdict", verdict);
            List<Map<String, String>> rows = Workbooks.table(wb.getSheet("Findings"));
            assertThat(rows).hasSize(findings.size());
            assertThat(rows.stream().filter(r -> r.get("Severity").equals("FAIL")))
                    .hasSize(fails);
            assertThat(rows.stream().filter(r -> r.get("Severity").equals("WARN")))
                    .hasSize(warns);
        }
    }

    @Test
    @Order(3)
    void theSameCampaignAsAWorkbookGetsTheSameVerdict() throws IOException {
        Path xlsx = tmp.resolve("acme-night-serum.xlsx");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WorkbookCampaignWriter().write(new CampaignReader().read(northwindCopy()), out);
        Files.write(xlsx, out.toByteArray());

        browser.open("/agency");
        browser.find("#file").sendKeys(xlsx.toAbsolutePath().toString());
        browser.clickAndWait("#submit");
        assertThat(browser.path()).startsWith("/evaluations/").isNotEqualTo(evaluationPath);
        String fromWorkbook = browser.text("#verdict");
        int findings = browser.all(".finding").size();
        browser.open(evaluationPath);
        assertThat(browser.text("#verdict")).isEqualTo(fromWorkbook);
        assertThat(browser.all(".finding")).hasSize(findings);
    }

    @Test
    @Order(4)
    void pastedJsonThatBreaksTheFormatIsListedProblemByProblem() throws IOException {
        browser.open("/agency");
        browser.paste("#json", Files.readString(Path.of("src/test/resources/api/invalid-campaign.json")));
        browser.clickAndWait("#submit");
        assertThat(browser.text("#problems")).contains("rejected as a whole");
        List<String> paths = browser.all("#problems code.path").stream()
                .map(WebElement::getText)
                .toList();
        assertThat(paths).contains("$.productCategory", "$.influencers[0].audience.followers");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception");
        browser.screenshot("agency-problems");
    }

    @Test
    @Order(5)
    void theTemplatesExamplePassesUnchangedAndTheResultShowsTheCaptionsItJudged() throws IOException {
        Path xlsx = tmp.resolve("candor-campaign.xlsx");
        try (var out = Files.newOutputStream(xlsx)) {
            new org.candor.campaign.workbook.CampaignTemplate().write(out);
        }
        browser.open("/agency");
        assertThat(browser.find("#failing-example-link").getAttribute("href")).endsWith("/agency/failing-example.xlsx");
        browser.find("#file").sendKeys(xlsx.toAbsolutePath().toString());
        browser.clickAndWait("#submit");
        assertThat(browser.text("#verdict")).isEqualTo("PASS");
        assertThat(browser.all("blockquote.caption"))
                .extracting(WebElement::getText)
                .anyMatch(t -> t.startsWith("#ad Three weeks with the Acme night serum"));

        browser.open("/agency");
        Path failing = browser.download("#failing-example-link", ".xlsx");
        assertThat(new org.candor.campaign.workbook.WorkbookCampaignReader().read(failing))
                .isEqualTo(org.candor.campaign.workbook.CampaignTemplate.failingExample());
    }

    @Test
    @Order(5)
    void theListGroupsEachCampaignsEvaluationsMarksTheLatestAndCanBeSearched() {
        browser.open("/agency");
        List<WebElement> rows = browser.all("#evaluations tbody tr[data-reference='" + REFERENCE + "']");
        assertThat(rows)
                .as("the JSON file and the workbook of the same campaign")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows.get(0).getAttribute("class")).contains("latest");
        assertThat(rows.get(0).findElement(By.cssSelector(".badge")).getText()).isEqualTo("latest");
        assertThat(rows.subList(1, rows.size()))
                .allSatisfy(r -> assertThat(r.getAttribute("class")).contains("earlier"));
        assertThat(rows.get(1).getAttribute("data-kind")).isIn("resubmission", "first submission", "earlier");
        assertThat(rows.get(0).getText()).contains("by northwind");
        browser.screenshot("agency-list");

        browser.type("#search-reference", "greenbowl-jan");
        browser.clickAndWait("#apply-evaluation-filter");
        assertThat(browser.all("#evaluations tbody tr"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getAttribute("data-reference")).isEqualTo(REFERENCE));
        new org.openqa.selenium.support.ui.Select(browser.find("#filter-view")).selectByValue("latest");
        browser.clickAndWait("#apply-evaluation-filter");
        assertThat(browser.all("#evaluations tbody tr")).hasSize(1);
        browser.type("#search-reference", "no such campaign");
        browser.clickAndWait("#apply-evaluation-filter");
        assertThat(browser.text("#none")).isEqualTo("Nothing matches.");
    }

    @Test
    @Order(5)
    void theAgencyListsItsOwnEvaluationsAndTheyFitAPhone() {
        browser.open("/agency");
        List<String> listed = browser.all("#evaluations tbody tr td:first-child a").stream()
                .map(a -> a.getAttribute("href"))
                .toList();
        assertThat(listed).anyMatch(href -> href.endsWith(evaluationPath));
        browser.size(Browser.PHONE);
        try {
            assertThat(browser.fitsWidth())
                    .as("agency page at phone width: " + browser.overflowing())
                    .isTrue();
            browser.screenshot("agency-submit-phone");
            browser.open(evaluationPath);
            assertThat(browser.fitsWidth())
                    .as("result page at phone width: " + browser.overflowing())
                    .isTrue();
            browser.screenshot("agency-result-phone");
        } finally {
            browser.size(Browser.LAPTOP);
        }
    }

    @Test
    @Order(6)
    void anotherAgencyCannotOpenTheEvaluation() {
        browser.signOut();
        browser.signIn("lumen", "lumen-demo");
        browser.open(evaluationPath);
        assertThat(browser.text("#error-title")).contains("404");
        assertThat(browser.driver.getPageSource()).doesNotContain(REFERENCE);
        browser.open("/agency");
        assertThat(browser.driver.getPageSource()).doesNotContain(REFERENCE);
        browser.signOut();
    }
}
