package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.candor.support.ChromiumCondition;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, driven through Debian's chromedriver (never a downloaded one), with a
 * fresh profile and a download folder of its own; screenshots go to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {
    /** The build folder (surefire sets it; {@code target} when run otherwise). */
    static final Path OUT = Path.of(System.getProperty("candor.test.out", "target"));

    static final Path SCREENSHOTS = OUT.resolve("screenshots");
    static final Dimension LAPTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    /** How often a wait looks again. */
    static final Duration POLL = Duration.ofMillis(50);

    private final String base;
    private final Path profile;
    private final Path downloads;
    final ChromeDriver driver;
    private final WebDriverWait wait;

    Browser(String base) {
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("candor-chromium-");
            Files.createDirectories(OUT);
            this.downloads = Files.createTempDirectory(OUT, "downloads-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ChromiumCondition.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumCondition.CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight(),
                "--user-data-dir=" + profile.toAbsolutePath());
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        this.driver = new ChromeDriver(service, options);
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                Map.of(
                        "behavior",
                        "allow",
                        "downloadPath",
                        downloads.toAbsolutePath().toString()));
        this.wait = waitUpTo(Duration.ofSeconds(20));
    }

    /**
     * A wait that looks every {@link #POLL}: WebDriver's default of half a second would add a
     * quarter of a second on average to every page change the tests wait for.
     */
    WebDriverWait waitUpTo(Duration timeout) {
        return (WebDriverWait) new WebDriverWait(driver, timeout).pollingEvery(POLL);
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** The service it opens pages of. */
    String base() {
        return base;
    }

    /** As a new one: a blank page at a laptop's size, no cookies (signed out), no downloads. */
    void reset() {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        size(LAPTOP);
        clear(downloads);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Puts text into a field at once (sendKeys types a long file key by key). */
    /**
     * Sets a field's value. Found again and set again when the element went away meanwhile (Chromium
     * answers "Node with given id does not belong to the document" for an element of a page just
     * replaced).
     */
    void paste(String css, String text) {
        waitUpTo(Duration.ofSeconds(10)).ignoring(WebDriverException.class).until(d -> {
            ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1];", find(css), text);
            return true;
        });
    }

    /** Clicks and waits until the page the click loads has replaced this one. */
    void clickAndWait(String css) {
        WebElement old = find("html");
        find(css).click();
        wait.until(d -> gone(old));
    }

    /**
     * Waits until the element shows the text, on a page that reloads itself: an element caught
     * while its page is being replaced is looked up again on the next look.
     */
    void waitForText(String css, String text, Duration timeout) {
        waitUpTo(timeout).ignoring(StaleElementReferenceException.class).until(d -> {
            try {
                return text.equals(d.findElement(By.cssSelector(css)).getText());
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return false;
                }
                throw e;
            }
        });
    }

    /**
     * Whether an element's page has been replaced. Chromium says so either as a stale element or
     * as "Node with given id does not belong to the document".
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    void signIn(String user, String password) {
        open("/login");
        type("#username", user);
        type("#password", password);
        clickAndWait("#sign-in");
    }

    void signOut() {
        clickAndWait(".signout button");
    }

    void size(Dimension d) {
        driver.manage().window().setSize(d);
    }

    /** Whether the page fits the window's width: nothing sticks out sideways. */
    boolean fitsWidth() {
        Object fits = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    /** The elements that stick out to the right of the window, for a failing {@link #fitsWidth}. */
    String overflowing() {
        return String.valueOf(((JavascriptExecutor) driver)
                .executeScript("var out = []; document.querySelectorAll('body *').forEach(function (e) {"
                        + " var r = e.getBoundingClientRect();"
                        + " if (r.right > window.innerWidth + 0.5 && out.length < 8) {"
                        + " out.push(e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(r.right)); } });"
                        + " return out.join(', ');"));
    }

    /** Saves the whole page as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            // Make the window as tall as the page, so the picture shows all of it.
            Dimension before = driver.manage().window().getSize();
            Number height = (Number)
                    ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
            int chrome = before.getHeight()
                    - ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight;")).intValue();
            driver.manage()
                    .window()
                    .setSize(new Dimension(before.getWidth(), Math.min(4000, height.intValue() + chrome)));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Clicks a link that downloads a file and answers the file once it is complete. */
    Path download(String css, String suffix) {
        clear(downloads);
        find(css).click();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> done = files.filter(p -> p.getFileName().toString().endsWith(suffix))
                        .toList();
                if (!done.isEmpty() && Files.size(done.get(0)) > 0) {
                    return done.get(0);
                }
                Thread.sleep(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(downloads).as("a downloaded *" + suffix + " file").isDirectoryContaining("glob:**" + suffix);
        throw new IllegalStateException("no download");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            clear(profile);
            clear(downloads);
            profile.toFile().delete();
            downloads.toFile().delete();
        }
    }

    private static void clear(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile()
                    .delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
