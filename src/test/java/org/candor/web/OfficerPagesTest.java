package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.candor.intake.IntakeService;
import org.candor.intake.StoredEvaluation;
import org.candor.system.Account;
import org.candor.system.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A compliance officer's path in a real browser: search the catalog, open a rule file, break it
 * and see the build errors, fix it, run the rule tests, save it, find the change in the history
 * with its diff; a change that fails rule tests is not saved; grant a waiver on a finding and end
 * it. The rules are a temporary copy ({@link WebTestSupport#RULES}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficerPagesTest extends BrowserTestSupport {
    static final String COMMENT = "// Reviewed by the compliance team.";

    @Autowired
    IntakeService intake;

    String evaluationId;

    @BeforeAll
    void signInWithAnEvaluationToWaive() throws IOException {
        StoredEvaluation e = intake.submit(
                Files.readAllBytes(Path.of("src/test/resources/campaigns/spec-example.json")),
                "application/json",
                new Account("northwind", Role.AGENCY, "Northwind Media"));
        evaluationId = e.id();
        browser.signIn("officer", "officer-demo");
    }

    private List<WebElement> catalogRows() {
        return browser.all("#catalog tbody tr");
    }

    @Test
    @Order(1)
    void theCatalogIsSearchable() {
        assertThat(browser.path()).isEqualTo("/officer/rules");
        int total = catalogRows().size();
        assertThat(total).isEqualTo(40);
        WebElement disc001 = browser.find("#catalog tbody tr[data-rule='DISC-001'] td.id");
        assertThat(disc001.findElement(By.cssSelector("a.rule-file")).getAttribute("href"))
                .as("a catalog row links to its rule file")
                .endsWith("/officer/rules/files/disclosure.drl");
        assertThat(disc001.getCssValue("white-space")).isEqualTo("nowrap");
        Object lines = ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript(
                        "return arguments[0].getClientRects().length;",
                        browser.find("#catalog tbody tr[data-rule='DISC-001'] td.id code"));
        assertThat(((Number) lines).intValue()).as("the id stays on one line").isEqualTo(1);
        browser.screenshot("officer-catalog");

        browser.type("#q", "disclosure warn");
        browser.clickAndWait("#search");
        assertThat(catalogRows()).extracting(r -> r.getAttribute("data-rule")).containsExactly("DISC-010");
        browser.type("#q", "fake");
        browser.clickAndWait("#search");
        assertThat(catalogRows())
                .hasSizeBetween(1, total - 1)
                .allSatisfy(r -> assertThat(r.getText().toLowerCase()).contains("fake"))
                .extracting(r -> r.getAttribute("data-rule"))
                .contains("AUD-001");
    }

    @Test
    @Order(2)
    void anOfficerBreaksARuleFileFixesItTestsItAndSavesIt() throws IOException {
        Path file = RULES.resolve("attribution.drl");
        String original = Files.readString(file);
        browser.open("/officer/rules");
        browser.clickAndWait("#files a[href$='/attribution.drl']");
        assertThat(browser.find("#content").getAttribute("value")).isEqualTo(original);

        // Broken: a misspelt keyword.
        browser.paste("#content", original.replace("global org.candor", "globl org.candor"));
        browser.clickAndWait("#validate");
        assertThat(browser.all("#build-errors li")).isNotEmpty();
        assertThat(browser.text("#build-errors code.path")).matches("attribution\\.drl:\\d+");
        assertThat(Files.readString(file)).isEqualTo(original);
        browser.screenshot("officer-editor-errors");

        // Fixed, with a change of its own; the edited text stays in the editor.
        String changed = COMMENT + "\n" + original;
        browser.paste("#content", changed);
        browser.clickAndWait("#validate");
        assertThat(browser.text("#validation-ok")).contains("Builds.").contains("40 rules");
        browser.clickAndWait("#run-tests");
        assertThat(browser.text("#test-summary")).matches("\\d+ passed, 0 failed");
        assertThat(browser.find("#content").getAttribute("value")).startsWith(COMMENT);
        browser.screenshot("officer-editor");
        assertThat(Files.readString(file)).isEqualTo(original);

        browser.clickAndWait("#save");
        assertThat(browser.text("#saved")).contains("Saved and in force.");
        assertThat(Files.readString(file)).isEqualTo(changed);
    }

    @Test
    @Order(3)
    void theHistoryShowsWhoChangedWhatWithTheDiffAndRevertsIt() throws IOException {
        browser.open("/officer/history");
        WebElement latest = browser.find("#history tbody tr");
        assertThat(latest.findElement(By.cssSelector(".who")).getText()).isEqualTo("officer");
        assertThat(latest.getText()).contains("PUT");
        assertThat(latest.findElement(By.cssSelector(".files")).getText()).isEqualTo("attribution.drl");
        assertThat(latest.findElement(By.cssSelector(".forced")).getText()).isEqualTo("no");
        browser.screenshot("officer-history");

        browser.clickAndWait("#history tbody tr:first-child a.diff-link");
        assertThat(browser.text("#forced")).isEqualTo("no");
        assertThat(browser.all("pre.diff .d-add"))
                .extracting(WebElement::getText)
                .contains("+" + COMMENT);
        assertThat(browser.all("pre.diff .d-del")).isEmpty();
        browser.screenshot("officer-change");

        Path file = RULES.resolve("attribution.drl");
        String before = Files.readString(file).replace(COMMENT + "\n", "");
        browser.clickAndWait("#revert");
        assertThat(browser.path()).isEqualTo("/officer/history");
        assertThat(browser.text("#notice")).contains("reverted").contains("attribution.drl");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(browser.find("#history tbody tr .files").getText())
                .as("the revert is recorded as a change")
                .isEqualTo("attribution.drl");
    }

    @Test
    @Order(4)
    void aChangeThatFailsRuleTestsIsNotSavedUnlessForced() throws IOException {
        Path file = RULES.resolve("thresholds.table.csv");
        String original = Files.readString(file);
        browser.open("/officer/rules/files/thresholds.table.csv");
        String broken = original.replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"29\"");
        assertThat(broken).isNotEqualTo(original);
        browser.paste("#content", broken);
        browser.clickAndWait("#save");
        assertThat(browser.text("#save-refused"))
                .contains("Not saved: rule tests fail")
                .contains("AUD-001");
        assertThat(Files.readString(file)).isEqualTo(original);
    }

    @Test
    @Order(4)
    void newFailuresAreShownApartFromCasesAlreadyFailingAndOnlyTheyStopASave() throws IOException {
        Path extra = RULES.resolve("tests/extra/DISC-001.json");
        Files.createDirectories(extra.getParent());
        Files.copy(Path.of("src/test/resources/cli/wrong-expectation.json"), extra);
        Path thresholds = RULES.resolve("thresholds.table.csv");
        String table = Files.readString(thresholds);
        Path file = RULES.resolve("audience.drl");
        String original = Files.readString(file);
        try {
            browser.open("/officer/rules/files/thresholds.table.csv");
            browser.paste(
                    "#content",
                    table.replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"29\""));
            browser.clickAndWait("#run-tests");
            assertThat(browser.text("#test-comparison")).matches("\\([1-9]\\d* new, 1 already failing\\)");
            assertThat(browser.text("#new-failures")).contains("AUD-001").doesNotContain("extra/DISC-001.json");
            assertThat(browser.text("#already-failing")).contains("extra/DISC-001.json");
            browser.screenshot("officer-editor-new-and-already-failing");
            browser.clickAndWait("#save");
            assertThat(browser.text("#save-refused")).contains("AUD-001").contains("Already failing");
            assertThat(Files.readString(thresholds)).isEqualTo(table);

            browser.open("/officer/rules/files/audience.drl");
            browser.paste("#content", COMMENT + "\n" + original);
            browser.clickAndWait("#save");
            assertThat(browser.text("#saved")).contains("Saved and in force.");
            assertThat(browser.text("#saved-already-failing")).contains("1 rule test case(s) were failing before");
            browser.clickAndWait("#saved a");
            assertThat(browser.text("#forced")).isEqualTo("no");
            assertThat(browser.text("#already-failing")).contains("extra/DISC-001.json");

            browser.open("/officer/rules/files/audience.drl");
            browser.paste("#content", original);
            browser.clickAndWait("#save");
            assertThat(Files.readString(file)).isEqualTo(original);
        } finally {
            Files.delete(extra);
            Files.delete(extra.getParent());
        }
    }

    @Test
    @Order(4)
    void aSaveOverAFileSomeoneElseChangedSinceItWasOpenedIsRefusedWithAConflictMessage() throws IOException {
        Path file = RULES.resolve("claims.drl");
        String original = Files.readString(file);
        browser.open("/officer/rules/files/claims.drl");
        assertThat(browser.find("#version").getAttribute("value")).matches("[0-9a-f]{64}");
        String theirs = "// Changed by another officer.\n" + original;
        String mine = COMMENT + "\n" + original;
        try {
            // Another officer saves the file while this one edits it.
            Files.writeString(file, theirs);
            browser.paste("#content", mine);
            browser.clickAndWait("#save");
            assertThat(browser.text("#conflict"))
                    .contains("Changed by someone else")
                    .contains("Your text is below, not saved");
            assertThat(browser.find("#content").getAttribute("value")).isEqualTo(mine);
            assertThat(Files.readString(file)).as("their change stays").isEqualTo(theirs);

            // Opened again, the editor shows their version to make the change on.
            browser.clickAndWait("#open-current");
            assertThat(browser.find("#content").getAttribute("value")).isEqualTo(theirs);
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    @Order(5)
    void anOfficerWaivesAFindingAndEndsTheWaiver() {
        browser.open("/evaluations/" + evaluationId);
        assertThat(browser.text("#verdict")).isEqualTo("FAIL");
        WebElement finding = browser.find(".finding[data-rule='DISC-012']");
        String subject = finding.getAttribute("data-subject");
        browser.clickAndWait(".finding[data-rule='DISC-012'] a[href*='/officer/waivers']");
        assertThat(browser.find("#evaluation").getAttribute("value")).isEqualTo(evaluationId);
        assertThat(browser.find("#ruleId").getAttribute("value")).isEqualTo("DISC-012");
        assertThat(browser.find("#subject").getAttribute("value")).isEqualTo(subject);

        browser.type("#justification", "Commission stated on the link page");
        browser.type("#approver", "Head of Compliance");
        browser.clickAndWait("#grant");
        assertThat(browser.text("#notice")).contains("Waiver granted on DISC-012");
        WebElement row = browser.find("#waivers tbody tr");
        assertThat(row.getText()).contains("DISC-012").contains(subject).contains("Head of Compliance");
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("active");
        assertThat(row.findElement(By.cssSelector("a.campaign")).getText())
                .as("the campaign, not a piece of the evaluation id")
                .isEqualTo("ACME-SPRING-26");
        assertThat(row.findElement(By.cssSelector(".agency")).getText()).isEqualTo("Northwind Media");
        browser.screenshot("officer-waivers");

        browser.type("#q", "acme-spring");
        browser.clickAndWait("#apply-waiver-filter");
        assertThat(browser.all("#waivers tbody tr")).isNotEmpty().allSatisfy(r -> assertThat(r.getText())
                .contains("ACME-SPRING-26"));
        browser.type("#q", "no such campaign anywhere");
        browser.clickAndWait("#apply-waiver-filter");
        assertThat(browser.all("#waivers tbody tr")).isEmpty();

        browser.open("/evaluations/" + evaluationId);
        assertThat(browser.find(".finding[data-rule='DISC-012']").getAttribute("class"))
                .contains("sev-waived");

        browser.open("/officer/waivers");
        browser.clickAndWait("#waivers tbody tr:first-child button.expire");
        assertThat(browser.text("#notice")).contains("ended by officer");
        assertThat(browser.find("#waivers tbody tr:first-child .status").getText())
                .startsWith("ended ")
                .endsWith(" by officer");
        assertThat(browser.find("#waivers tbody tr:first-child").getText())
                .as("the original expiry stays")
                .contains(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                        .plusMonths(3)
                        .toString());
        browser.open("/evaluations/" + evaluationId);
        assertThat(browser.find(".finding[data-rule='DISC-012']").getAttribute("class"))
                .as("the ended waiver no longer covers the finding")
                .doesNotContain("sev-waived");
    }

    @Test
    @Order(6)
    void anOfficerReevaluatesFromTheEvaluationPage() {
        browser.open("/evaluations/" + evaluationId);
        browser.clickAndWait("#reevaluate");
        assertThat(browser.path()).startsWith("/evaluations/").isNotEqualTo("/evaluations/" + evaluationId);
        assertThat(browser.text("#notice")).contains("Re-evaluated under the rules in force");
        assertThat(browser.text("#evaluated-by")).isEqualTo("officer");
        assertThat(browser.all("#not-latest")).isEmpty();
        browser.screenshot("officer-reevaluated");
        browser.open("/evaluations/" + evaluationId);
        assertThat(browser.text("#not-latest")).contains("A newer evaluation");
    }

    @Test
    @Order(6)
    void aWaiverForAFindingThatIsNotThereIsRefusedOnThePage() {
        browser.open("/officer/waivers?evaluation=" + evaluationId + "&ruleId=AUD-005&subject=post:p1");
        browser.type("#justification", "No such finding");
        browser.type("#approver", "Head of Compliance");
        browser.clickAndWait("#grant");
        assertThat(browser.text("#refusal")).contains("has no AUD-005 finding on post:p1");
    }

    @Test
    @Order(7)
    void theOfficerPagesFitAPhone() {
        browser.size(Browser.PHONE);
        try {
            for (String page : List.of(
                    "/officer/rules",
                    "/officer/rules/files/claims.drl",
                    "/officer/history",
                    "/officer/waivers",
                    "/evaluations/" + evaluationId)) {
                browser.open(page);
                assertThat(browser.fitsWidth())
                        .as(page + " at phone width: " + browser.overflowing())
                        .isTrue();
            }
            browser.open("/officer/rules/files/claims.drl");
            browser.screenshot("officer-editor-phone");
        } finally {
            browser.size(Browser.LAPTOP);
        }
    }
}
