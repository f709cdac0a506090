package dev.formgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** {@code formgate.js}, loaded from FormGate with its integrity hash, on the site's own pages. */
class ScriptIT extends InBrowser {
    /** The error message tied to a field through aria-describedby, after checking aria-invalid. */
    String errorOf(String id) {
        WebElement field = driver.findElement(By.id(id));
        assertEquals("true", field.getDomAttribute("aria-invalid"), id + " is marked invalid");
        String describedBy = field.getDomAttribute("aria-describedby");
        assertTrue(describedBy != null && !describedBy.isBlank(), id + " has aria-describedby");
        return driver.findElement(By.id(describedBy.trim().split(" ")[0])).getText();
    }

    String focused() {
        return (String) driver.executeScript("return document.activeElement.id");
    }

    boolean posted(String path) {
        return (Boolean) driver.executeScript("return performance.getEntriesByType('resource')"
                + ".some(e => new URL(e.name).pathname === arguments[0])", path);
    }

    void loadEnhanced() {
        driver.get(suite.site().url("enhanced.html"));
        suite.await().until(d -> !d.findElements(By.cssSelector("form .formgate-status[role=status]")).isEmpty());
    }

    @Test
    void refused_plain_post_comes_back_to_the_site_form_with_errors_next_to_fields_and_values_kept() {
        driver.get(suite.site().url("signup.html"));
        Page.type(driver, "name", "Z");
        Page.type(driver, "email", "zed-at-example.com");
        new Select(driver.findElement(By.id("plan"))).selectByValue("pro");
        Page.type(driver, "seats", "0");
        Page.click(driver, "t-tips");
        Page.type(driver, "password", "hunter2");

        Page.submit(driver);

        suite.await().until(d -> d.findElements(By.cssSelector(".formgate-error")).size() >= 3);
        String url = driver.getCurrentUrl();
        assertTrue(url.startsWith(suite.site().url("signup.html") + "?error=invalid&fields="), url);
        assertFalse(url.contains("#"), "the fragment is dropped once shown: " + url);
        assertEquals("Name must be at least 2 characters", errorOf("name"));
        assertEquals("Email must be a valid email address", errorOf("email"));
        assertEquals("Seats must be at least 1", errorOf("seats"));
        assertEquals("Password must be at least 8 characters", errorOf("password"));
        assertEquals("name", focused(), "focus moves to the first invalid field");
        assertEquals("Z", Page.value(driver, "name"));
        assertEquals("zed-at-example.com", Page.value(driver, "email"));
        assertEquals("pro", Page.value(driver, "plan"));
        assertEquals("0", Page.value(driver, "seats"));
        assertTrue(driver.findElement(By.id("t-tips")).isSelected());
        assertFalse(driver.findElement(By.id("t-news")).isSelected());
        assertEquals("", Page.value(driver, "password"), "a password never travels back in the URL");
    }

    @Test
    void enhanced_form_checks_the_schema_first_and_posts_nothing_while_it_is_invalid() {
        loadEnhanced();
        Page.type(driver, "email", "nope");
        Page.type(driver, "seats", "2.5");

        Page.submit(driver);

        suite.await().until(d -> d.findElements(By.cssSelector(".formgate-error")).size() >= 4);
        assertEquals("Name is required", errorOf("name"));
        assertEquals("Email must be a valid email address", errorOf("email"));
        assertEquals("Plan is required", errorOf("plan"));
        assertEquals("Seats must be an integer", errorOf("seats"));
        assertEquals("name", focused());
        assertFalse(posted("/forms/signup"), "nothing is posted while the schema check fails");
        assertTrue(posted("/forms/signup/schema"), "the rules come from FormGate's schema");
    }

    @Test
    void enhanced_form_shows_the_servers_errors_inline_for_rules_it_does_not_check_itself() {
        loadEnhanced();
        Page.type(driver, "name", "Server Check");
        Page.type(driver, "email", "server@example.com");
        new Select(driver.findElement(By.id("plan"))).selectByValue("basic");
        Page.type(driver, "seats", "0"); // minimum is not in the script's subset: FormGate answers 422

        Page.submit(driver);

        assertEquals("Seats must be at least 1", suite.await().until(d -> {
            List<WebElement> errors = d.findElements(By.cssSelector(".formgate-error"));
            return errors.isEmpty() ? null : errors.get(0).getText();
        }));
        assertEquals("seats", focused());
        assertEquals(suite.site().url("enhanced.html"), driver.getCurrentUrl(), "the page stays");
        assertEquals("Server Check", Page.value(driver, "name"), "what was typed stays");
    }

    @Test
    void enhanced_form_posts_with_fetch_and_announces_success_politely() {
        loadEnhanced();
        Page.type(driver, "name", "Fetch Enhanced");
        Page.type(driver, "email", "enhanced@example.com");
        new Select(driver.findElement(By.id("plan"))).selectByValue("pro");
        Page.type(driver, "seats", "4");
        Page.click(driver, "t-news");
        Page.click(driver, "t-tips");
        Page.type(driver, "password", "correct horse");

        Page.submit(driver);

        WebElement status = driver.findElement(By.cssSelector(".formgate-status"));
        suite.await().until(ExpectedConditions.textToBePresentInElement(status, "Welcome aboard!"));
        assertEquals("status", status.getDomAttribute("role"));
        assertEquals(suite.site().url("enhanced.html"), driver.getCurrentUrl());
        assertEquals("", Page.value(driver, "name"), "the form is reset after success");
        ObjectNode entry = suite.entry("signup", o -> o.path("name").asText().equals("Fetch Enhanced"));
        assertEquals(4, entry.get("seats").asInt());
        assertTrue(entry.get("seats").isInt());
        assertEquals("[\"news\",\"tips\"]", entry.get("topics").toString());
        assertTrue(driver.findElements(By.cssSelector(".formgate-error")).isEmpty());
    }

    @Test
    void script_is_pinned_by_its_integrity_hash_and_runs() {
        loadEnhanced();

        String integrity = (String) driver.executeScript("return document.querySelector('script[src$=\"/formgate.js\"]').integrity");

        assertEquals(Suite.integrity(suite.gate()), integrity);
        assertEquals("anonymous", driver.findElement(By.cssSelector("script[src$='/formgate.js']")).getDomAttribute("crossorigin"));
    }
}
