package dev.formgate.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The forms the browser tests post to, written as schema files the way a site owner would. */
final class TestForms {
    private TestForms() {
    }

    static Path write(Path dir, String site) {
        Map<String, String> files = Map.of(
                "visit", """
                        {"title":"Visit request","type":"object","required":["name","email","message"],"additionalProperties":false,
                         "properties":{"name":{"type":"string","minLength":2},"email":{"type":"string","format":"email"},
                           "age":{"type":"integer","minimum":0,"maximum":150},"message":{"type":"string","minLength":10},
                           "newsletter":{"type":"boolean"}},
                         "x-formgate":{"successUrl":"%1$s/thanks.html"}}""",
                "order", """
                        {"title":"Order","type":"object","required":["name","email"],"additionalProperties":false,
                         "properties":{"name":{"type":"string"},"email":{"type":"string","format":"email"},
                           "quantity":{"type":"integer","minimum":1},"price":{"type":"number"},
                           "toppings":{"type":"array","items":{"type":"string","enum":["cheese","olives","basil"]},"uniqueItems":true},
                           "languages":{"type":"array","items":{"type":"string","enum":["en","he","ar","pl"]}},
                           "notes":{"type":"string","maxLength":2000},"gift":{"type":"boolean"}},
                         "x-formgate":{"successUrl":"%1$s/thanks.html"}}""",
                "ping", """
                        {"type":"object","required":["name","email"],"additionalProperties":false,
                         "properties":{"name":{"type":"string","minLength":2},"email":{"type":"string","format":"email"}}}""",
                "limited", """
                        {"title":"Limited signup","type":"object","required":["name"],"additionalProperties":false,
                         "properties":{"name":{"type":"string","minLength":2}},
                         "x-formgate":{"rateLimit":{"perClient":["1/1h"]}}}""",
                "signup", """
                        {"title":"Sign up","type":"object","required":["name","email","plan"],"additionalProperties":false,
                         "properties":{"name":{"type":"string","minLength":2,"maxLength":40},
                           "email":{"type":"string","format":"email"},
                           "plan":{"type":"string","enum":["basic","pro"]},
                           "seats":{"type":"integer","minimum":1},
                           "topics":{"type":"array","items":{"type":"string","enum":["news","tips"]}},
                           "password":{"type":"string","minLength":8}},
                         "x-formgate":{"returnToReferer":true}}""");
        try {
            Files.createDirectories(dir);
            // The shipped contact form too, for the README's copy-paste examples.
            Files.copy(Path.of("schemas", "contact-form.schema.json"), dir.resolve("contact-form.schema.json"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey() + ".schema.json"), f.getValue().formatted(site));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
