package dev.formgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The main path end to end: each encoding, coercion, answers, and the key staying on the server side. */
class MainPathTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALID = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"message\":\"Hello from the engine room\"}";

    @RegisterExtension
    final GateFixture fx = new GateFixture().set("FORMGATE_ALLOWED_ORIGINS", "https://site.example");

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Test
    void json_post_is_created_in_flotiq_with_the_key_on_the_upstream_request_only() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).json("/forms/contact-form", VALID);

                assertEquals(201, r.statusCode(), r.body());
                String id = json(r).get("id").asText();
                assertEquals("delivered", json(r).get("status").asText());
                ObjectNode created = fx.flotiq().object("contact_form", id).orElseThrow();
                assertEquals("Ada Lovelace", created.get("name").asText());
                assertEquals(FakeFlotiq.KEY, fx.flotiq().requests().get(0).header("X-AUTH-TOKEN").orElseThrow());
                assertFalse(r.body().contains(FakeFlotiq.KEY));
                assertFalse(r.headers().map().toString().contains(FakeFlotiq.KEY));
            });
        }
    }

    @Test
    void urlencoded_post_is_coerced_to_the_schema_types_and_control_fields_stay_behind() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                String body = "name=+Grace+Hopper+&email=grace%40example.com&message=Compilers+are+fun+to+write"
                        + "&newsletter=on&topics=sales&topics%5B%5D=press&phone=&_gotcha=&_next=https%3A%2F%2Fevil.example%2F"
                        + "&cf-turnstile-response=abc";

                HttpResponse<String> r = new Http(server.port()).form("/forms/contact-form", body, "Accept", "application/json");

                assertEquals(201, r.statusCode(), r.body());
                ObjectNode created = fx.flotiq().objects("contact_form").get(0);
                assertEquals("Grace Hopper", created.get("name").asText());
                assertTrue(created.get("newsletter").isBoolean() && created.get("newsletter").asBoolean());
                assertEquals(List.of("sales", "press"), List.of(created.get("topics").get(0).asText(), created.get("topics").get(1).asText()));
                assertFalse(created.has("phone"), "empty string means absent");
                assertFalse(created.has("_gotcha") || created.has("_next") || created.has("cf-turnstile-response"));
            });
        }
    }

    @Test
    void schema_defaults_are_filled_for_missing_form_fields() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).form("/forms/contact-form",
                        "name=Al+Bo&email=al%40example.com&message=Ten+chars+at+least", "Accept", "application/json");

                assertEquals(201, r.statusCode(), r.body());
                assertFalse(fx.flotiq().objects("contact_form").get(0).get("newsletter").asBoolean());
            });
        }
    }

    @Test
    void multipart_text_parts_are_accepted_and_file_parts_refused_with_415() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                String b = "XyZ";
                String ok = "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nZoë Ñandú\r\n"
                        + "--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nzoe@example.com\r\n"
                        + "--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nline one\r\nline two\r\n"
                        + "--XyZ--\r\n";
                String file = "--XyZ\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n%PDF\r\n--XyZ--\r\n";
                Http http = new Http(server.port());

                HttpResponse<String> accepted = http.send("POST", "/forms/contact-form", "multipart/form-data; boundary=" + b, ok, "Accept", "application/json");
                HttpResponse<String> refused = http.send("POST", "/forms/contact-form", "multipart/form-data; boundary=" + b, file, "Accept", "application/json");

                assertEquals(201, accepted.statusCode(), accepted.body());
                assertEquals("Zoë Ñandú", fx.flotiq().objects("contact_form").get(0).get("name").asText());
                assertEquals("line one\nline two", fx.flotiq().objects("contact_form").get(0).get("message").asText());
                assertEquals(415, refused.statusCode());
                assertEquals(1, fx.flotiq().objects("contact_form").size());
            });
        }
    }

    @Test
    void invalid_json_gets_422_problem_details_listing_every_bad_field() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).json("/forms/contact-form",
                        "{\"email\":\"not-an-email\",\"message\":\"short\",\"topics\":[\"sales\",\"spam\"],\"extra\":1}");

                assertEquals(422, r.statusCode());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
                JsonNode errors = json(r).get("errors");
                assertEquals("required", errors.get("name").get(0).get("code").asText());
                assertEquals("format", errors.get("email").get(0).get("code").asText());
                assertEquals("minLength", errors.get("message").get(0).get("code").asText());
                assertEquals("enum", errors.get("topics[1]").get(0).get("code").asText());
                assertEquals("additionalProperties", errors.get("extra").get(0).get("code").asText());
                assertFalse(r.body().contains("not-an-email"), "submitted values are not echoed");
                assertTrue(fx.flotiq().requests().isEmpty());
                assertEquals(0, app.stats().queued() + app.stats().held());
            });
        }
    }

    @Test
    void invalid_html_post_gets_a_page_listing_each_field_escaped() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).form("/forms/contact-form",
                        "name=A&email=%3Cscript%3E&message=hi", "Referer", "https://site.example/contact");

                assertEquals(422, r.statusCode());
                assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
                assertTrue(r.body().contains("<strong>email</strong>"));
                assertTrue(r.body().contains("<strong>name</strong>"));
                assertTrue(r.body().contains("<strong>message</strong>"));
                assertFalse(r.body().contains("<script>"));
                assertTrue(r.body().contains("href=\"https://site.example/contact\""), "links back to the form");
            });
        }
    }

    @Test
    void html_posts_redirect_to_success_and_error_urls_and_follow_only_allowed_next() {
        fx.gate().schema("callback.schema.json", """
                {"type":"object","required":["email"],"properties":{"email":{"type":"string","format":"email"}},
                 "x-formgate":{"successUrl":"https://site.example/thanks","errorUrl":"https://site.example/oops"}}""");
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> ok = http.form("/forms/callback", "email=a%40b.co");
                HttpResponse<String> foreignNext = http.form("/forms/callback", "email=c%40b.co&_next=https%3A%2F%2Fevil.example%2F");
                HttpResponse<String> allowedNext = http.form("/forms/callback", "email=d%40b.co&_next=https%3A%2F%2Fsite.example%2Fdone");
                HttpResponse<String> bad = http.form("/forms/callback", "email=nope");

                assertEquals(303, ok.statusCode());
                assertEquals("https://site.example/thanks", ok.headers().firstValue("Location").orElseThrow());
                assertEquals("https://site.example/thanks", foreignNext.headers().firstValue("Location").orElseThrow());
                assertEquals("https://site.example/done", allowedNext.headers().firstValue("Location").orElseThrow());
                assertEquals(303, bad.statusCode());
                assertTrue(bad.headers().firstValue("Location").orElseThrow()
                        .startsWith("https://site.example/oops?error=invalid&fields=email#formgate="));
            });
        }
    }

    @Test
    void flotiq_compatible_path_creates_the_entry_by_content_type() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> preflight = new Http(server.port()).send("OPTIONS", "/api/v1/content/contact_form", null, null,
                        "Origin", "https://site.example", "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type,x-auth-token");
                HttpResponse<String> r = new Http(server.port()).json("/api/v1/content/contact_form", VALID,
                        "X-AUTH-TOKEN", "a-key-that-was-in-the-browser");
                HttpResponse<String> unknown = new Http(server.port()).json("/api/v1/content/secret_stuff", VALID);

                assertEquals(204, preflight.statusCode());
                assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("X-AUTH-TOKEN"));
                assertEquals(201, r.statusCode(), r.body());
                assertEquals(1, fx.flotiq().objects("contact_form").size());
                assertEquals(FakeFlotiq.KEY, fx.flotiq().requests().get(0).header("X-AUTH-TOKEN").orElseThrow());
                assertEquals(404, unknown.statusCode());
            });
        }
    }

    @Test
    void an_unknown_form_keeps_its_own_problem_and_a_path_without_a_route_gets_not_found() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> form = http.json("/api/v1/content/secret_stuff", VALID);
                HttpResponse<String> path = http.send("GET", "/nothing/here", null, null, "Accept", "application/json");

                assertEquals(404, form.statusCode());
                assertTrue(form.body().contains("\"type\":\"urn:formgate:problem:unknown-form\""), form.body());
                assertTrue(form.body().contains("no content type named \\\"secret_stuff\\\""), form.body());
                assertEquals(404, path.statusCode());
                assertTrue(path.body().contains("\"type\":\"urn:formgate:problem:not-found\""), path.body());
                assertTrue(path.body().contains("There is nothing at /nothing/here."), path.body());

                HttpResponse<String> page = http.send("GET", "/nothing/here", null, null, "Accept", "text/html");
                assertEquals(404, page.statusCode());
                assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
                assertTrue(page.body().contains("There is nothing at /nothing/here."), page.body());
            });
        }
    }

    @Test
    void each_refusal_has_its_status_and_stores_nothing() {
        try (App app = fx.gate().set("FORMGATE_MAX_BODY_BYTES", "1024").app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                String big = "{\"name\":\"" + "x".repeat(2000) + "\"}";

                assertEquals(404, http.json("/forms/nope", VALID).statusCode());
                assertEquals(405, http.send("PUT", "/forms/contact-form", "application/json", VALID).statusCode());
                assertEquals(415, http.send("POST", "/forms/contact-form", "text/plain", "hello").statusCode());
                assertEquals(400, http.json("/forms/contact-form", "{\"name\": ").statusCode());
                assertEquals(400, http.json("/forms/contact-form", "[1,2,3]").statusCode());
                assertEquals(400, http.json("/forms/contact-form", "[".repeat(100) + "]".repeat(100)).statusCode());
                assertEquals(413, http.json("/forms/contact-form", big).statusCode());
                assertTrue(fx.flotiq().requests().isEmpty());
                assertEquals(0, app.stats().queued() + app.stats().held() + app.stats().delivered());
            });
        }
    }

    @Test
    void public_schema_is_served_without_the_vendor_settings() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).get("/forms/contact-form/schema");

                assertEquals(200, r.statusCode());
                assertTrue(json(r).has("properties"));
                assertFalse(json(r).has("x-formgate"));
                assertEquals(200, new Http(server.port()).get("/health").statusCode());
            });
        }
    }

    @Test
    void every_answer_carries_a_request_id_taken_from_the_request_when_safe() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> given = http.get("/health", "X-Request-Id", "abc-123");
                HttpResponse<String> unsafe = http.get("/health", "X-Request-Id", "<script>" + "x".repeat(100));
                HttpResponse<String> refused = http.json("/forms/nope", VALID);

                assertEquals("abc-123", given.headers().firstValue("X-Request-Id").orElseThrow());
                assertFalse(unsafe.headers().firstValue("X-Request-Id").orElseThrow().contains("<"));
                assertTrue(refused.headers().firstValue("X-Request-Id").isPresent());
            });
        }
    }
}
