package dev.formgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** (a) A plain {@code <form method=post>} on a page without any JavaScript. */
class PlainFormIT extends InBrowser {
    @Test
    void valid_post_lands_on_the_success_url_and_the_entry_has_the_schema_types() {
        driver.get(suite.site().url("visit.html"));
        Page.type(driver, "name", "Ada Lovelace");
        Page.type(driver, "email", "ada@example.com");
        Page.type(driver, "age", "36");
        Page.type(driver, "message", "Please show me the engine room.");
        Page.click(driver, "newsletter");

        Page.submit(driver);

        suite.await().until(ExpectedConditions.urlToBe(suite.site().url("thanks.html")));
        assertEquals("Thanks, we got it", driver.findElement(By.id("thanks")).getText());
        ObjectNode entry = suite.entry("visit", o -> o.path("name").asText().equals("Ada Lovelace"));
        assertTrue(entry.get("age").isInt(), entry.toString());
        assertEquals(36, entry.get("age").asInt());
        assertTrue(entry.get("newsletter").isBoolean(), entry.toString());
        assertTrue(entry.get("newsletter").asBoolean());
        assertEquals("ada@example.com", entry.get("email").asText());
        assertEquals("Please show me the engine room.", entry.get("message").asText());
        assertTrue(!entry.has("_gotcha"), "the honeypot stays behind");
        assertEquals(1, suite.flotiq().requests().stream().filter(r -> r.body().contains("Ada Lovelace")).count(),
                "created once");
    }

    @Test
    void invalid_post_shows_every_field_message_and_back_keeps_what_was_typed() {
        driver.get(suite.site().url("visit.html"));
        Page.type(driver, "name", "A");
        Page.type(driver, "email", "not-an-email");
        Page.type(driver, "age", "-5");
        Page.type(driver, "message", "short");

        Page.submit(driver);

        suite.await().until(ExpectedConditions.urlToBe(suite.gate() + "/forms/visit"));
        String page = Page.text(driver);
        assertTrue(page.contains("Please check your entry"), page);
        assertTrue(page.contains("name must be at least 2 characters"), page);
        assertTrue(page.contains("email must be a valid email address"), page);
        assertTrue(page.contains("age must be at least 0"), page);
        assertTrue(page.contains("message must be at least 10 characters"), page);

        driver.navigate().back();

        suite.await().until(ExpectedConditions.urlToBe(suite.site().url("visit.html")));
        assertEquals("A", Page.value(driver, "name"));
        assertEquals("not-an-email", Page.value(driver, "email"));
        assertEquals("-5", Page.value(driver, "age"));
        assertEquals("short", Page.value(driver, "message"));
    }
}
