package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.api.Workbooks;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Verdict;
import org.candor.intake.IntakeService;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.SubmissionStore;
import org.candor.system.Account;
import org.candor.system.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A manager's path in a real browser: every evaluation, filtered by agency, verdict and period;
 * the pass rate and the chart of verdicts over time; a report and the portfolio downloaded and
 * read with POI. The evaluations here carry a brand of their own, and some were made on earlier
 * days, so the figures are known exactly whatever else the shared service holds.
 */
class ManagerPagesTest extends BrowserTestSupport {
    static final String BRAND = "Brand " + UUID.randomUUID().toString().substring(0, 8);
    static final Account NORTHWIND = new Account("northwind", Role.AGENCY, "Northwind Media");
    static final Account LUMEN = new Account("lumen", Role.AGENCY, "Lumen Collective");

    @Autowired
    IntakeService intake;

    @Autowired
    SubmissionStore store;

    /** What was evaluated: agency, verdict and how many days ago. */
    record Made(String agency, Verdict verdict, int daysAgo) {}

    final List<Made> made = new ArrayList<>();

    @BeforeAll
    void evaluationsOverTwoWeeks() throws IOException {
        List<StoredEvaluation> firsts = List.of(
                submit("src/test/resources/campaigns/spec-example.json", NORTHWIND),
                submit("src/test/resources/cli/passing.json", NORTHWIND),
                submit("src/test/resources/api/lumen-pass.json", LUMEN));
        firsts.forEach(e -> made.add(new Made(e.agency(), e.result().verdict(), 0)));
        assertThat(firsts.get(0).result().verdict()).isEqualTo(Verdict.FAIL);
        // Earlier re-evaluations of the same submissions, one a day.
        Instant now = Instant.now();
        for (int d = 1; d <= 12; d++) {
            StoredEvaluation e = firsts.get(d % 3);
            EvaluationResult r = e.result();
            Instant at = now.minus(Duration.ofDays(d));
            EvaluationResult earlier = r.withEvaluatedAt(at);
            store.insert(
                    new StoredEvaluation(
                            UUID.randomUUID().toString(), e.submissionId(), e.submittedBy(), "test", earlier),
                    false);
            made.add(new Made(r.agency(), r.verdict(), d));
        }
    }

