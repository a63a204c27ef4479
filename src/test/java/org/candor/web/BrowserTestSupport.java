package org.candor.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.support.ChromiumCondition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser test class, on the shared service. The classes of a test JVM share one Chromium, started
 * by the first and quit when the JVM ends; each class starts it signed out, without cookies, at a
 * laptop's size.
 */
@ExtendWith(ChromiumCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport extends WebTestSupport {
    private static Browser shared;

    Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = browserAt(url(""));
    }

    /** The JVM's Chromium for the service at {@code base}: reset when it serves it already, else a new one. */
    private static synchronized Browser browserAt(String base) {
        if (shared != null && shared.base().equals(base)) {
            shared.reset();
            return shared;
        }
        if (shared != null) {
            shared.close();
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(BrowserTestSupport::quit, "candor-test-chromium"));
        }
        shared = new Browser(base);
        return shared;
    }

    private static synchronized void quit() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** A downloaded workbook, opened with POI. */
    static XSSFWorkbook workbook(Path file) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(file)));
    }
}
