package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * An officer edits a policy table as a grid in a real browser: adds a row, picks its platform and
 * format from dropdowns, sees the problem of a bad cell beside it, fixes it, saves, finds the
 * change in the history, downloads the table as a workbook, sees a bad upload refused at its cell,
 * and deletes the row again. The rules are a temporary copy ({@link WebTestSupport#RULES}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TableEditorPagesTest extends BrowserTestSupport {
    static final String TABLE = "caption-folds.table.csv";
    static final String ADDED = "\"TIKTOK\",\"LIVE\",\"100\",\"2\",\"Live captions show about two lines\"";

    String original;

    @BeforeAll
    void signIn() throws IOException {
        original = Files.readString(RULES.resolve(TABLE));
        browser.signIn("officer", "officer-demo");
    }

    private List<WebElement> rows() {
        return browser.all("#table-0 table.grid tbody tr");
    }

    @Test
    @Order(1)
    void anOfficerAddsARowWithDropdownsSeesTheBadCellFixesItAndSaves() throws IOException {
        browser.open("/officer/rules");
        browser.clickAndWait("#files a.grid-link[href$='/" + TABLE + "']");
        assertThat(browser.text("h1")).contains(TABLE);
        assertThat(browser.text("#table-0 p.notes")).startsWith("The visible preview of a caption");
        int before = rows().size();
        assertThat(before).isEqualTo(original.lines().count() - 2);
        assertThat(browser.find("#c-0-0-0").getTagName())
                .as("a platform is picked from a list")
                .isEqualTo("select");
        assertThat(new Select(browser.find("#c-0-0-0")).getFirstSelectedOption().getText())
                .isEqualTo("INSTAGRAM");
        assertThat(browser.find("#c-0-0-2").getAttribute("value")).isEqualTo("125");

        browser.find("#add-row-0").click();
        assertThat(rows()).hasSize(before + 1);
        WebElement added = browser.find("#table-0 tbody tr.new-row");
        List<WebElement> cells = added.findElements(By.cssSelector(".cell"));
        new Select(cells.get(0)).selectByVisibleText("TIKTOK");
        new Select(cells.get(1)).selectByVisibleText("LIVE");
        assertThat(new Select(cells.get(0)).getOptions())
                .extracting(WebElement::getText)
                .contains("INSTAGRAM", "YOUTUBE", "X");
        cells.get(2).sendKeys("lots");
        cells.get(3).sendKeys("2");
        cells.get(4).sendKeys("Live captions show about two lines");

        browser.clickAndWait("#validate");
        assertThat(rows()).hasSize(before + 1);
        WebElement bad = browser.find("#table-0 td.invalid");
        assertThat(bad.findElement(By.cssSelector(".cell")).getAttribute("id")).isEqualTo("c-0-" + before + "-2");
        assertThat(bad.findElement(By.cssSelector(".cell")).getAttribute("value"))
                .isEqualTo("lots");
        assertThat(bad.findElement(By.cssSelector(".cell")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(bad.findElement(By.cssSelector(".cell-error")).getText())
                .isEqualTo("'lots' is not a whole number above 0, such as 125");
        assertThat(browser.all("#table-0 td.invalid")).hasSize(1);
        assertThat(browser.text("#grid-errors")).contains(TABLE + ", row " + (before + 3) + ", column C");
        assertThat(new Select(browser.find("#c-0-" + before + "-0"))
                        .getFirstSelectedOption()
                        .getText())
                .as("the picked values stay on the page")
                .isEqualTo("TIKTOK");
        assertThat(Files.readString(RULES.resolve(TABLE))).isEqualTo(original);
        browser.screenshot("officer-table-errors");

        browser.type("#c-0-" + before + "-2", "100");
        browser.clickAndWait("#save");
        assertThat(browser.text("#saved")).contains("Saved and in force.");
        assertThat(browser.all("#table-0 td.invalid")).isEmpty();
        assertThat(Files.readString(RULES.resolve(TABLE))).isEqualTo(original + ADDED + "\n");
        browser.screenshot("officer-table-editor");
    }

    @Test
    @Order(2)
    void theHistoryShowsTheTableChangeAndWhoMadeIt() {
        browser.open("/officer/history");
        WebElement latest = browser.find("#history tbody tr");
        assertThat(latest.findElement(By.cssSelector(".who")).getText()).isEqualTo("officer");
        assertThat(latest.findElement(By.cssSelector(".files")).getText()).isEqualTo(TABLE);
    }

    @Test
    @Order(3)
    void theTableDownloadsAsAWorkbookAndABadUploadIsRefusedAtItsCell() throws IOException {
        browser.open("/officer/rules/tables/" + TABLE);
        Path download = browser.download("#download-workbook", ".xlsx");
        assertThat(download.getFileName().toString()).isEqualTo("caption-folds.xlsx");
        byte[] broken;
        try (XSSFWorkbook wb = workbook(download);
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.getSheet("caption-folds");
            Row last = sheet.getRow(sheet.getLastRowNum());
            assertThat(last.getCell(0).getStringCellValue()).isEqualTo("TIKTOK");
            assertThat(last.getCell(2).getNumericCellValue()).isEqualTo(100);
            last.getCell(2).setCellFormula("50*2");
            wb.write(out);
            broken = out.toByteArray();
        }
        Path upload = Files.createTempFile(Browser.OUT, "broken-", ".xlsx");
        Files.write(upload, broken);
        try {
            browser.find("#upload-file").sendKeys(upload.toAbsolutePath().toString());
            browser.clickAndWait("#upload");
        } finally {
            Files.deleteIfExists(upload);
        }
        int row = (int) original.lines().count() + 1;
        assertThat(browser.text("#upload-errors code.path")).isEqualTo("caption-folds!C" + row);
        assertThat(browser.text("#upload-errors")).contains("a formula").contains("50*2");
        assertThat(Files.readString(RULES.resolve(TABLE))).isEqualTo(original + ADDED + "\n");
    }

    @Test
    @Order(4)
    void aDeletedRowIsGoneOnceSaved() throws IOException {
        browser.open("/officer/rules/tables/" + TABLE);
        int before = rows().size();
        browser.find("#table-0 tbody tr:last-child button.delete-row").click();
        assertThat(rows()).hasSize(before - 1);
        browser.clickAndWait("#save");
        assertThat(browser.text("#saved")).contains("Saved and in force.");
        assertThat(Files.readString(RULES.resolve(TABLE))).isEqualTo(original);
    }
}
