package dev.formgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The submit paths are served by Jetty in front of Javalin (intake.SubmitRoutes): which requests they take, which go
 * on to Javalin, and that their answers carry what Javalin's carry.
 */
class SubmitRoutesTest {
    static final String VALID = MainPathTest.VALID;
    static final String SITE = "https://site.example";

    @RegisterExtension
    final GateFixture fx = new GateFixture().set("FORMGATE_ALLOWED_ORIGINS", SITE);

    @Test
    void the_server_answers_on_its_selector_threads_one_per_core() {
        // Jetty hands a request to another thread first unless every handler in front says it will not block; the
        // submit paths say so and hand over only what may wait, so a refusal costs no hand-off (bench/README.md)
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                org.eclipse.jetty.server.Server jetty = app.javalin().jettyServer().server();
                int cores = Runtime.getRuntime().availableProcessors();

                assertEquals(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING, jetty.getInvocationType());
                var connector = (org.eclipse.jetty.server.ServerConnector) jetty.getConnectors()[0];
                assertEquals(Math.max(1, Math.min(4, cores)), connector.getSelectorManager().getSelectorCount());
                assertEquals(201, new Http(server.port()).json("/forms/contact-form", VALID).statusCode());
                assertEquals(200, new Http(server.port()).get("/health").statusCode(), "Javalin's routes, handed over");
            });
        }
    }

    @Test
    void a_trailing_slash_is_the_same_submit_path() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                assertEquals(201, http.json("/forms/contact-form/", VALID).statusCode());
                assertEquals(201, http.json("/api/v1/content/contact_form/", VALID).statusCode());
                assertEquals(2, fx.flotiq().requests().size());
            });
        }
    }

    @Test
    void deeper_and_empty_paths_go_on_to_javalin_and_store_nothing() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                for (String path : new String[] {"/forms/contact-form/extra", "/forms/", "/api/v1/content/", "/forms//x"}) {
                    HttpResponse<String> r = http.json(path, VALID);
                    assertEquals(404, r.statusCode(), path + ": " + r.body());
                    assertTrue(r.body().contains("urn:formgate:problem:not-found"), path + ": " + r.body());
                }
                HttpResponse<String> schema = http.get("/forms/contact-form/schema");
                assertEquals(200, schema.statusCode(), "Javalin still serves the schema below a submit path");
                assertTrue(fx.flotiq().requests().isEmpty());
                assertEquals(0, app.stats().queued() + app.stats().held() + app.stats().delivered());
            });
        }
    }

    @Test
    void other_methods_on_a_submit_path_are_refused_with_405() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> get = http.get("/api/v1/content/contact_form", "Accept", "application/json");
                assertEquals(405, get.statusCode());
                assertTrue(get.body().contains("urn:formgate:problem:method-not-allowed"), get.body());
                assertTrue(get.body().contains("GET is not allowed here"), get.body());
                assertEquals(405, http.send("DELETE", "/forms/contact-form", null, null).statusCode());
                assertEquals(405, http.send("HEAD", "/forms/contact-form", null, null).statusCode());
                assertTrue(fx.flotiq().requests().isEmpty());
            });
        }
    }

    @Test
    void submit_answers_carry_the_request_id_and_the_security_headers() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> created = http.json("/forms/contact-form", VALID, "X-Request-Id", "trace-42");
                HttpResponse<String> refused = http.json("/forms/nope", VALID);
                HttpResponse<String> preflight = http.send("OPTIONS", "/api/v1/content/contact_form", null, null,
                        "Origin", SITE, "Access-Control-Request-Method", "POST");

                assertEquals(201, created.statusCode());
                assertEquals("trace-42", created.headers().firstValue("X-Request-Id").orElseThrow());
                assertEquals(36, refused.headers().firstValue("X-Request-Id").orElseThrow().length(), "a new UUID");
                assertEquals(204, preflight.statusCode());
                assertEquals(SITE, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
                for (HttpResponse<String> r : java.util.List.of(created, refused, preflight)) {
                    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
                    assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElseThrow());
                    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElseThrow());
                    assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'none'"));
                }
                assertEquals("application/json", created.headers().firstValue("Content-Type").orElseThrow());
                assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
            });
        }
    }
}
