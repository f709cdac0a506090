package dev.formgate;

import static dev.formgate.MainPathTest.VALID;
import static dev.formgate.MainPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.config.ConfigException;
import dev.formgate.testing.Eventually;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.FakeSiteverify;
import dev.formgate.testing.Http;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Abuse protection through the real App: rate limits, client identity, origins and CORS, honeypot, captcha. */
class GuardsTest {
    static final String SITE = "https://site.example";

    @RegisterExtension
    final GateFixture fx = new GateFixture().set("FORMGATE_ALLOWED_ORIGINS", SITE);

    @Test
    void a_flood_from_one_client_gets_429_with_retry_after_after_exactly_its_allowance() {
        try (App app = fx.gate().set("FORMGATE_RATE_LIMIT_PER_CLIENT", "3/1m").app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                for (int i = 0; i < 3; i++) {
                    assertEquals(201, http.json("/forms/contact-form", VALID.replace("Ada", "Ada" + i)).statusCode());
                }

                HttpResponse<String> limited = http.json("/forms/contact-form", VALID);
                HttpResponse<String> page = http.form("/forms/contact-form", "name=Ab&email=a%40b.co&message=0123456789");

                assertEquals(429, limited.statusCode());
                long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
                assertTrue(limited.headers().firstValue("RateLimit-Policy").orElseThrow().contains("q=3;w=60"));
                assertTrue(limited.headers().firstValue("RateLimit").isPresent());
                assertEquals("application/problem+json", limited.headers().firstValue("Content-Type").orElseThrow());
                assertEquals(429, page.statusCode());
                assertTrue(page.body().contains("Too many submissions"));
                assertEquals(3, fx.flotiq().objects("contact_form").size());
            });
        }
    }

    @Test
    void spoofed_forwarding_headers_change_nothing_in_the_default_mode() {
        try (App app = fx.gate().set("FORMGATE_RATE_LIMIT_PER_CLIENT", "2/1m").app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                int[] statuses = new int[4];
                for (int i = 0; i < 4; i++) {
                    statuses[i] = http.json("/forms/contact-form", VALID.replace("Ada", "Ada" + i),
                            "X-Forwarded-For", "10.0.0." + i, "Fly-Client-IP", "10.1.0." + i, "CF-Connecting-IP", "10.2.0." + i).statusCode();
                }

                assertEquals(201, statuses[1]);
                assertEquals(429, statuses[2]);
                assertEquals(429, statuses[3]);
            });
        }
    }

    @Test
    void fly_mode_keys_clients_by_fly_client_ip_and_ipv6_by_their_64_prefix() {
        try (App app = fx.gate().set("FORMGATE_RATE_LIMIT_PER_CLIENT", "1/1m").set("FORMGATE_TRUSTED_PROXY", "fly").app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                int first = http.json("/forms/contact-form", VALID, "Fly-Client-IP", "203.0.113.7").statusCode();
                int other = http.json("/forms/contact-form", VALID.replace("Ada", "Bob"), "Fly-Client-IP", "203.0.113.8").statusCode();
                int again = http.json("/forms/contact-form", VALID.replace("Ada", "Cy"), "Fly-Client-IP", "203.0.113.7").statusCode();
                int v6 = http.json("/forms/contact-form", VALID.replace("Ada", "Di"), "Fly-Client-IP", "2001:db8:1:2::1").statusCode();
                int v6Rotated = http.json("/forms/contact-form", VALID.replace("Ada", "Ed"), "Fly-Client-IP", "2001:db8:1:2:ffff::9").statusCode();

                assertEquals(201, first);
                assertEquals(201, other);
                assertEquals(429, again);
                assertEquals(201, v6);
                assertEquals(429, v6Rotated);
            });
        }
    }

    @Test
    void a_foreign_origin_can_neither_preflight_nor_post_and_an_allowed_one_is_echoed() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> evilPreflight = http.send("OPTIONS", "/forms/contact-form", null, null,
                        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
                HttpResponse<String> evilPost = http.json("/forms/contact-form", VALID, "Origin", "https://evil.example");
                HttpResponse<String> lookalike = http.json("/forms/contact-form", VALID, "Origin", "https://site.example.evil.example");
                HttpResponse<String> goodPreflight = http.send("OPTIONS", "/forms/contact-form", null, null,
                        "Origin", SITE, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
                HttpResponse<String> goodPost = http.json("/forms/contact-form", VALID, "Origin", SITE);

                assertEquals(403, evilPreflight.statusCode());
                assertTrue(evilPreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
                assertEquals(403, evilPost.statusCode());
                assertEquals(403, lookalike.statusCode());
                assertEquals(204, goodPreflight.statusCode());
                assertEquals(SITE, goodPreflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
                assertTrue(goodPreflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
                assertTrue(goodPreflight.headers().allValues("Vary").toString().contains("Origin"));
                assertEquals(201, goodPost.statusCode());
                assertEquals(SITE, goodPost.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
                assertTrue(goodPost.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
                assertEquals(1, fx.flotiq().objects("contact_form").size());
            });
        }
    }

    @Test
    void a_form_that_requires_an_origin_refuses_posts_without_one() {
        fx.gate().schema("strict.schema.json", """
                {"type":"object","properties":{"email":{"type":"string"}},"x-formgate":{"requireOrigin":true}}""");
        fx.flotiq().contentType("strict", java.util.Set.of("email"));
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                assertEquals(403, http.json("/forms/strict", "{\"email\":\"a@b.co\"}").statusCode());
                assertEquals(201, http.json("/forms/strict", "{\"email\":\"a@b.co\"}", "Origin", SITE).statusCode());
            });
        }
    }

    @Test
    void a_filled_honeypot_gets_the_real_answer_but_nothing_is_stored_or_delivered() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> bot = http.form("/forms/contact-form",
                        "name=Bot+Bot&email=bot%40spam.example&message=Buy+cheap+things+now&_gotcha=http%3A%2F%2Fspam", "Accept", "application/json");
                HttpResponse<String> human = http.form("/forms/contact-form",
                        "name=Hu+Man&email=hu%40example.com&message=A+real+question+here&_gotcha=", "Accept", "application/json");

                assertEquals(human.statusCode(), bot.statusCode());
                assertEquals(json(human).get("status"), json(bot).get("status"));
                assertEquals(json(human).get("id").asText().length(), json(bot).get("id").asText().length());
                assertEquals(1, fx.flotiq().objects("contact_form").size());
                // the delivered mark is committed just after the answer (the request path does not wait for it)
                Eventually.until(() -> app.stats().delivered() == 1);
                assertEquals(0, app.stats().queued());
            });
        }
    }

    @Test
    void a_captcha_form_refuses_posts_without_a_token_and_with_a_bad_token() throws Exception {
        try (FakeSiteverify siteverify = new FakeSiteverify()) {
            fx.gate().schema("protected.schema.json", """
                    {"type":"object","required":["email"],"properties":{"email":{"type":"string","format":"email"}},
                     "x-formgate":{"captcha":"turnstile"}}""");
            fx.flotiq().contentType("protected", java.util.Set.of("email"));
            try (App app = fx.gate().set("TURNSTILE_SECRET_KEY", "turnstile-secret-value-123")
                    .set("FORMGATE_CAPTCHA_VERIFY_URL", siteverify.url()).app()) {
                JavalinTest.test(app.javalin(), (server, client) -> {
                    Http http = new Http(server.port());

                    HttpResponse<String> missing = http.json("/forms/protected", "{\"email\":\"a@b.co\"}");
                    siteverify.answer(200, "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
                    HttpResponse<String> bad = http.json("/forms/protected", "{\"email\":\"a@b.co\",\"cf-turnstile-response\":\"forged\"}");
                    siteverify.answer(200, "{\"success\":true}");
                    HttpResponse<String> good = http.json("/forms/protected", "{\"email\":\"a@b.co\",\"cf-turnstile-response\":\"real\"}");

                    assertEquals(403, missing.statusCode());
                    assertTrue(json(missing).get("detail").asText().contains("captcha"));
                    assertEquals(403, bad.statusCode());
                    assertEquals(201, good.statusCode(), good.body());
                    assertEquals(2, siteverify.requests().size(), "no siteverify call without a token");
                    assertEquals("turnstile-secret-value-123", siteverify.requests().get(1).form().get("secret"));
                    assertFalse(fx.flotiq().objects("protected").get(0).has("cf-turnstile-response"));
                    assertEquals(1, fx.flotiq().objects("protected").size());
                });
            }
        }
    }

    @Test
    void a_captcha_form_without_its_secret_stops_startup_naming_file_key_and_variable() {
        fx.gate().schema("protected.schema.json", """
                {"type":"object","properties":{"email":{"type":"string"}},"x-formgate":{"captcha":"hcaptcha"}}""");

        ConfigException e = assertThrows(ConfigException.class, fx.gate()::app);

        assertTrue(e.getMessage().contains("protected.schema.json"), e.getMessage());
        assertTrue(e.getMessage().contains("x-formgate.captcha"), e.getMessage());
        assertTrue(e.getMessage().contains("HCAPTCHA_SECRET_KEY"), e.getMessage());
    }

    @Test
    void a_malformed_rate_limit_stops_startup_with_a_clear_message() {
        fx.gate().schema("contact-form.schema.json", """
                {"type":"object","properties":{"email":{"type":"string"}},"x-formgate":{"rateLimit":{"perClient":["5/0m"]}}}""");

        ConfigException e = assertThrows(ConfigException.class, fx.gate()::app);

        assertTrue(e.getMessage().contains("contact-form.schema.json"), e.getMessage());
        assertTrue(e.getMessage().contains("x-formgate.rateLimit.perClient \"5/0m\""), e.getMessage());
    }

    @Test
    void a_client_that_stalls_mid_request_is_disconnected_after_the_idle_timeout() throws Exception {
        try (App app = fx.gate().set("FORMGATE_IDLE_TIMEOUT", "500ms").app()) {
            app.javalin().start("127.0.0.1", 0);
            try (java.net.Socket slow = new java.net.Socket("127.0.0.1", app.javalin().port())) {
                slow.setSoTimeout(10_000);
                slow.getOutputStream().write("POST /forms/contact-form HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{".getBytes());
                long start = System.nanoTime();

                java.io.InputStream in = slow.getInputStream();
                while (in.read() != -1) { /* drain whatever the server says before it closes */ }

                long waitedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(waitedMs < 5_000, "closed after " + waitedMs + " ms");
            }
            assertEquals(0, fx.flotiq().requests().size());
        }
    }

    @Test
    void connections_keep_no_header_cache_so_closed_keep_alive_connections_leave_little_for_the_old_generation() {
        try (App app = fx.gate().app()) {
            app.javalin().start("127.0.0.1", 0);
            var factories = java.util.Arrays.stream(app.javalin().jettyServer().server().getConnectors())
                    .flatMap(c -> c.getConnectionFactories().stream())
                    .filter(f -> f instanceof org.eclipse.jetty.server.HttpConnectionFactory)
                    .map(f -> (org.eclipse.jetty.server.HttpConnectionFactory) f)
                    .toList();

            assertFalse(factories.isEmpty());
            factories.forEach(f -> assertEquals(0, f.getHttpConfiguration().getHeaderCacheSize(),
                    "a per-connection header cache costs ~100 KB per keep-alive connection"));
            Http http = new Http(app.javalin().port());
            assertEquals(201, http.json("/forms/contact-form", VALID).statusCode());
            assertEquals(201, http.json("/forms/contact-form", VALID.replace("Ada", "Grace")).statusCode(),
                    "a second request on the connection parses its headers without the cache");
        }
    }
}
