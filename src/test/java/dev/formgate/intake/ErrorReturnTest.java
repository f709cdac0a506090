package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.App;
import dev.formgate.config.EnvSettings;
import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import io.javalin.testtools.JavalinTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A refused HTML post goes back to the site's own form with the messages and the safe values typed. */
class ErrorReturnTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCHEMA = """
            {"type":"object","required":["name","email","message"],"additionalProperties":false,
             "properties":{"name":{"type":"string","minLength":2},"email":{"type":"string","format":"email"},
               "message":{"type":"string","minLength":10},"topics":{"type":"array","items":{"type":"string"}},
               "password":{"type":"string"},
               "hint":{"type":"string","writeOnly":true},"address":{"type":"object","properties":{"city":{"type":"string"}}}},
             "x-formgate":%s}""";

    @RegisterExtension
    final GateFixture fx = new GateFixture().set("FORMGATE_ALLOWED_ORIGINS", "https://site.example");

    static JsonNode fragment(String location) {
        String encoded = location.substring(location.indexOf("#formgate=") + "#formgate=".length());
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(encoded));
        } catch (Exception e) {
            throw new AssertionError("not a formgate fragment: " + location, e);
        }
    }

    static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (b.length() > 0) b.append('&');
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void refused_post_goes_back_to_the_error_url_with_each_message_and_the_typed_values() {
        fx.gate().schema("join.schema.json", SCHEMA.formatted("{\"errorUrl\":\"https://site.example/join?lang=de#top\"}"));
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                String body = form("name", "Zoë 👩‍💻", "email", "nope", "message", "short", "topics[]", "sales",
                        "topics[]", "press", "address[city]", "תל אביב", "password", "hunter2",
                        "hint", "my dog", "_gotcha", "", "_next", "https://site.example/x", "cf-turnstile-response", "tok");

                HttpResponse<String> r = new Http(server.port()).form("/forms/join", body);

                assertEquals(303, r.statusCode());
                String location = r.headers().firstValue("Location").orElseThrow();
                assertTrue(location.startsWith("https://site.example/join?lang=de&error=invalid&fields=email%2Cmessage#formgate="), location);
                JsonNode p = fragment(location);
                assertEquals(1, p.get("v").asInt());
                assertEquals("join", p.get("form").asText());
                assertEquals(422, p.get("status").asInt());
                assertEquals("invalid", p.get("error").asText());
                assertEquals("must be a valid email address", p.at("/errors/email/0").asText());
                assertEquals("must be at least 10 characters", p.at("/errors/message/0").asText());
                assertEquals(JSON.readTree("""
                        {"name":"Zoë 👩‍💻","email":"nope","message":"short","topics[]":["sales","press"],"address[city]":"תל אביב"}"""),
                        p.get("values"));
                assertFalse(p.has("partial"));
                assertFalse(location.contains("hunter2"));
            });
        }
    }

    @Test
    void form_that_opts_in_returns_to_an_allowed_referer_without_piling_up_earlier_answers() {
        fx.gate().schema("join.schema.json", SCHEMA.formatted("{\"returnToReferer\":true}"));
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                String referer = "https://site.example/join.html?lang=en&error=invalid&fields=name#formgate=old";

                HttpResponse<String> r = new Http(server.port()).form("/forms/join",
                        form("name", "Al", "email", "al@example.com"), "Referer", referer);

                assertEquals(303, r.statusCode());
                String location = r.headers().firstValue("Location").orElseThrow();
                assertTrue(location.startsWith("https://site.example/join.html?lang=en&error=invalid&fields=message#formgate="), location);
                assertEquals("is required", fragment(location).at("/errors/message/0").asText());
                assertEquals("al@example.com", fragment(location).at("/values/email").asText());
            });
        }
    }

    @Test
    void foreign_or_missing_referer_and_forms_without_opt_in_get_the_built_in_page() {
        fx.gate().schema("join.schema.json", SCHEMA.formatted("{\"returnToReferer\":true}"));
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> foreign = http.form("/forms/join", "name=Al", "Referer", "https://evil.example/join");
                HttpResponse<String> none = http.form("/forms/join", "name=Al");
                HttpResponse<String> notOptedIn = http.form("/forms/contact-form", "name=Al", "Referer", "https://site.example/c");

                assertEquals(422, foreign.statusCode());
                assertTrue(foreign.body().contains("Please check your entry"));
                assertEquals(422, none.statusCode());
                assertEquals(422, notOptedIn.statusCode());
                assertTrue(notOptedIn.body().contains("href=\"https://site.example/c\""), "still links back");
            });
        }
    }

    @Test
    void json_clients_still_get_problem_json_when_a_return_url_is_set() {
        fx.gate().schema("join.schema.json", SCHEMA.formatted("{\"errorUrl\":\"https://site.example/join\"}"));
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).json("/forms/join", "{\"name\":\"Al\"}");

                assertEquals(422, r.statusCode());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
            });
        }
    }

    @Test
    void values_that_do_not_fit_are_left_out_whole_and_marked_partial() {
        fx.gate().schema("join.schema.json", SCHEMA.formatted("{\"errorUrl\":\"https://site.example/join\"}"));
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                String longMessage = "ש".repeat(1500); // 3000 bytes in UTF-8: over the budget on its own

                HttpResponse<String> r = new Http(server.port()).form("/forms/join",
                        form("name", "A", "message", longMessage, "email", "ann@example.com"));

                String location = r.headers().firstValue("Location").orElseThrow();
                JsonNode p = fragment(location);
                assertTrue(p.toString().getBytes(StandardCharsets.UTF_8).length <= ErrorReturn.MAX_JSON_BYTES);
                assertTrue(p.get("partial").asBoolean());
                assertFalse(p.get("values").has("message"));
                assertEquals("ann@example.com", p.at("/values/email").asText());
                assertEquals("A", p.at("/values/name").asText());
                assertEquals("must be at least 2 characters", p.at("/errors/name/0").asText());
            });
        }
    }

    @Test
    void errors_without_a_body_go_back_with_the_message_only() {
        fx.gate().schema("join.schema.json", SCHEMA.formatted(
                "{\"errorUrl\":\"https://site.example/join\",\"rateLimit\":{\"perClient\":[\"1/1h\"]}}"));
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                http.form("/forms/join", "name=Al");

                HttpResponse<String> limited = http.form("/forms/join", "name=Al");

                String location = limited.headers().firstValue("Location").orElseThrow();
                assertTrue(location.startsWith("https://site.example/join?error=rate-limited#formgate="), location);
                JsonNode p = fragment(location);
                assertEquals(429, p.get("status").asInt());
                assertFalse(p.get("message").asText().isBlank());
                assertTrue(p.get("values").isEmpty());
            });
        }
    }

    @Test
    void secret_looking_control_and_honeypot_fields_are_never_echoed() {
        fx.gate().schema("join.schema.json", SCHEMA.formatted("{\"honeypot\":\"website\"}"));
        FormDefinition form = FormRegistry.load(EnvSettings.load(fx.gate().env()), JSON).byName("join").orElseThrow();

        List<String> hidden = List.of("password", "confirmPassword", "new_passwd", "card-number", "cc-number",
                "creditCardNumber", "api_key", "pin", "otp", "hint", "website", "_next", "_gotcha",
                "g-recaptcha-response", "cvc");
        List<String> shown = List.of("name", "email", "shipping", "topics[]", "address[city]", "spinach", "passenger");

        hidden.forEach(n -> assertFalse(ErrorReturn.echoable(n, form), n));
        shown.forEach(n -> assertTrue(ErrorReturn.echoable(n, form), n));
    }
}