    private StoredEvaluation submit(String file, Account account) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode campaign = (ObjectNode) mapper.readTree(Path.of(file).toFile());
        campaign.put("brand", BRAND);
        return intake.submit(mapper.writeValueAsBytes(campaign), "application/json", account);
    }

    private long count(Predicate<Made> which) {
        return made.stream().filter(which).count();
    }

    private int shown(String id) {
        return Integer.parseInt(browser.text(id));
    }

    private List<WebElement> rows() {
        return browser.all("#evaluations tbody tr");
    }

    @Test
    void aManagerFiltersTheListSeesThePassRateAndTheChartAndDownloadsTheReports() throws IOException {
        browser.signIn("manager", "manager-demo");
        assertThat(browser.path()).isEqualTo("/manager");

        // By brand, the default view: each campaign once, by its newest evaluation (made today).
        browser.type("#brand", BRAND);
        browser.clickAndWait("#apply-filters");
        List<Made> latest = made.stream().filter(m -> m.daysAgo() == 0).toList();
        assertThat(rows()).hasSize(latest.size());
        assertThat(shown("#total")).isEqualTo(latest.size());
        long latestPassed =
                latest.stream().filter(m -> m.verdict() == Verdict.PASS).count();
        assertThat(shown("#passed")).isEqualTo(latestPassed);
        assertThat(browser.text("#pass-rate .big-number")).isEqualTo(latestPassed * 100 / latest.size() + "%");
        browser.screenshot("manager-latest");

        // Every evaluation.
        new Select(browser.find("#view")).selectByValue("all");
        browser.clickAndWait("#apply-filters");
        assertThat(rows()).hasSize(made.size());
        assertThat(shown("#total")).isEqualTo(made.size());
        assertThat(shown("#passed")).isEqualTo(count(m -> m.verdict() == Verdict.PASS));
        assertThat(shown("#failed")).isEqualTo(count(m -> m.verdict() == Verdict.FAIL));
        assertThat(browser.text("#pass-rate .big-number"))
                .isEqualTo(count(m -> m.verdict() == Verdict.PASS) * 100 / made.size() + "%");
        // One bar a day over the 13 days, passes and failures both drawn.
        assertThat(browser.all("#chart svg g.bar")).hasSize(13);
        assertThat(browser.all("#chart svg rect.pass")).isNotEmpty();
        assertThat(browser.all("#chart svg rect.fail")).hasSize((int) count(m -> m.verdict() == Verdict.FAIL));
        browser.screenshot("manager-list");

        // By agency (any part, any case) and verdict.
        browser.type("#agency", "lumen");
        browser.clickAndWait("#apply-filters");
        assertThat(rows()).hasSize((int) count(m -> m.agency().equals("Lumen Collective")));
        assertThat(rows()).allSatisfy(r -> assertThat(r.getText()).contains("Lumen Collective"));
        assertThat(browser.text("#pass-rate .big-number")).isEqualTo("100%");
        browser.type("#agency", "");
        new Select(browser.find("#verdict")).selectByValue("FAIL");
        browser.clickAndWait("#apply-filters");
        assertThat(rows()).hasSize((int) count(m -> m.verdict() == Verdict.FAIL));
        assertThat(rows()).allSatisfy(r -> assertThat(r.getText()).contains("FAIL"));

        // By period: the last four days, any verdict.
        new Select(browser.find("#verdict")).selectByValue("");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        browser.paste("#from", today.minusDays(3).toString());
        browser.paste("#to", today.toString());
        browser.clickAndWait("#apply-filters");
        long recent = count(m -> m.daysAgo() <= 3);
        assertThat(rows()).hasSize((int) recent);
        assertThat(shown("#total")).isEqualTo(recent);

        // Sorted by campaign, A to Z, then Z to A.
        browser.clickAndWait("#evaluations thead a.sort");
        List<String> references = rows().stream()
                .map(r -> r.findElement(org.openqa.selenium.By.cssSelector("td a"))
                        .getText())
                .toList();
        assertThat(references).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(browser.find("#evaluations thead th").getAttribute("aria-sort"))
                .isEqualTo("ascending");
        browser.clickAndWait("#evaluations thead a.sort");
        assertThat(browser.find("#evaluations thead th").getAttribute("aria-sort"))
                .isEqualTo("descending");
        assertThat(rows()).hasSize((int) recent);

        // A report from the list, and the portfolio of the period.
        String reference = rows().get(0)
                .findElement(org.openqa.selenium.By.cssSelector("td a"))
                .getText();
        Path report = browser.download("#evaluations tbody tr:first-child a.report", ".xlsx");
        try (XSSFWorkbook wb = workbook(report)) {
            assertThat(Workbooks.labelValues(wb.getSheet("Summary"))).containsEntry("Campaign", reference);
        }
        Path portfolio = browser.download("#download-portfolio", ".xlsx");
        assertThat(portfolio.getFileName().toString()).startsWith("candor-portfolio-");
        try (XSSFWorkbook wb = workbook(portfolio)) {
            List<Map<String, String>> rows = Workbooks.table(wb.getSheet("Evaluations"));
            assertThat(rows).hasSize((int) recent);
            assertThat(rows).allSatisfy(r -> assertThat(r.get("Brand")).isEqualTo(BRAND));
            assertThat(rows.stream().filter(r -> r.get("Verdict").equals("FAIL")))
                    .hasSize((int) count(m -> m.daysAgo() <= 3 && m.verdict() == Verdict.FAIL));
        }
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsExplained() {
        browser.signIn("manager", "manager-demo");
        browser.open("/manager?brand=" + BRAND.replace(" ", "+") + "&from=2026-12-05&to=2026-12-01&verdict=fail");
        assertThat(browser.text("#refusal")).contains("'from' (2026-12-05) is after 'to' (2026-12-01)");
        assertThat(new Select(browser.find("#verdict")).getFirstSelectedOption().getAttribute("value"))
                .as("a verdict typed in lower case is understood")
                .isEqualTo("FAIL");
        assertThat(browser.all("#agency-names option")).isNotEmpty();
    }

    @Test
    void theListFitsAPhone() {
        browser.signIn("manager", "manager-demo");
        browser.open("/manager?brand=" + BRAND.replace(" ", "+"));
        browser.size(Browser.PHONE);
        try {
            assertThat(browser.fitsWidth())
                    .as("manager page at phone width: " + browser.overflowing())
                    .isTrue();
            browser.screenshot("manager-list-phone");
        } finally {
            browser.size(Browser.LAPTOP);
        }
        assertThat(Files.exists(Browser.SCREENSHOTS.resolve("manager-list-phone.png")))
                .isTrue();
    }
}
