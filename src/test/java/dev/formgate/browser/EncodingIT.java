package dev.formgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** (c) What a browser really sends for checkboxes, multi-selects, numbers, emails and unicode text. */
class EncodingIT extends InBrowser {
    static final String NAME = "Zoë 👩‍💻 O'Brien";
    static final String NOTES = "First line\nשורה שנייה בעברית\nسطر ثالث بالعربية\n\nLast line 🎉 & <done>";

    @Test
    void every_kind_of_input_arrives_in_the_cms_exactly_and_typed_by_the_schema() throws Exception {
        driver.get(suite.site().url("order.html"));
        Page.type(driver, "name", NAME);
        Page.type(driver, "email", "zoe@example.com");
        Page.type(driver, "quantity", "3");
        Page.type(driver, "price", "12.50");
        Page.click(driver, "t-cheese");
        Page.click(driver, "t-basil");
        Select languages = new Select(driver.findElement(By.id("languages")));
        languages.selectByValue("ar");
        languages.selectByValue("he");
        Page.type(driver, "notes", NOTES);
        Page.click(driver, "gift");

        Page.submit(driver);

        suite.await().until(ExpectedConditions.urlToBe(suite.site().url("thanks.html")));
        ObjectNode entry = suite.entry("order", o -> o.path("email").asText().equals("zoe@example.com"));
        entry.remove("id");
        entry.remove("internal");
        // HTML form submission sends every line break of a textarea as CRLF (HTML standard); FormGate stores LF,
        // as a JSON client would send it, so the CMS sees the text the visitor typed.
        ObjectNode expected = (ObjectNode) new ObjectMapper().readTree("""
                {"name": %s, "email": "zoe@example.com", "quantity": 3, "price": 12.5,
                 "toppings": ["cheese", "basil"], "languages": ["he", "ar"], "notes": %s, "gift": true}"""
                .formatted(json(NAME), json(NOTES)));
        assertEquals(expected, entry);
        assertTrue(entry.get("quantity").isIntegralNumber() && entry.get("price").isFloatingPointNumber(), entry.toString());
        assertEquals(1, suite.flotiq().objects("order").stream().filter(o -> o.path("email").asText().equals("zoe@example.com")).count());
    }

    private static String json(String s) throws Exception {
        return new ObjectMapper().writeValueAsString(s);
    }
}
