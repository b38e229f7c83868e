// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.interactions.Actions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Debian's chromium driven by its chromedriver (packages chromium and
 * chromium-driver), headless and cut off from the network: pages are opened
 * from file:// only, every host name fails to resolve and any other request
 * goes to a proxy that does not exist. The binaries are named explicitly,
 * so Selenium Manager never looks for (or downloads) a browser or a driver.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("kb.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("kb.test.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** Why the browser tests cannot run here, or null when they can. */
    static String absentReason() {
        for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(p)) {
                return p + " missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver; scripts/setup.sh --tests)";
            }
        }
        return null;
    }

    /** A new headless browser with its own profile in profileDir; the caller quits it. */
    static ChromeDriver start(Path profileDir) throws IOException {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1300,1000", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + Files.createDirectories(profileDir),
                // no network: no DNS, no proxy that answers, none of chromium's own background traffic
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--disable-features=Translate,OptimizationHints,MediaRouter");
        o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return d;
    }

    /** Asserts that the page logged no error to the console and fetched nothing (it must be self-contained). */
    static void assertNoConsoleErrorsNorFetches(ChromeDriver driver) {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(e.getMessage());
            }
        }
        assertEquals(List.of(), severe, "console errors");
        assertEquals(0L, driver.executeScript("return performance.getEntriesByType('resource').length"),
                "resources fetched by a page that must be self-contained");
    }

    /** The tallest screenshot of a whole page, in pixels: a long timeline is cut there. */
    static final int MAX_PAGE_HEIGHT = 2400;
    /** The height of the timeline's close-up, in pixels: its first rows and the tooltip. */
    static final int CLOSE_UP_HEIGHT = 420;

    /**
     * report-page.png (the page from its top, at most {@link #MAX_PAGE_HEIGHT}
     * pixels) and report-timeline.png (the timeline's top, zoomed to the first
     * kthread's lifecycle, the tooltip of its {@code phase} showing) in dir: the pictures of
     * docs/experiments.md.
     */
    static void screenshots(ChromeDriver driver, Path dir, String phase) throws IOException {
        Files.createDirectories(dir);
        Number h = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Dimension before = driver.manage().window().getSize();
        // a window as tall as the page: the whole page in one screenshot, nothing scrolled
        driver.manage().window().setSize(new Dimension(before.getWidth(), h.intValue() + 200));
        try {
            Files.write(dir.resolve("report-page.png"),
                    crop(driver.getScreenshotAs(OutputType.BYTES), 0, MAX_PAGE_HEIGHT));
            // zoomed to the first kthread's lifecycle: a real run's phases are too thin to hover otherwise
            driver.findElement(By.cssSelector("#timeline-view g.kthread-row text.label")).click();
            WebElement first = driver.findElement(By.cssSelector(
                    "g.kthread-row rect.phase[data-phase='" + phase + "']"));
            new Actions(driver).moveToElement(first).perform();
            WebElement timeline = driver.findElement(By.id("timeline"));
            Rectangle box = timeline.getRect();
            byte[] page = driver.getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve("report-timeline.png"),
                    cropBox(page, box.getX(), box.getY(), box.getWidth(), Math.min(box.getHeight(), CLOSE_UP_HEIGHT)));
        } finally {
            driver.manage().window().setSize(before);
        }
        System.out.println("screenshots: report-page.png, report-timeline.png in " + dir.toAbsolutePath());
    }

    private static byte[] crop(byte[] png, int y, int maxHeight) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return cropBox(png, 0, y, image.getWidth(), Math.min(maxHeight, image.getHeight() - y));
    }

    private static byte[] cropBox(byte[] png, int x, int y, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int w = Math.min(width, image.getWidth() - x);
        int hh = Math.min(height, image.getHeight() - y);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image.getSubimage(x, y, w, hh), "png", out);
        return out.toByteArray();
    }
}
