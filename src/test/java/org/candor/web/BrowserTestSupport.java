package org.candor.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.support.ChromiumCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A browser test class: one Chromium for the whole class, on the shared service. */
@ExtendWith(ChromiumCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport extends WebTestSupport {
    Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = new Browser(url(""));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A downloaded workbook, opened with POI. */
    static XSSFWorkbook workbook(Path file) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(file)));
    }
}
