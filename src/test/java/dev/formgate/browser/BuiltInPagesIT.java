package dev.formgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * (d) FormGate's own pages (thank-you, validation errors, 429) at a phone and a desktop width: readable without
 * horizontal scrolling; screenshots are saved to {@code target/screenshots/}.
 */
class BuiltInPagesIT extends InBrowser {
    static final Map<String, Integer> WIDTHS = Map.of("phone", 375, "desktop", 1280);

    @AfterEach
    void resetViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void thank_you_and_rate_limit_pages_fit_a_phone_and_a_desktop() throws IOException {
        driver.get(suite.site().url("limited.html"));
        Page.submit(driver);
        suite.await().until(ExpectedConditions.urlToBe(suite.gate() + "/forms/limited"));
        assertEquals("Thank you", driver.findElement(By.tagName("h1")).getText());
        assertTrue(Page.text(driver).contains("Your submission to Limited signup was received."), Page.text(driver));
        checkAndShoot("thank-you");

        driver.get(suite.site().url("limited.html"));
        Page.submit(driver);
        suite.await().until(ExpectedConditions.urlToBe(suite.gate() + "/forms/limited"));
        assertEquals("Too many submissions", driver.findElement(By.tagName("h1")).getText());

        checkAndShoot("rate-limited");
    }

    @Test
    void validation_error_page_fits_a_phone_and_a_desktop() throws IOException {
        driver.get(suite.site().url("visit.html"));
        Page.type(driver, "name", "A");
        Page.type(driver, "email", "this-is-a-rather-long-address-without-an-at-sign.example.com");
        Page.type(driver, "message", "short");

        Page.submit(driver);

        suite.await().until(ExpectedConditions.urlToBe(suite.gate() + "/forms/visit"));
        assertEquals("Please check your entry", driver.findElement(By.tagName("h1")).getText());
        assertTrue(Page.text(driver).contains("email must be a valid email address"));
        checkAndShoot("validation-errors");
    }

    /** At each width: no horizontal scrolling, body text at least 16 px, and a screenshot. */
    private void checkAndShoot(String name) throws IOException {
        Path dir = Suite.screenshots();
        for (Map.Entry<String, Integer> w : WIDTHS.entrySet()) {
            Chromium.viewport(driver, w.getValue(), w.getValue() < 800 ? 740 : 800);

            long scrollWidth = (Long) driver.executeScript("return document.documentElement.scrollWidth");
            long innerWidth = (Long) driver.executeScript("return window.innerWidth");
            String fontSize = (String) driver.executeScript("return getComputedStyle(document.body).fontSize");

            assertEquals(w.getValue().longValue(), innerWidth, "viewport of " + w.getKey());
            assertTrue(scrollWidth <= innerWidth, name + " scrolls sideways on a " + w.getKey() + ": " + scrollWidth + " > " + innerWidth);
            assertTrue(Double.parseDouble(fontSize.replace("px", "")) >= 16, name + " text is " + fontSize);
            Files.write(dir.resolve(name + "-" + w.getValue() + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        }
    }
}
