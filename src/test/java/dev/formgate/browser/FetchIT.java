package dev.formgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.testing.FakeFlotiq;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** (b) {@code fetch} from a site's own script: CORS as the browser enforces it, preflight included. */
class FetchIT extends InBrowser {
    String result() {
        return suite.await().until(d -> {
            String text = d.findElement(By.id("result")).getText();
            return text.isEmpty() ? null : text;
        });
    }

    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    List<String> namesStored() {
        return suite.flotiq().objects("ping").stream().map(o -> o.path("name").asText()).toList();
    }

    @Test
    void json_with_a_custom_header_from_an_allowed_origin_passes_the_preflight_and_shows_success() {
        driver.get(suite.site().url("ping.html"));
        Page.type(driver, "name", "Allowed Fetchy");

        Page.click(driver, "json");

        String result = result();
        assertTrue(result.startsWith("Thanks! Reference "), result);
        assertTrue(result.endsWith("(delivered)") || result.endsWith("(queued)"), result);
        suite.entry("ping", o -> o.path("name").asText().equals("Allowed Fetchy"));
        assertEquals(1, namesStored().stream().filter("Allowed Fetchy"::equals).count());
    }

    @Test
    void json_from_a_foreign_origin_is_blocked_by_the_browser_and_nothing_is_stored() {
        driver.manage().logs().get(LogType.BROWSER); // drop earlier entries
        driver.get(suite.foreign().url("ping.html"));
        Page.type(driver, "name", "Foreign Fetchy");

        Page.click(driver, "json");

        assertEquals("Blocked: TypeError", result());
        assertTrue(consoleErrors().stream().anyMatch(m -> m.contains("blocked by CORS policy") && m.contains("preflight")),
                consoleErrors().toString());
        assertNothingStoredFor("Foreign Fetchy");
    }

    @Test
    void simple_request_from_a_foreign_origin_is_refused_by_formgate_and_nothing_is_stored() {
        driver.get(suite.foreign().url("ping.html"));
        Page.type(driver, "name", "Simple Foreigner");

        Page.click(driver, "simple");

        // No preflight for a simple request: it reaches FormGate, which refuses it (403) before reading the body,
        // and the browser does not let the page read the refusal.
        assertEquals("Blocked: TypeError", result());
        assertNothingStoredFor("Simple Foreigner");
    }

    /** An allowed submission made afterwards is stored; the refused one, sent before it, is not. */
    private void assertNothingStoredFor(String name) {
        String marker = "Marker " + Integer.toHexString(name.hashCode());
        driver.get(suite.site().url("ping.html"));
        Page.type(driver, "name", marker);
        Page.click(driver, "json");
        String result = result();
        assertTrue(result.startsWith("Thanks!"), result);
        suite.entry("ping", o -> o.path("name").asText().equals(marker));

        assertTrue(namesStored().stream().noneMatch(name::equals), namesStored().toString());
        assertTrue(suite.flotiq().requests().stream().map(FakeFlotiq.RecordedRequest::body).noneMatch(b -> b.contains(name)));
    }
}
