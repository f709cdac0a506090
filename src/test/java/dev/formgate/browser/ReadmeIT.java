package dev.formgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The README's three copy-paste examples, exactly as printed, on a site posting to the shipped contact form. */
class ReadmeIT extends InBrowser {
    static final String PLACEHOLDER = "https://forms.example.com";

    List<String> html;

    @BeforeEach
    void readExamples() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Using FormGate from a static site");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 3));
        html = new ArrayList<>();
        Matcher m = Pattern.compile("```html\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) html.add(m.group(1).replace(PLACEHOLDER, suite.gate()));
        assertEquals(3, html.size(), "the section shows a plain form, a fetch variant and a script variant");
    }

    /** An example page; the fetch and script examples elide the form's fields ("...") and get the plain form's. */
    String publish(String name, String example) {
        String plain = html.get(0);
        String fields = plain.substring(plain.indexOf('>', plain.indexOf("<form")) + 1, plain.lastIndexOf("</form>"));
        String body = example.replace(">...</form>", ">" + fields + "</form>");
        suite.site().page(name, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + name
                + "</title></head><body>" + body + "</body></html>");
        return suite.site().url(name);
    }

    void fillValid(String name) {
        Page.type(driver, "name", name);
        Page.type(driver, "email", "readme@example.com");
        Page.type(driver, "message", "Copied straight from the README.");
        driver.findElement(By.cssSelector("input[name=topics][value=support]")).click();
    }

    ObjectNode entry(String name) {
        return suite.entry("contact_form", o -> o.path("name").asText().equals(name));
    }

    @Test
    void plain_form_example_posts_and_shows_the_thank_you_page() {
        driver.get(publish("readme-plain.html", html.get(0)));
        fillValid("Readme Plain");

        Page.submit(driver);

        suite.await().until(ExpectedConditions.urlToBe(suite.gate() + "/forms/contact-form"));
        assertEquals("Thank you", driver.findElement(By.tagName("h1")).getText());
        assertEquals("[\"support\"]", entry("Readme Plain").get("topics").toString());
    }

    @Test
    void fetch_example_posts_json_and_shows_the_answer() {
        driver.get(publish("readme-fetch.html", html.get(1)));
        fillValid("Readme Fetch");

        Page.submit(driver);

        suite.await().until(ExpectedConditions.textToBe(By.id("contact-result"), "Thank you, we got your message."));
        ObjectNode entry = entry("Readme Fetch");
        assertTrue(entry.get("newsletter").isBoolean());
        assertEquals("[\"support\"]", entry.get("topics").toString());
    }

    @Test
    void script_example_loads_with_its_documented_hash_and_answers_in_place() {
        driver.get(publish("readme-script.html", html.get(2)));
        suite.await().until(d -> !d.findElements(By.cssSelector(".formgate-status")).isEmpty());
        fillValid("Readme Script");

        Page.submit(driver);

        suite.await().until(ExpectedConditions.textToBe(By.cssSelector(".formgate-status"), "Thank you, we got your message."));
        entry("Readme Script");
    }
}
